"""Account 1104 Piutang anggota for every group that keeps books: a maker paid a share of a sale that was later
refunded owes it back to the group (audit E18)

Data only. Downgrade removes the account where nothing was posted to it.

Revision ID: books_4
Revises: books_3
Create Date: 2026-12-01 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "books_4"
down_revision = "books_3"
branch_labels = None
depends_on = None


def upgrade():
    op.get_bind().execute(sa.text(
        "INSERT INTO ledger_account (group_id, code, name, kind) "
        "SELECT DISTINCT a.group_id, '1104', 'Piutang anggota', 'asset' FROM ledger_account a WHERE NOT EXISTS "
        "(SELECT 1 FROM ledger_account b WHERE b.group_id = a.group_id AND b.code = '1104')"))


def downgrade():
    op.get_bind().execute(sa.text(
        "DELETE FROM ledger_account WHERE code = '1104' AND NOT EXISTS "
        "(SELECT 1 FROM posting p WHERE p.account_id = ledger_account.id)"))
