"""drafts: the answers a student has typed so far, kept in the attempt row until the submit

attempts.draft holds the quiz form's posted values ({"q12": ["a"], ...}) of an attempt that is
not submitted yet; the submit's UPDATE clears it in the same statement. It is never graded and
never read by the statistics. The check keeps a submitted attempt free of a draft.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 04:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draft', sa.JSON(none_as_null=True), nullable=True))
        batch_op.create_check_constraint(op.f('ck_attempts_draft_only_while_open'),
                                         'submitted_at IS NULL OR draft IS NULL')


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attempts_draft_only_while_open'), type_='check')
        batch_op.drop_column('draft')
