"""compact answers, and fewer index writes per submit

attempts.answers keeps each graded answer as a list [answer, raw, points, max_points,
correct] instead of an object with those keys: a third of the size, so an attempt row
(layout and answers) fits in one SQLite page and a submit writes less. The index on
submitted_at alone is dropped: every query on it also names the quiz, which
ix_attempts_results covers, and each index costs every submit a write. The index of pending
attempts holds only those (a partial index): a submit adds an entry instead of moving one
across an index of every attempt.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 19:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

FIELDS = ("answer", "raw", "points", "max_points", "correct")  # quizapp.models.ANSWER_FIELDS at this revision
attempts = sa.table("attempts", sa.column("id", sa.Integer), sa.column("answers", sa.JSON(none_as_null=True)))
BATCH = 1000


def _rewrite_answers(convert) -> None:
    connection = op.get_bind()
    ids = connection.execute(sa.select(attempts.c.id).where(attempts.c.answers.is_not(None))
                             .order_by(attempts.c.id)).scalars().all()
    for start in range(0, len(ids), BATCH):
        rows = connection.execute(sa.select(attempts.c.id, attempts.c.answers)
                                  .where(attempts.c.id.in_(ids[start:start + BATCH]))).all()
        connection.execute(attempts.update().where(attempts.c.id == sa.bindparam("attempt_id"))
                           .values(answers=sa.bindparam("stored", type_=sa.JSON(none_as_null=True))),
                           [{"attempt_id": row.id, "stored": [convert(entry) for entry in row.answers]}
                            for row in rows])


def upgrade():
    _rewrite_answers(lambda entry: [entry[field] for field in FIELDS] if isinstance(entry, dict) else entry)
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_submitted_at')
    op.drop_index('ix_attempts_responses_pending', table_name='attempts')
    op.create_index('ix_attempts_responses_pending', 'attempts', ['responses_pending'], unique=False,
                    sqlite_where=sa.text("responses_pending = 1"), postgresql_where=sa.text("responses_pending"))


def downgrade():
    _rewrite_answers(lambda entry: dict(zip(FIELDS, entry)) if isinstance(entry, list) else entry)
    op.drop_index('ix_attempts_responses_pending', table_name='attempts')
    op.create_index('ix_attempts_responses_pending', 'attempts', ['responses_pending'], unique=False)
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index('ix_attempts_submitted_at', ['submitted_at'], unique=False)
