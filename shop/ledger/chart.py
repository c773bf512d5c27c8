"""The chart of accounts every group gets (Indonesian names, aligned with SAK EMKM)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger.models import Account, BookSettings, column_defaults
from shop.models_base import utcnow

KAS, BANK, PIUTANG_PLATFORM, PIUTANG_PANITIA, PIUTANG_ANGGOTA = "1101", "1102", "1103", "1104", "1105"
UTANG_ANGGOTA, UANG_MUKA, SIMPANAN_SUKARELA, UTANG_SHU = "2101", "2102", "2103", "2104"
DANA_PENGURUS, DANA_KARYAWAN, DANA_PENDIDIKAN, DANA_SOSIAL = "2105", "2106", "2107", "2108"
SIMPANAN_POKOK, SIMPANAN_WAJIB, CADANGAN, SHU_DITAHAN = "3101", "3102", "3103", "3104"
# the cooperative cycle: the year's result waits for the RAT; grants are equity; a leaver's simpanan held
SHU_BELUM_DIBAGI, HIBAH, UTANG_KELUAR, PERALATAN = "3105", "3106", "2109", "1201"
PENJUALAN_ONLINE, PENJUALAN_BAZAAR, RETUR_PENJUALAN = "4101", "4102", "4103"
PENDAPATAN_ONGKIR, PENDAPATAN_LAIN = "4201", "4202"
BAGIAN_PENGRAJIN, BIAYA_PEMBAYARAN, BIAYA_OPERASIONAL = "5101", "5201", "5202"
BIAYA_BAHAN, BIAYA_ALAT, BIAYA_TRANSPORT, BIAYA_SEWA_STAN, BIAYA_LISTRIK, BIAYA_KIRIM = (
    "5203", "5204", "5205", "5206", "5207", "5208")
# fixed assets at cost, their accumulated depreciation (a contra asset: a credit balance), its monthly cost, and
# what an opening balance leaves over once simpanan are counted
PERALATAN_MESIN, AKUM_PENYUSUTAN, BEBAN_PENYUSUTAN, EKUITAS_SALDO_AWAL = "1202", "1209", "5209", "3107"

# (code, name, kind); names stay Indonesian in the books whatever the UI language
CHART = (
    (KAS, "Kas", "asset"),
    (BANK, "Bank", "asset"),
    (PIUTANG_PLATFORM, "Piutang platform", "asset"),
    (PIUTANG_PANITIA, "Piutang panitia", "asset"),  # bazaar takings the organiser holds for the group
    (PIUTANG_ANGGOTA, "Piutang anggota", "asset"),  # a maker paid a share of a sale later refunded (E18)
    (PERALATAN, "Peralatan (hibah barang)", "asset"),
    (PERALATAN_MESIN, "Peralatan dan mesin", "asset"),
    (AKUM_PENYUSUTAN, "Akumulasi penyusutan", "asset"),  # contra asset: its balance is a credit
    (UTANG_ANGGOTA, "Utang anggota", "liability"),
    (UANG_MUKA, "Uang muka pelanggan", "liability"),
    (SIMPANAN_SUKARELA, "Simpanan sukarela", "liability"),
    (UTANG_SHU, "Utang SHU anggota", "liability"),
    (DANA_PENGURUS, "Dana pengurus", "liability"),
    (DANA_KARYAWAN, "Dana karyawan", "liability"),
    (DANA_PENDIDIKAN, "Dana pendidikan", "liability"),
    (DANA_SOSIAL, "Dana sosial", "liability"),
    (UTANG_KELUAR, "Utang simpanan anggota keluar", "liability"),
    (SIMPANAN_POKOK, "Simpanan pokok", "equity"),
    (SIMPANAN_WAJIB, "Simpanan wajib", "equity"),
    (CADANGAN, "Cadangan", "equity"),
    (SHU_DITAHAN, "SHU ditahan / rugi", "equity"),
    (SHU_BELUM_DIBAGI, "SHU belum dibagi", "equity"),
    (HIBAH, "Hibah", "equity"),
    (EKUITAS_SALDO_AWAL, "Ekuitas saldo awal", "equity"),
    (PENJUALAN_ONLINE, "Penjualan online", "income"),
    (PENJUALAN_BAZAAR, "Penjualan bazaar", "income"),
    (RETUR_PENJUALAN, "Retur penjualan", "income"),
    (PENDAPATAN_ONGKIR, "Pendapatan ongkos kirim", "income"),
    (PENDAPATAN_LAIN, "Pendapatan lain-lain", "income"),
    (BAGIAN_PENGRAJIN, "Bagian pengrajin (harga pokok)", "expense"),
    (BIAYA_PEMBAYARAN, "Biaya pembayaran", "expense"),
    (BIAYA_OPERASIONAL, "Biaya operasional lain-lain", "expense"),
    (BIAYA_BAHAN, "Biaya bahan", "expense"),
    (BIAYA_ALAT, "Biaya alat", "expense"),
    (BIAYA_TRANSPORT, "Biaya transport", "expense"),
    (BIAYA_SEWA_STAN, "Biaya sewa stan", "expense"),
    (BIAYA_LISTRIK, "Biaya listrik", "expense"),
    (BIAYA_KIRIM, "Biaya kirim", "expense"),  # what the courier actually charged (asked when a part ships)
    (BEBAN_PENYUSUTAN, "Beban penyusutan", "expense"),
)
# what a coordinator's "biaya" is for: the expense account of each category
EXPENSE_CATEGORIES = {"bahan": BIAYA_BAHAN, "alat": BIAYA_ALAT, "transport": BIAYA_TRANSPORT,
                      "sewa_stan": BIAYA_SEWA_STAN, "listrik": BIAYA_LISTRIK, "lain": BIAYA_OPERASIONAL}
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


def update_settings(group_id: int, maker_share_percent: int, card_fee_basis_points: int,
                    confirm: bool = False, confirmed_by_id: int | None = None) -> list[str]:
    """Change the book settings: the makers' share 0-100 % of each sale, the card fee 0-1000 basis points.
    With `confirm`, the makers' share is also marked as deliberately chosen, now, by `confirmed_by_id`.
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
    if confirm:
        settings.maker_share_confirmed_at, settings.maker_share_confirmed_by_id = utcnow(), confirmed_by_id
    db.session.flush()
    return changed


def confirm_maker_share(group_id: int, maker_share_percent: int, user_id: int | None) -> BookSettings:
    """The bendahara states the makers' share once, deliberately, when the books start: who and when are
    kept (the books overview asks until then)."""
    settings = book_settings(group_id)
    update_settings(group_id, maker_share_percent, settings.card_fee_basis_points, confirm=True,
                    confirmed_by_id=user_id)
    return book_settings(group_id)


def maker_share_confirmed(group_id: int) -> bool:
    return book_settings(group_id).maker_share_confirmed_at is not None
