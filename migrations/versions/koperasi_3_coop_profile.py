"""coop_profile: a group's founding steps (rapat pendirian and minutes, notary deed, NIB) and its way to a
koperasi (alone, jointly with groups of the same office, or joining an existing koperasi)

Revision ID: koperasi_3
Revises: koperasi_2
Create Date: 2026-12-01 10:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = "koperasi_3"
down_revision = "koperasi_2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "coop_profile",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("founding_meeting_on", sa.Date(), nullable=True),
        sa.Column("founding_minutes", sa.Text(), nullable=False),
        sa.Column("deed_number", sa.String(length=80), nullable=False),
        sa.Column("deed_date", sa.Date(), nullable=True),
        sa.Column("nib", sa.String(length=40), nullable=False),
        sa.Column("path", sa.String(length=10), nullable=False),
        sa.Column("joint_name", sa.String(length=160), nullable=False),
        sa.Column("existing_koperasi", sa.String(length=160), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["maker_group.id"], name=op.f("fk_coop_profile_group_id_maker_group")),
        sa.PrimaryKeyConstraint("group_id", name=op.f("pk_coop_profile")),
    )


def downgrade():
    op.drop_table("coop_profile")
