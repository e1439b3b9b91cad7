"""groups, client review and action plan

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 10:11:07.567215
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('group_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_members_group_id'), ['group_id'], unique=False)

    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actions_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), server_default='proposed', nullable=False))
        batch_op.add_column(sa.Column('source', sa.String(length=16), server_default='extracted', nullable=False))
        batch_op.add_column(sa.Column('edited', sa.Boolean(), server_default=sa.text('0'), nullable=False))

    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cycle', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('facilitator', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('synthesis', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('validated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('notes_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('access_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('client_token', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_sessions_group_id'), ['group_id'], unique=False)
        batch_op.create_foreign_key('fk_sessions_group_id_groups', 'groups', ['group_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_constraint('fk_sessions_group_id_groups', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_sessions_group_id'))
        batch_op.drop_column('client_token')
        batch_op.drop_column('access_token')
        batch_op.drop_column('notes_version')
        batch_op.drop_column('validated_at')
        batch_op.drop_column('synthesis')
        batch_op.drop_column('facilitator')
        batch_op.drop_column('cycle')
        batch_op.drop_column('group_id')

    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_column('edited')
        batch_op.drop_column('source')
        batch_op.drop_column('status')

    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actions_session_id'))

    op.drop_table('actions')
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_members_group_id'))

    op.drop_table('group_members')
    op.drop_table('groups')
