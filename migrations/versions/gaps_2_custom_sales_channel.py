"""sales_credit: made-to-measure requests delivered before this revision were credited on the channel "online";
they are credited on "custom" (their entries' reference is custom:<id>:delivered). Data only.

Revision ID: gaps_2
Revises: gaps_1
Create Date: 2026-12-02 09:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "gaps_2"
down_revision = "gaps_1"
branch_labels = None
depends_on = None


def _move(old: str, new: str) -> None:
    op.execute(sa.text("UPDATE sales_credit SET channel = :new WHERE channel = :old AND entry_id IN "
                       "(SELECT id FROM journal_entry WHERE reference LIKE :ref)")
               .bindparams(new=new, old=old, ref="custom:%:delivered"))


def upgrade():
    _move("online", "custom")


def downgrade():
    _move("custom", "online")
