"""Fixed assets (equipment) and straight-line depreciation.

Buying equipment posts Dr 1202 Peralatan dan mesin against Kas or Bank (funds checked as at the date), or against
3106 Hibah for a grant in kind. Depreciation runs from the month of acquisition: each month (cost - residual) //
life_months, the rupiah left over by that division added to the last month, so the months sum to exactly cost -
residual. Each month posts once per asset (reference `depr:<asset>:<YYYY-MM>`), dated the month's last day, Dr
5209 Beban penyusutan / Cr 1209 Akumulasi penyusutan. A month whose last day lies in a closed year or a locked
month is never posted into it: it is caught up, with the same reference, at the end of the first open month
after it (so the asset still reaches its residual value exactly)."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.events import RECEIVED_INTO, check_funds
from shop.ledger.models import Account, FixedAsset, JournalEntry, Posting
from shop.ledger.periods import PeriodClosed, check_open, today_wib
from shop.ledger.services import find_entry, post_entry

MAX_LIFE_MONTHS = 600  # fifty years: anything longer is a typing mistake


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def monthly_amounts(cost: int, residual: int, life_months: int) -> list[int]:
    """The depreciation of each month of the asset's life: equal, the remainder in the last month."""
    base, remainder = divmod(cost - residual, life_months)
    return [base] * (life_months - 1) + [base + remainder]


def check_asset(name: str, cost: int, life_months: int, residual: int) -> None:
    if not (name or "").strip():
        raise DomainError(_("Tulis nama aset, misalnya mesin jahit."))
    if cost <= 0:
        raise DomainError(_("Harga perolehan harus lebih dari nol."))
    if not 1 <= life_months <= MAX_LIFE_MONTHS:
        raise DomainError(_("Umur manfaat harus 1 sampai %(n)d bulan.", n=MAX_LIFE_MONTHS))
    if not 0 <= residual < cost:
        raise DomainError(_("Nilai sisa harus nol atau lebih, dan kurang dari harga perolehan."))


def buy_asset(group_id: int, name: str, acquired_on: date, cost: int, life_months: int, residual: int = 0,
              funded_by: str = "kas", reference: str | None = None,
              created_by_id: int | None = None) -> FixedAsset:
    """Record equipment bought from Kas or Bank, or received as a grant in kind (hibah): the register row and
    its entry. `reference` (a form's one-time key) makes a double submit record it once."""
    if reference is not None and (existing := find_entry(group_id, reference)) is not None:
        asset = db.session.scalar(select(FixedAsset).where(FixedAsset.entry_id == existing.id))
        if asset is not None:
            return asset
    if funded_by not in ("kas", "bank", "hibah"):
        raise ValueError("unknown funding")
    check_asset(name, cost, life_months, residual)
    if funded_by == "hibah":
        counter, kind, memo = c.HIBAH, "grant", f"Hibah barang: {name.strip()}"
    else:
        counter, kind, memo = RECEIVED_INTO[funded_by], "asset", f"Pembelian aset: {name.strip()}"
        check_open(group_id, acquired_on)  # a closed date says so before a funds message would
        check_funds(group_id, counter, cost, acquired_on)
    entry = post_entry(group_id, acquired_on, kind, memo, [(c.PERALATAN_MESIN, cost), (counter, -cost)],
                       reference=reference, created_by_id=created_by_id)
    asset = FixedAsset(group_id=group_id, name=name.strip()[:120], acquired_on=acquired_on, cost=cost,
                       life_months=life_months, residual=residual, funded_by=funded_by, entry_id=entry.id,
                       created_by_id=created_by_id)
    db.session.add(asset)
    db.session.flush()
    return asset


def group_asset(group_id: int, asset_id: int) -> FixedAsset:
    asset = db.session.get(FixedAsset, asset_id)
    if asset is None or asset.group_id != group_id:
        raise NotFound(_("Aset tidak ditemukan."))
    return asset


def schedule(asset: FixedAsset) -> list[tuple[int, int, int]]:
    """(year, month, amount) for every month of the asset's life; a disposed asset's end before the month it
    left the books (what was not depreciated by then is written off with the disposal)."""
    rows = []
    for i, amount in enumerate(monthly_amounts(asset.cost, asset.residual, asset.life_months)):
        year, month = add_months(asset.acquired_on, i)
        if asset.disposed_on is not None and (year, month) >= (asset.disposed_on.year, asset.disposed_on.month):
            break
        rows.append((year, month, amount))
    return rows


def depreciation_reference(asset_id: int, year: int, month: int) -> str:
    return f"depr:{asset_id}:{year:04d}-{month:02d}"


def _posting_date(group_id: int, year: int, month: int, today: date) -> date | None:
    """The month's last day if the books accept it, else the end of the first open month after it (up to the
    current month, dated no later than today); None when there is none yet."""
    y, m = year, month
    while True:
        day = min(month_end(y, m), today)
        if day < month_end(year, month):
            return None
        try:
            check_open(group_id, day)
            return day
        except PeriodClosed:
            if (y, m) >= (today.year, today.month):
                return None
            y, m = add_months(date(y, m, 1), 1)


