"""question version ids are never reused on SQLite (AUTOINCREMENT)

A version id names immutable content: rendered fragments and snapshots are cached by it and
attempt layouts store it. Without AUTOINCREMENT, SQLite gives the id of a deleted newest row to
the next one, so a deleted question's cached content could show for a new question. PostgreSQL's
sequences never reuse ids: nothing changes there.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 04:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table('question_versions', recreate='always',
                              table_kwargs={'sqlite_autoincrement': autoincrement}):
        pass


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
