"""members' voiceprints, the speaker of each transcript line and item

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 15:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'voiceprints',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('vector', sa.LargeBinary(), nullable=False),
        sa.Column('speech_seconds', sa.Double(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['group_members.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('member_id', name='uq_voiceprints_member_id'),
    )
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaker', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('speaker_corrected', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaker', sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_column('speaker')
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_column('speaker_corrected')
        batch_op.drop_column('speaker')
    op.drop_table('voiceprints')
