"""outbox_message.claimed_at: one sender per message across processes

Revision ID: performance_04
Revises: performance_03
Create Date: 2026-12-01 09:35:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'performance_04'
down_revision = 'performance_03'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')
