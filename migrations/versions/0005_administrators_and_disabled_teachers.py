"""administrators and disabled teacher accounts

teachers.is_admin marks the accounts that create, disable and reset other accounts;
teachers.active = false disables an account (it cannot sign in, its sessions end). The
database refuses a disabled administrator (ck_teachers_admin_is_active), so one who can act
always remains. Existing accounts become active non-administrators: name the first
administrator with `flask --app quizapp set-admin EMAIL` (README, Teachers).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 02:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('teachers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_check_constraint('admin_is_active', 'active OR NOT is_admin')


def downgrade():
    with op.batch_alter_table('teachers', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_teachers_admin_is_active'), type_='check')
        batch_op.drop_column('active')
        batch_op.drop_column('is_admin')
