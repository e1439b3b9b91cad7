"""extracted text of items

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 10:40:56.558188
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extracted_text', sa.Text(), nullable=True))
    op.execute("UPDATE items SET extracted_text = text WHERE source = 'extracted' AND NOT edited")


def downgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_column('extracted_text')

