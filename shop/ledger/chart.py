"""The chart of accounts every group gets (Indonesian names, aligned with SAK EMKM)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger.models import Account, BookSettings, column_defaults

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
KIND_BY_CODE = {code: kind for code, _, kind in CHART}


class ChartExists(DomainError):
    pass


def create_chart(group_id: int) -> dict[str, Account]:
    """The full chart and the book settings of a new group, made once by the one function that creates a group
    (shop.groups.services.create_group); existing groups got theirs from a migration. Refuses a group that
    already has a chart. Returns the accounts by code."""
    if db.session.scalar(select(Account.id).where(Account.group_id == group_id).limit(1)) is not None:
        raise ChartExists("chart of accounts already exists")
    accounts = {}
    for code, name, kind in CHART:
        accounts[code] = Account(group_id=group_id, code=code, name=name, kind=kind)
        db.session.add(accounts[code])
    if db.session.get(BookSettings, group_id) is None:
        db.session.add(default_settings(group_id))
    db.session.flush()
    return accounts


def accounts_by_code(group_id: int) -> dict[str, Account]:
    return {a.code: a for a in db.session.scalars(select(Account).where(Account.group_id == group_id))}


def default_settings(group_id: int) -> BookSettings:
    """A new, unsaved settings row with the model's defaults (stated once, in shop.ledger.models)."""
    return BookSettings(group_id=group_id, **column_defaults(BookSettings))


def book_settings(group_id: int) -> BookSettings:
    """The group's book settings. A pure read: every group gets its row when it is created, so a missing row
    is a bug elsewhere; it reads as the defaults (an unsaved object) and nothing is inserted."""
    return db.session.get(BookSettings, group_id) or default_settings(group_id)


def update_settings(group_id: int, maker_share_percent: int, card_fee_basis_points: int) -> list[str]:
    """Change the book settings: the makers' share 0-100 % of each sale, the card fee 0-1000 basis points.
    Returns the names of the fields that changed (the caller logs them)."""
    if not 0 <= maker_share_percent <= 100:
        raise DomainError(_("Bagian pengrajin harus 0 sampai 100%."))
    if not 0 <= card_fee_basis_points <= 1000:
        raise DomainError(_("Tarif biaya kartu harus 0 sampai 1000 per 10.000."))
    settings = db.session.get(BookSettings, group_id)
    if settings is None:  # a group from before its row was made on creation
        settings = default_settings(group_id)
        db.session.add(settings)
    values = {"maker_share_percent": maker_share_percent, "card_fee_basis_points": card_fee_basis_points}
    changed = [name for name, value in values.items() if getattr(settings, name) != value]
    for name in changed:
        setattr(settings, name, values[name])
    db.session.flush()
    return changed
