"""Card money the platform collects for the groups: the card fee (an estimate at the group's rate until the
provider's real fee is known, then corrected), and money that arrived for a part that could no longer be sold
(booked as owed back to the buyer, never dropped).

References: `fee-est:<payment>:<part>` for an estimate, `fee:<payment>:<part>` for the provider's fee (or the
correction from the estimate to it); `owed:<payment>:<part>` for money owed back to the buyer and
`owed-back:<refund>` when it went back.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.chart import book_settings
from shop.ledger.models import Account, JournalEntry, Posting
from shop.ledger.services import allocate, find_entry, post_entry


def fee_at_rate(amount: int, basis_points: int) -> int:
    """Card fee at a rate in basis points, rounded half up to whole rupiah."""
    return (amount * basis_points + 5000) // 10000


def card_fee(payment_reference: str, day: date, parts: list[tuple[int, int, int]],
             fee: int | None = None) -> list[JournalEntry]:
    """The card fee of one payment across the order's parts [(group_id, order_part_id, part_amount)]: the
    provider's fee (split exactly by part amount, remainder to the largest part); without it each group's rate,
    posted as an estimate that actual_card_fee() later corrects. Once per part either way."""
    if fee is not None:
        return actual_card_fee(payment_reference, day, parts, fee)
    entries = []
    for group_id, part_id, amount in parts:
        done = find_entry(group_id, f"fee:{payment_reference}:{part_id}") or \
            find_entry(group_id, f"fee-est:{payment_reference}:{part_id}")
        share = fee_at_rate(amount, book_settings(group_id).card_fee_basis_points)
        if done is not None:
            entries.append(done)
        elif share:
            entries.append(post_entry(group_id, day, "fee",
                                      f"Biaya kartu pesanan bagian #{part_id} (perkiraan {share} rupiah)",
                                      [(c.BIAYA_PEMBAYARAN, share), (c.PIUTANG_PLATFORM, -share)],
                                      reference=f"fee-est:{payment_reference}:{part_id}"))
    return entries


def fee_posted(group_id: int, payment_reference: str, part_id: int) -> int:
    refs = (f"fee:{payment_reference}:{part_id}", f"fee-est:{payment_reference}:{part_id}")
    return int(db.session.scalar(
        select(func.coalesce(func.sum(Posting.amount), 0)).join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .join(Account, Account.id == Posting.account_id)
        .where(JournalEntry.group_id == group_id, JournalEntry.reference.in_(refs),
               Account.code == c.BIAYA_PEMBAYARAN)))


def actual_card_fee(payment_reference: str, day: date, parts: list[tuple[int, int, int]],
                    fee: int) -> list[JournalEntry]:
    """The provider's real fee is known: each part's share is booked, less any estimate already posted (the
    difference, up or down, dated `day`). Replays change nothing."""
    if fee < 0:
        raise ValueError("a fee is never negative")
    entries = []
    shares = allocate(fee, [amount for _g, _p, amount in parts])
    for (group_id, part_id, _amount), share in zip(parts, shares, strict=True):
        reference = f"fee:{payment_reference}:{part_id}"
        existing = find_entry(group_id, reference)
        if existing is not None:
            entries.append(existing)
            continue
        estimate = fee_posted(group_id, payment_reference, part_id)
        difference = share - estimate
        memo = (f"Biaya kartu pesanan bagian #{part_id}" if not estimate else
                f"Koreksi biaya kartu pesanan bagian #{part_id}: perkiraan {estimate}, sebenarnya {share}")
        if difference:
            entries.append(post_entry(group_id, day, "fee", memo,
                                      [(c.BIAYA_PEMBAYARAN, difference), (c.PIUTANG_PLATFORM, -difference)],
                                      reference=reference))
    return entries


def estimated_fees(group_id: int) -> list[JournalEntry]:
    """Fee estimates still waiting for the provider's real fee."""
    estimates = list(db.session.scalars(select(JournalEntry).where(
        JournalEntry.group_id == group_id, JournalEntry.reference.like("fee-est:%"))))
    return [e for e in estimates if find_entry(group_id, "fee:" + e.reference[len("fee-est:"):]) is None]


def owed_to_buyer(group_id: int, payment_reference: str, part_id: int, day: date, amount: int) -> JournalEntry:
    """Card money arrived for a part that could no longer be marked paid (it expired or was cancelled): the
    platform holds it for the group, and the group owes it back to the buyer (Uang muka pelanggan)."""
    if amount <= 0:
        raise ValueError("nothing owed")
    return post_entry(group_id, day, "sale", f"Dana pesanan bagian #{part_id} diterima setelah batal; "
                      "harus dikembalikan ke pembeli",
                      [(c.PIUTANG_PLATFORM, amount), (c.UANG_MUKA, -amount)],
                      reference=f"owed:{payment_reference}:{part_id}")


def still_owed_to_buyer(group_id: int, payment_reference: str, part_id: int) -> int:
    entry = find_entry(group_id, f"owed:{payment_reference}:{part_id}")
    if entry is None:
        return 0
    owed = -sum(p.amount for p in entry.postings if p.account.code == c.UANG_MUKA)
    for back in db.session.scalars(select(JournalEntry).where(JournalEntry.reverses_id == entry.id)):
        owed -= sum(p.amount for p in back.postings if p.account.code == c.UANG_MUKA)
    return owed


def owed_paid_back(group_id: int, payment_reference: str, part_id: int, reference: str, day: date,
                   amount: int) -> JournalEntry:
    """Money owed back to the buyer went back through the card: Uang muka pelanggan against Piutang platform."""
    existing = find_entry(group_id, f"owed-back:{reference}")
    if existing is not None:
        return existing
    if amount <= 0 or amount > still_owed_to_buyer(group_id, payment_reference, part_id):
        raise DomainError(_("Jumlah pengembalian melebihi dana yang harus dikembalikan."))
    original = find_entry(group_id, f"owed:{payment_reference}:{part_id}")
    return post_entry(group_id, day, "refund", f"Dana pesanan bagian #{part_id} dikembalikan ke pembeli",
                      [(c.UANG_MUKA, amount), (c.PIUTANG_PLATFORM, -amount)],
                      reference=f"owed-back:{reference}", reverses_id=original.id)
