"""transcript lines corrected by hand, word timings, a group's own words

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 11:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heard_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('corrected_by', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('words', sa.JSON(), nullable=True))
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vocabulary', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_column('vocabulary')
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_column('words')
        batch_op.drop_column('corrected_by')
        batch_op.drop_column('heard_text')
