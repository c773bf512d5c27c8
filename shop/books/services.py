"""The books' verbs that also belong in a group's activity log (the ledger itself knows no other domain).
Flush, never commit."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _

from shop.accounts.queries import coordinator_emails
from shop.activity.services import record
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import chart, events, periods
from shop.ledger.models import JournalEntry
from shop.ledger.services import find_entry, reverse_entry
from shop.mail.services import queue
from shop.money import format_idr
from shop.timefmt import day as day_text
from shop.urls import external_url


def save_book_settings(group: Group, maker_share_percent: int, card_fee_basis_points: int) -> list[str]:
    """Check and save the makers' share and card fee rate (DomainError when out of range); log what changed."""
    changed = chart.update_settings(group.id, maker_share_percent, card_fee_basis_points)
    if changed:
        record("books.settings_updated", group.name, group_id=group.id,
               detail=f"maker_share_percent={maker_share_percent}, card_fee_basis_points={card_fee_basis_points}")
    return changed


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
REVERSIBLE = ("cash", "maker_paid", "opening", "fee")


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
