"""recording consent, take status, transcription jobs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:04:16.060793
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recording_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('done_until', sa.Double(), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['recording_id'], ['recordings.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('recording_id')
    )
    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), server_default='ready', nullable=False))
        batch_op.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('recovered', sa.Boolean(), server_default=sa.text('0'), nullable=False))

    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_segments_recording_position', ['recording_id', 'position'])

    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('consent_at')

    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_constraint('uq_segments_recording_position', type_='unique')

    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.drop_column('recovered')
        batch_op.drop_column('pid')
        batch_op.drop_column('status')

    op.drop_table('jobs')
