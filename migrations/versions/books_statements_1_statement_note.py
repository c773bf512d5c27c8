"""statement_note: a group's own text for the notes to its financial statements (CaLK, SAK EMKM)

Revision ID: books_statements_1
Revises: gaps_2
Create Date: 2026-12-01 12:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "books_statements_1"
down_revision = "gaps_2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "statement_note",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["maker_group.id"],
                                name=op.f("fk_statement_note_group_id_maker_group")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"],
                                name=op.f("fk_statement_note_updated_by_id_user_account")),
        sa.PrimaryKeyConstraint("group_id", name=op.f("pk_statement_note")),
    )


def downgrade():
    op.drop_table("statement_note")
