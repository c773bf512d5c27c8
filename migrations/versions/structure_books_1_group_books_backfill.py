"""Every group has its chart of accounts, book settings and cooperative settings

The rows used to be inserted lazily, by the pages that read them; now shop.groups.services.create_group makes
them when a group is created and the getters only read. This backfills groups made before: any missing
account of the chart, a book_settings row and a coop_settings row, at the defaults of that time.

Data only, so downgrade changes nothing (the rows are the group's books; removing them could lose settings a
coordinator has since edited).

Revision ID: structure_books_1
Revises: 3b0131a39e41
Create Date: 2026-12-01 08:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = "structure_books_1"
down_revision = "3b0131a39e41"
branch_labels = None
depends_on = None

# the chart as it stands at this revision (frozen here: a migration must not change when the code does)
CHART = (
    ("1101", "Kas", "asset"), ("1102", "Bank", "asset"), ("1103", "Piutang platform", "asset"),
    ("2101", "Utang anggota", "liability"), ("2102", "Uang muka pelanggan", "liability"),
    ("2103", "Simpanan sukarela", "liability"), ("2104", "Utang SHU anggota", "liability"),
    ("2105", "Dana pengurus", "liability"), ("2106", "Dana karyawan", "liability"),
    ("2107", "Dana pendidikan", "liability"), ("2108", "Dana sosial", "liability"),
    ("3101", "Simpanan pokok", "equity"), ("3102", "Simpanan wajib", "equity"), ("3103", "Cadangan", "equity"),
    ("3104", "SHU ditahan / rugi", "equity"),
    ("4101", "Penjualan online", "income"), ("4102", "Penjualan bazaar", "income"),
    ("4103", "Retur penjualan", "income"), ("4201", "Pendapatan ongkos kirim", "income"),
    ("4202", "Pendapatan lain-lain", "income"),
    ("5101", "Bagian pengrajin (harga pokok)", "expense"), ("5201", "Biaya pembayaran", "expense"),
    ("5202", "Biaya operasional", "expense"),
)


def upgrade():
    bind = op.get_bind()
    for code, name, kind in CHART:
        bind.execute(sa.text(
            "INSERT INTO ledger_account (group_id, code, name, kind) "
            "SELECT g.id, :code, :name, :kind FROM maker_group g WHERE NOT EXISTS "
            "(SELECT 1 FROM ledger_account a WHERE a.group_id = g.id AND a.code = :same_code)"),
            {"code": code, "name": name, "kind": kind, "same_code": code})  # one name per use: PostgreSQL types each
    bind.execute(sa.text(
        "INSERT INTO book_settings (group_id, maker_share_percent, card_fee_basis_points) "
        "SELECT g.id, 0, 290 FROM maker_group g WHERE NOT EXISTS "
        "(SELECT 1 FROM book_settings s WHERE s.group_id = g.id)"))
    bind.execute(sa.text(
        "INSERT INTO coop_settings (group_id, pokok_amount, wajib_amount, wajib_start, cadangan_percent, "
        "jasa_anggota_percent, pengurus_percent, karyawan_percent, pendidikan_percent, sosial_percent, "
        "jasa_usaha_percent, adart_drafted) "
        "SELECT g.id, 100000, 10000, NULL, 40, 40, 5, 5, 5, 5, 70, :no FROM maker_group g WHERE NOT EXISTS "
        "(SELECT 1 FROM coop_settings s WHERE s.group_id = g.id)").bindparams(sa.bindparam("no", False)))


def downgrade():
    pass
