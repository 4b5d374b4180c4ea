"""answers stored in the attempt row

A submit now stores its graded answers in attempts.answers with one UPDATE and marks the
attempt responses_pending; quizapp.services.responses writes the responses rows for the statistics
later, in bulk. Attempts submitted before this revision get their answers copied from their
responses rows, so every submitted attempt has them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 17:31:01.982797

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

attempts = sa.table("attempts", sa.column("id", sa.Integer), sa.column("layout", sa.JSON),
                    sa.column("submitted_at", sa.DateTime), sa.column("answers", sa.JSON(none_as_null=True)))
responses = sa.table("responses", sa.column("attempt_id", sa.Integer), sa.column("question_id", sa.Integer),
                     sa.column("answer", sa.JSON), sa.column("raw", sa.Text), sa.column("points", sa.Float),
                     sa.column("max_points", sa.Integer), sa.column("correct", sa.Boolean))
BATCH = 1000


def _copy_answers_from_responses() -> None:
    connection = op.get_bind()
    submitted = connection.execute(sa.select(attempts.c.id, attempts.c.layout)
                                   .where(attempts.c.submitted_at.is_not(None)).order_by(attempts.c.id)).all()
    for start in range(0, len(submitted), BATCH):
        chunk = submitted[start:start + BATCH]
        stored: dict[tuple[int, int], dict] = {}
        for row in connection.execute(sa.select(responses).where(responses.c.attempt_id.in_([a.id for a in chunk]))):
            stored[(row.attempt_id, row.question_id)] = {
                "answer": row.answer, "raw": row.raw, "points": row.points, "max_points": row.max_points,
                "correct": bool(row.correct)}
        blank = {"answer": None, "raw": "", "points": 0.0, "max_points": 0, "correct": False}
        updates = [{"attempt_id": a.id, "stored": [stored.get((a.id, item["question_id"]), blank) for item in a.layout]}
                   for a in chunk]
        connection.execute(attempts.update().where(attempts.c.id == sa.bindparam("attempt_id"))
                           .values(answers=sa.bindparam("stored", type_=sa.JSON(none_as_null=True))), updates)


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answers', sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(sa.Column('responses_pending', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_attempts_responses_pending', ['responses_pending'], unique=False)

    _copy_answers_from_responses()

    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_attempts_answers_when_submitted'), '(submitted_at IS NULL) = (answers IS NULL)')
        batch_op.create_check_constraint(op.f('ck_attempts_pending_when_submitted'), 'NOT responses_pending OR submitted_at IS NOT NULL')


def downgrade():
    # The statistics' rows must be written before the answers column goes away.
    connection = op.get_bind()
    if connection.execute(sa.text("SELECT 1 FROM attempts WHERE responses_pending LIMIT 1")).first():
        raise RuntimeError("Some attempts' responses are not stored yet: run `flask --app quizapp store-responses` "
                           "with the current release first, then downgrade.")
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attempts_pending_when_submitted'), type_='check')
        batch_op.drop_constraint(op.f('ck_attempts_answers_when_submitted'), type_='check')
        batch_op.drop_index('ix_attempts_responses_pending')
        batch_op.drop_column('responses_pending')
        batch_op.drop_column('answers')
