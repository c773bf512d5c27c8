"""group pickup_hours: when buyers who collect their order may come (shown with the address on the order page)

Revision ID: journeys3_pickup
Revises: assets_1
Create Date: 2026-12-01 12:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "journeys3_pickup"
down_revision = "assets_1"
branch_labels = None
depends_on = None


# plain ALTER TABLE, no batch copy: SQLite's search triggers name maker_group, so the table must not be rebuilt


def upgrade():
    op.add_column("maker_group", sa.Column("pickup_hours", sa.String(length=120), server_default="", nullable=False))


def downgrade():
    op.drop_column("maker_group", "pickup_hours")
