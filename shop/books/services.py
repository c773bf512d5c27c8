"""The books' verbs that also belong in a group's activity log (the ledger itself knows no other domain).
Flush, never commit."""
from __future__ import annotations

import re
from datetime import date, timedelta

from flask_babel import gettext as _

from shop.accounts.queries import coordinator_emails
from shop.activity.services import record
from shop.books.models import NOTE_MAX_LENGTH, StatementNote
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import assets, chart, events, notas, periods
from shop.ledger.models import FixedAsset, JournalEntry
from shop.ledger.services import find_entry, reverse_entry
from shop.mail.services import queue
from shop.money import format_idr
from shop.timefmt import day as day_text
from shop.urls import external_url

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def save_statement_note(group: Group, text: str, user_id: int | None) -> bool:
    """Keep the group's own paragraphs of the notes to its financial statements (CaLK): trimmed, line breaks
    kept, at most NOTE_MAX_LENGTH characters, no control characters. Empty clears it. Logged when it changed;
    returns whether it did."""
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if len(text) > NOTE_MAX_LENGTH:
        raise DomainError(_("Catatan terlalu panjang: paling banyak %(n)d karakter.", n=NOTE_MAX_LENGTH))
    note = db.session.get(StatementNote, group.id)
    if note is None:
        if not text:
            return False
        note = StatementNote(group_id=group.id, text="")
        db.session.add(note)
    if note.text == text:
        return False
    note.text, note.updated_by_id = text, user_id
    db.session.flush()
    record("books.statement_note_updated", group.name, group_id=group.id, detail=f"{len(text)}", user_id=user_id)
    return True


def save_book_settings(group: Group, maker_share_percent: int, card_fee_basis_points: int,
                       user_id: int | None = None) -> list[str]:
    """Check and save the makers' share and card fee rate (DomainError when out of range); log what changed.
    Saving the settings page is a deliberate choice of the makers' share: it counts as confirming it."""
    changed = chart.update_settings(group.id, maker_share_percent, card_fee_basis_points, confirm=True,
                                    confirmed_by_id=user_id)
    if changed:
        record("books.settings_updated", group.name, group_id=group.id,
               detail=f"maker_share_percent={maker_share_percent}, card_fee_basis_points={card_fee_basis_points}")
    return changed


def confirm_maker_share(group: Group, maker_share_percent: int, user_id: int | None) -> None:
    """The bendahara confirms the makers' share once when the books start (who and when are kept; logged)."""
    chart.confirm_maker_share(group.id, maker_share_percent, user_id)
    record("books.maker_share_confirmed", group.name, group_id=group.id, detail=f"{maker_share_percent}%",
           user_id=user_id)


def record_cash(group: Group, day: date, movement: str, account: str, amount: int, memo: str, category: str,
                reference: str, user_id: int | None, nota: bytes | None = None) -> JournalEntry:
    """A cash or bank movement the coordinator enters; an expense may carry a photo of its nota (checked and
    stored before anything is posted, so a bad file posts nothing)."""
    if nota is not None and movement != "biaya":
        raise notas.NotaProblem(_("Foto nota hanya untuk biaya."))
    stored = notas.store_nota(nota) if nota is not None else None
    entry = events.cash_movement(group.id, day, movement, account, amount, memo, created_by_id=user_id,
                                 reference=reference, category=category)
    if stored is not None:
        notas.attach_nota(entry, stored)
    return entry


def add_asset(group: Group, name: str, acquired_on: date, cost: int, life_months: int, residual: int,
              funded_by: str, reference: str, user_id: int | None) -> FixedAsset:
    asset = assets.buy_asset(group.id, name, acquired_on, cost, life_months, residual, funded_by,
                             reference=reference, created_by_id=user_id)
    record("books.asset_added", asset.name, group_id=group.id, detail=f"{asset.cost}", user_id=user_id)
    return asset


def dispose_asset(group: Group, asset_id: int, day: date, user_id: int | None) -> FixedAsset:
    asset = assets.dispose_asset(group.id, asset_id, day, created_by_id=user_id)
    record("books.asset_disposed", asset.name, group_id=group.id, detail=day.isoformat(), user_id=user_id)
    return asset


