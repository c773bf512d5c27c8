"""group qris_image: the group's own static QRIS, offered at the bazaar till for a sale of that group's items only
(the money lands in the group's bank, not with the organiser)

Revision ID: bazaar2_group_qris
Revises: journeys3_pickup
Create Date: 2026-12-01 13:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "bazaar2_group_qris"
down_revision = "journeys3_pickup"
branch_labels = None
depends_on = None


# plain ALTER TABLE, no batch copy: SQLite's search triggers name maker_group, so the table must not be rebuilt


def upgrade():
    op.add_column("maker_group", sa.Column("qris_image", sa.String(length=80), nullable=True))


def downgrade():
    op.drop_column("maker_group", "qris_image")
