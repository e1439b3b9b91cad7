"""why each item was extracted

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 14:05:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Items extracted before this revision have no reason stored; the next extraction of their
    # step gives them one.
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('why', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_column('why')