def run_depreciation(group: Group, user_id: int | None) -> assets.RunResult:
    """Post every month of depreciation due for the group's assets (the button on the assets page)."""
    result = assets.depreciate(group.id)
    if result.posted:
        record("books.depreciation_posted", group.name, group_id=group.id,
               detail=f"{result.posted} bulan, {result.amount}", user_id=user_id)
    return result


def lock_month(group: Group, month: date, user_id: int | None) -> None:
    """The bendahara closes a month: nothing more can be posted in it until it is reopened (logged)."""
    lock = periods.lock_month(group.id, month, user_id)
    record("books.month_locked", group.name, group_id=group.id, detail=lock.month.strftime("%Y-%m"),
           user_id=user_id)


def reopen_month(group: Group, month: date, reason: str, user_id: int | None) -> None:
    """Reopen a locked month; the reason is kept with the lock and in the activity log."""
    lock = periods.reopen_month(group.id, month, reason, user_id)
    record("books.month_reopened", group.name, group_id=group.id,
           detail=f"{lock.month.strftime('%Y-%m')}: {lock.reopen_reason}", user_id=user_id)


def month_choices(group_id: int, count: int = 24) -> list[tuple[str, str]]:
    """The last `count` finished months, newest first, as (YYYY-MM, MM/YYYY)."""
    month = periods.month_start(periods.today_wib())
    result = []
    for _i in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        result.append((month.strftime("%Y-%m"), month.strftime("%m/%Y")))
    return result


# entries a bendahara may reverse from the journal: those typed in by hand, whose only trace is the entry itself.
# Sales, refunds, simpanan and closes come from records of their own (an order, a receipt, a close) and are
# corrected there (a refund on the order page, the cooperative's pages).
# An opening balance is not among them: its equipment rows and simpanan register rows would stay behind.
REVERSIBLE = ("cash", "maker_paid", "fee")


def reversible(entry: JournalEntry) -> bool:
    return (entry.kind in REVERSIBLE and entry.reverses_id is None
            and find_entry(entry.group_id, f"reverse:{entry.id}") is None)


def reverse(group: Group, entry_id: int, reason: str, user_id: int | None) -> JournalEntry:
    """Correct a mistake: the entry's postings again with opposite signs, dated today (WIB), with the reason;
    logged. The original stays (append-only books)."""
    entry = db.session.get(JournalEntry, entry_id)
    if entry is None or entry.group_id != group.id:
        raise NotFound(_("Transaksi tidak ditemukan."))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise DomainError(_("Tulis alasan koreksi."))
    if not reversible(entry):
        raise DomainError(_("Transaksi ini tidak bisa dikoreksi dari jurnal."))
    correction = reverse_entry(entry, periods.today_wib(), f"Koreksi: {reason}"[:300], created_by_id=user_id)
    record("books.entry_reversed", group.name, group_id=group.id, detail=f"{entry.id}: {reason}"[:500],
           user_id=user_id)
    return correction


def record_payout(group: Group, reference: str, day: date, amount: int, memo: str = "",
                  user_id: int | None = None) -> JournalEntry:
    """The admin records the platform's transfer to the group's bank (ledger: refused over what the platform holds,
    saying how much it holds); it goes into the group's activity log and every coordinator of the group is
    e-mailed the amount, date and reference (through the outbox: nothing is sent if this rolls back)."""
    entry = events.record_payout(group.id, reference, day, amount, memo=memo, created_by_id=user_id)
    reference = reference.strip()
    record("books.payout", format_idr(amount), group_id=group.id, detail=f"{day.isoformat()} {reference}",
           user_id=user_id)
    when = day_text(day)
    for email in coordinator_emails(group.id):
        queue(email, _("Pencairan %(amount)s ke rekening kelompok", amount=format_idr(amount)),
              _("Halo,\n\nPlatform Pasar Karya mencatat pencairan dana ke rekening %(group)s.\n\n"
                "Jumlah: %(amount)s\nTanggal transfer: %(day)s\nNomor referensi: %(reference)s\n%(memo)s\n"
                "Periksa rekening bank kelompok. Pencairan ini tercatat di buku kas:\n%(link)s",
                group=group.name, amount=format_idr(amount), day=when, reference=reference,
                memo=_("Keterangan: %(memo)s\n", memo=memo.strip()) if memo.strip() else "",
                link=external_url("books.overview")))
    return entry
