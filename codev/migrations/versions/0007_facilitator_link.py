"""a facilitator link, and when the links were made (their grants expire after it)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:20:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Links made before this revision have no time: their grants expire after the session day.
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('facilitator_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('links_made_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('links_made_at')
        batch_op.drop_column('facilitator_token')