@dataclass
class RunResult:
    posted: int = 0
    amount: int = 0
    waiting: int = 0  # months due but not postable yet (every later month closed or locked)


def depreciate_asset(asset: FixedAsset, through: tuple[int, int] | None = None,
                     today: date | None = None, result: RunResult | None = None) -> RunResult:
    """Post every month of this asset that has ended (up to `through`, (year, month)) and is not posted yet."""
    today = today or today_wib()
    result = result or RunResult()
    if asset.disposed_on is not None and find_entry(asset.group_id, f"dispose:{asset.id}") is not None:
        return result  # written off: a month still waiting for an open period is in the write-off
    posted = set(db.session.scalars(select(JournalEntry.reference).where(
        JournalEntry.group_id == asset.group_id,
        JournalEntry.reference.like(f"depr:{asset.id}:%"))))
    for year, month, amount in schedule(asset):
        if through is not None and (year, month) > through:
            break
        if month_end(year, month) > today:
            break
        reference = depreciation_reference(asset.id, year, month)
        if reference in posted or amount == 0:
            continue
        day = _posting_date(asset.group_id, year, month, today)
        if day is None:
            result.waiting += 1
            continue
        late = "" if day == month_end(year, month) else " (susulan)"
        post_entry(asset.group_id, day, "depreciation",
                   f"Penyusutan {asset.name} bulan {month:02d}/{year}{late}",
                   [(c.BEBAN_PENYUSUTAN, amount), (c.AKUM_PENYUSUTAN, -amount)], reference=reference)
        result.posted += 1
        result.amount += amount
    return result


def assets_of(group_id: int | None = None) -> list[FixedAsset]:
    query = select(FixedAsset).order_by(FixedAsset.group_id, FixedAsset.acquired_on, FixedAsset.id)
    if group_id is not None:
        query = query.where(FixedAsset.group_id == group_id)
    return list(db.session.scalars(query))


def depreciate(group_id: int | None = None, through: tuple[int, int] | None = None,
               today: date | None = None, progress=None) -> RunResult:
    """Post every due month of every asset (of one group, or of all groups). `progress(asset)` is called after
    each asset (the CLI's progress bar)."""
    result = RunResult()
    for asset in assets_of(group_id):
        depreciate_asset(asset, through=through, today=today, result=result)
        if progress is not None:
            progress(asset)
    return result


def dispose_asset(group_id: int, asset_id: int, day: date, created_by_id: int | None = None) -> FixedAsset:
    """The asset is broken, lost or given away on `day` (no money received): depreciation stops before that
    month and the asset leaves the books (its cost out of 1202, its accumulated depreciation out of 1209, what was not
    yet depreciated charged as Beban penyusutan)."""
    asset = group_asset(group_id, asset_id)
    if asset.disposed_on is not None:
        raise DomainError(_("Aset ini sudah dihapus dari buku."))
    if day < asset.acquired_on:
        raise DomainError(_("Tanggal penghapusan tidak boleh sebelum tanggal perolehan."))
    check_open(group_id, day)
    asset.disposed_on = day
    db.session.flush()
    depreciate_asset(asset)
    accumulated = accumulated_depreciation(asset)
    post_entry(group_id, day, "asset", f"Penghapusan aset: {asset.name}",
               [(c.AKUM_PENYUSUTAN, accumulated), (c.BEBAN_PENYUSUTAN, asset.cost - accumulated),
                (c.PERALATAN_MESIN, -asset.cost)], reference=f"dispose:{asset.id}", created_by_id=created_by_id)
    return asset


def accumulated_depreciation(asset: FixedAsset) -> int:
    """What has been posted to 1209 for this asset by its monthly entries."""
    return int(db.session.scalar(
        select(func.coalesce(func.sum(Posting.amount), 0)).join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .join(Account, Account.id == Posting.account_id)
        .where(JournalEntry.group_id == asset.group_id, JournalEntry.reference.like(f"depr:{asset.id}:%"),
               Account.code == c.BEBAN_PENYUSUTAN)))


@dataclass
class AssetRow:
    asset: FixedAsset
    accumulated: int

    @property
    def book_value(self) -> int:
        return 0 if self.asset.disposed_on is not None else self.asset.cost - self.accumulated

    @property
    def monthly(self) -> int:
        return (self.asset.cost - self.asset.residual) // self.asset.life_months


def register(group_id: int) -> list[AssetRow]:
    """Every asset of the group with its accumulated depreciation and book value (one query for the entries)."""
    assets = assets_of(group_id)
    totals: dict[int, int] = {}
    rows = db.session.execute(
        select(JournalEntry.reference, func.sum(Posting.amount)).join(Posting, Posting.entry_id == JournalEntry.id)
        .join(Account, Account.id == Posting.account_id)
        .where(JournalEntry.group_id == group_id, JournalEntry.kind == "depreciation",
               Account.code == c.BEBAN_PENYUSUTAN).group_by(JournalEntry.reference))
    for reference, amount in rows:
        asset_id = int(reference.split(":")[1])
        totals[asset_id] = totals.get(asset_id, 0) + int(amount)
    return [AssetRow(a, totals.get(a.id, 0)) for a in assets]
