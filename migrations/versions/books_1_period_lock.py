"""period_lock: months the bendahara soft-locked, with who reopened them and why

Revision ID: books_1
Revises: performance_04
Create Date: 2026-12-01 09:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "books_1"
down_revision = "performance_04"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "period_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("locked_by_id", sa.Integer(), nullable=True),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("reopened_by_id", sa.Integer(), nullable=True),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopen_reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["maker_group.id"], name=op.f("fk_period_lock_group_id_maker_group")),
        sa.ForeignKeyConstraint(["locked_by_id"], ["user_account.id"],
                                name=op.f("fk_period_lock_locked_by_id_user_account")),
        sa.ForeignKeyConstraint(["reopened_by_id"], ["user_account.id"],
                                name=op.f("fk_period_lock_reopened_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_lock")),
    )
    op.create_index(op.f("ix_period_lock_group_id"), "period_lock", ["group_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_period_lock_group_id"), table_name="period_lock")
    op.drop_table("period_lock")
