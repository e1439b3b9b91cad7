"""a take's number is unique in its step, a member's name in their group

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:30:00.000000
"""
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # What the races these indexes prevent left behind: a member added twice by two requests at
    # once (the first stays), and takes stored at once that share a number (numbered again in
    # the order they were stored).
    op.execute("DELETE FROM group_members WHERE id NOT IN (SELECT min(id) FROM group_members GROUP BY group_id, name)")
    op.execute("UPDATE recordings SET position = (SELECT numbered.n FROM (SELECT id, row_number() OVER "
               "(PARTITION BY step_id ORDER BY position, id) AS n FROM recordings) AS numbered "
               "WHERE numbered.id = recordings.id)")
    op.create_index('uq_recordings_step_position', 'recordings', ['step_id', 'position'], unique=True)
    op.create_index('uq_group_members_group_name', 'group_members', ['group_id', 'name'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_group_members_group_name', table_name='group_members')
    op.drop_index('uq_recordings_step_position', table_name='recordings')
