"""maker_group.updated_at: the version cached product cards name in their key

Revision ID: performance_01
Revises: tailoring01
Create Date: 2026-12-01 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'performance_01'
down_revision = "tailoring01"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('maker_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE maker_group SET updated_at = created_at")
    with op.batch_alter_table('maker_group', schema=None) as batch_op:
        batch_op.alter_column('updated_at', existing_type=sa.DateTime(), nullable=False)


def downgrade():
    with op.batch_alter_table('maker_group', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
