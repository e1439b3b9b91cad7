"""audio retention per group; session ids never reused

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audio_retention_days', sa.Integer(), nullable=True))
    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audio_deleted_at', sa.DateTime(), nullable=True))
    # Sessions can be deleted now: AUTOINCREMENT keeps SQLite from giving a deleted session's id
    # (and so the access a browser was granted to it) to the next one. The table is rebuilt.
    with op.batch_alter_table('sessions', schema=None, recreate='always',
                              table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        pass


def downgrade() -> None:
    with op.batch_alter_table('sessions', schema=None, recreate='always',
                              table_kwargs={'sqlite_autoincrement': False}) as batch_op:
        pass
    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.drop_column('audio_deleted_at')
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_column('audio_retention_days')
