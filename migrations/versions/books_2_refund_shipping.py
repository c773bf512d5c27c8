"""refund.shipping: how much of a refund was the shipping fee (partial refunds split goods and shipping)

Existing refunds were whole parts, shipping included: they get the part's shipping fee.

Revision ID: books_2
Revises: books_1
Create Date: 2026-12-01 09:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "books_2"
down_revision = "books_1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("refund") as batch:
        batch.add_column(sa.Column("shipping", sa.BigInteger(), nullable=False, server_default="0"))
    op.execute("UPDATE refund SET shipping = (SELECT order_part.shipping_fee FROM order_part "
               "WHERE order_part.id = refund.part_id)")
    with op.batch_alter_table("refund") as batch:
        batch.alter_column("shipping", server_default=None)


def downgrade():
    with op.batch_alter_table("refund") as batch:
        batch.drop_column("shipping")
