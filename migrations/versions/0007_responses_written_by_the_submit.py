"""responses written by the submit: no backlog of pending attempts, no response_choices

A submit now writes the statistics' responses rows in its own transaction, so
attempts.responses_pending, its partial index and its check constraint go. Attempts still
pending at the upgrade get their rows here first, from their stored answers, so every
submitted attempt has them. The option counts group the responses by their stored answer and
ask the question's kind which options it picked, so the response_choices rows go too.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 03:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

FIELDS = ("answer", "raw", "points", "max_points", "correct")  # quizapp.models.ANSWER_FIELDS at this revision
attempts = sa.table("attempts", sa.column("id", sa.Integer), sa.column("layout", sa.JSON),
                    sa.column("answers", sa.JSON(none_as_null=True)), sa.column("responses_pending", sa.Boolean))
versions = sa.table("question_versions", sa.column("id", sa.Integer), sa.column("kind", sa.String))
responses = sa.table("responses", sa.column("id", sa.Integer), sa.column("attempt_id", sa.Integer),
                     sa.column("question_id", sa.Integer), sa.column("question_version_id", sa.Integer),
                     sa.column("position", sa.Integer), sa.column("answer", sa.JSON), sa.column("raw", sa.Text),
                     sa.column("points", sa.Float), sa.column("max_points", sa.Integer),
                     sa.column("correct", sa.Boolean))
choices = sa.table("response_choices", sa.column("response_id", sa.Integer), sa.column("option_key", sa.String))
BATCH = 500


def _chosen_keys(kind: str, answer) -> list[str]:
    """The kinds' chosen_keys at this revision, frozen: which options an answer picked."""
    if kind in ("single_choice", "evidence"):
        return [answer] if isinstance(answer, str) else []
    if kind == "multiple_select":
        return [key for key in answer if isinstance(key, str)] if isinstance(answer, list) else []
    if kind == "true_false":
        return [("true" if answer else "false")] if isinstance(answer, bool) else []
    return []


def _write_pending_rows() -> None:
    connection = op.get_bind()
    pending = connection.execute(sa.select(attempts.c.id).where(attempts.c.responses_pending == sa.true())
                                 .order_by(attempts.c.id)).scalars().all()
    for start in range(0, len(pending), BATCH):
        rows = [{"attempt_id": attempt_id, "question_id": item["question_id"],
                 "question_version_id": item["version_id"], "position": position, **dict(zip(FIELDS, stored))}
                for attempt_id, layout, answers in connection.execute(
                    sa.select(attempts.c.id, attempts.c.layout, attempts.c.answers)
                    .where(attempts.c.id.in_(pending[start:start + BATCH])))
                for position, (item, stored) in enumerate(zip(layout, answers))]
        if rows:
            connection.execute(responses.insert(), rows)


def _fill_choices() -> None:
    connection = op.get_bind()
    kinds = dict(connection.execute(sa.select(versions.c.id, versions.c.kind)).all())
    last = 0
    while True:
        found = connection.execute(sa.select(responses.c.id, responses.c.question_version_id, responses.c.answer)
                                   .where(responses.c.id > last).order_by(responses.c.id).limit(BATCH * 30)).all()
        if not found:
            return
        last = found[-1].id
        made = [{"response_id": response_id, "option_key": key} for response_id, version_id, answer in found
                for key in dict.fromkeys(_chosen_keys(kinds.get(version_id, ""), answer)) if len(key) <= 16]
        if made:
            connection.execute(choices.insert(), made)


def upgrade():
    _write_pending_rows()
    op.drop_table('response_choices')
    op.drop_index('ix_attempts_responses_pending', table_name='attempts')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attempts_pending_when_submitted'), type_='check')
        batch_op.drop_column('responses_pending')


def downgrade():
    # Every submitted attempt has its rows now, so none is pending.
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responses_pending', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_check_constraint(op.f('ck_attempts_pending_when_submitted'),
                                         'NOT responses_pending OR submitted_at IS NOT NULL')
    op.create_index('ix_attempts_responses_pending', 'attempts', ['responses_pending'], unique=False,
                    sqlite_where=sa.text("responses_pending = 1"), postgresql_where=sa.text("responses_pending"))
    op.create_table('response_choices',
                    sa.Column('response_id', sa.Integer(), nullable=False),
                    sa.Column('option_key', sa.String(length=16), nullable=False),
                    sa.ForeignKeyConstraint(['response_id'], ['responses.id'],
                                            name=op.f('fk_response_choices_response_id_responses'), ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('response_id', 'option_key', name=op.f('pk_response_choices')))
    _fill_choices()
