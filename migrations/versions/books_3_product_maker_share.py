"""product_maker.share: each maker's share of a product's sales (equal by default)

Revision ID: books_3
Revises: books_2
Create Date: 2026-12-01 09:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "books_3"
down_revision = "books_2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("product_maker") as batch:
        batch.add_column(sa.Column("share", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    with op.batch_alter_table("product_maker") as batch:
        batch.drop_column("share")
