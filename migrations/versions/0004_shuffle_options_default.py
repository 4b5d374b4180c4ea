"""options shuffled by default

New quizzes shuffle their answer options unless a teacher turns it off, so the position of
the correct option tells a student nothing (QUESTIONS.md, rule 11). The database default
says so too, for rows written by other tools; existing quizzes keep their setting.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 02:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.alter_column('shuffle_options', existing_type=sa.Boolean(), existing_nullable=False,
                              server_default=sa.true())


def downgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.alter_column('shuffle_options', existing_type=sa.Boolean(), existing_nullable=False,
                              server_default=None)
