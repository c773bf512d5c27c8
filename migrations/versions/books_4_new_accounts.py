"""New accounts for every group that keeps books: 1105 Piutang anggota (a maker paid a share of a sale that was
later refunded owes it back: audit E18), expense categories 5203-5207 (bahan, alat, transport, sewa stan,
listrik) and 5208 Biaya kirim (the courier's real charge); 5202 becomes "Biaya operasional lain-lain"

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


NEW = (("1105", "Piutang anggota", "asset"), ("5203", "Biaya bahan", "expense"), ("5204", "Biaya alat", "expense"),
       ("5205", "Biaya transport", "expense"), ("5206", "Biaya sewa stan", "expense"),
       ("5207", "Biaya listrik", "expense"), ("5208", "Biaya kirim", "expense"))


def upgrade():
    bind = op.get_bind()
    for code, name, kind in NEW:
        bind.execute(sa.text(
            "INSERT INTO ledger_account (group_id, code, name, kind) "
            "SELECT DISTINCT a.group_id, :code, :name, :kind FROM ledger_account a WHERE NOT EXISTS "
            "(SELECT 1 FROM ledger_account b WHERE b.group_id = a.group_id AND b.code = :same_code)"),
            {"code": code, "name": name, "kind": kind, "same_code": code})
    bind.execute(sa.text("UPDATE ledger_account SET name = 'Biaya operasional lain-lain' WHERE code = '5202'"))


def downgrade():
    bind = op.get_bind()
    for code, _name, _kind in NEW:
        bind.execute(sa.text(
            "DELETE FROM ledger_account WHERE code = :code AND NOT EXISTS "
            "(SELECT 1 FROM posting p WHERE p.account_id = ledger_account.id)"), {"code": code})
    bind.execute(sa.text("UPDATE ledger_account SET name = 'Biaya operasional' WHERE code = '5202'"))
