"""The chart of accounts every group gets (Indonesian names, aligned with SAK EMKM)."""
from __future__ import annotations

from sqlalchemy import select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger.models import Account, BookSettings

KAS, BANK, PIUTANG_PLATFORM, PIUTANG_PANITIA = "1101", "1102", "1103", "1104"
UTANG_ANGGOTA, UANG_MUKA, SIMPANAN_SUKARELA, UTANG_SHU = "2101", "2102", "2103", "2104"
DANA_PENGURUS, DANA_KARYAWAN, DANA_PENDIDIKAN, DANA_SOSIAL = "2105", "2106", "2107", "2108"
SIMPANAN_POKOK, SIMPANAN_WAJIB, CADANGAN, SHU_DITAHAN = "3101", "3102", "3103", "3104"
PENJUALAN_ONLINE, PENJUALAN_BAZAAR, RETUR_PENJUALAN = "4101", "4102", "4103"
PENDAPATAN_ONGKIR, PENDAPATAN_LAIN = "4201", "4202"
BAGIAN_PENGRAJIN, BIAYA_PEMBAYARAN, BIAYA_OPERASIONAL = "5101", "5201", "5202"

# (code, name, kind); names stay Indonesian in the books whatever the UI language
CHART = (
    (KAS, "Kas", "asset"),
    (BANK, "Bank", "asset"),
    (PIUTANG_PLATFORM, "Piutang platform", "asset"),
    (PIUTANG_PANITIA, "Piutang panitia", "asset"),  # bazaar takings the organiser holds for the group
    (UTANG_ANGGOTA, "Utang anggota", "liability"),
    (UANG_MUKA, "Uang muka pelanggan", "liability"),
    (SIMPANAN_SUKARELA, "Simpanan sukarela", "liability"),
    (UTANG_SHU, "Utang SHU anggota", "liability"),
    (DANA_PENGURUS, "Dana pengurus", "liability"),
    (DANA_KARYAWAN, "Dana karyawan", "liability"),
    (DANA_PENDIDIKAN, "Dana pendidikan", "liability"),
    (DANA_SOSIAL, "Dana sosial", "liability"),
    (SIMPANAN_POKOK, "Simpanan pokok", "equity"),
    (SIMPANAN_WAJIB, "Simpanan wajib", "equity"),
    (CADANGAN, "Cadangan", "equity"),
    (SHU_DITAHAN, "SHU ditahan / rugi", "equity"),
    (PENJUALAN_ONLINE, "Penjualan online", "income"),
    (PENJUALAN_BAZAAR, "Penjualan bazaar", "income"),
    (RETUR_PENJUALAN, "Retur penjualan", "income"),
    (PENDAPATAN_ONGKIR, "Pendapatan ongkos kirim", "income"),
    (PENDAPATAN_LAIN, "Pendapatan lain-lain", "income"),
    (BAGIAN_PENGRAJIN, "Bagian pengrajin (harga pokok)", "expense"),
    (BIAYA_PEMBAYARAN, "Biaya pembayaran", "expense"),
    (BIAYA_OPERASIONAL, "Biaya operasional", "expense"),
)
SALES_ACCOUNTS = (PENJUALAN_ONLINE, PENJUALAN_BAZAAR, RETUR_PENJUALAN)
KIND_BY_CODE = {code: kind for code, _, kind in CHART}


class ChartExists(DomainError):
    pass


def create_chart(group_id: int) -> dict[str, Account]:
    """The full chart for a new group; refuses a group that already has one (use ensure_chart)."""
    if db.session.scalar(select(Account.id).where(Account.group_id == group_id).limit(1)) is not None:
        raise ChartExists("chart of accounts already exists")
    return ensure_chart(group_id)


def ensure_chart(group_id: int) -> dict[str, Account]:
    """Idempotent: adds whatever accounts (and settings row) the group lacks; returns accounts by code."""
    existing = accounts_by_code(group_id)
    for code, name, kind in CHART:
        if code not in existing:
            account = Account(group_id=group_id, code=code, name=name, kind=kind)
            db.session.add(account)
            existing[code] = account
    if db.session.get(BookSettings, group_id) is None:
        db.session.add(BookSettings(group_id=group_id, maker_share_percent=0, card_fee_basis_points=290))
    db.session.flush()
    return existing


def accounts_by_code(group_id: int) -> dict[str, Account]:
    return {a.code: a for a in db.session.scalars(select(Account).where(Account.group_id == group_id))}


def settings_for(group_id: int) -> BookSettings:
    settings = db.session.get(BookSettings, group_id)
    if settings is None:
        ensure_chart(group_id)
        settings = db.session.get(BookSettings, group_id)
    return settings
