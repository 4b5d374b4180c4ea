"""student sign-in keys: signing out ends a student's session on the server

students.sign_in_key is part of the identity in a student's session and remember-me cookies;
signing out replaces it, so earlier cookies (copied, or on another device) stop signing in.
Existing students keep NULL, which matches the cookies they already have, until they sign out.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sign_in_key', sa.String(length=43), nullable=True))


def downgrade():
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.drop_column('sign_in_key')
