"""Customer advances on made-to-measure requests: the deposit (and a balance paid before the handover) is money
owed to the customer, Uang muka pelanggan, until the work is delivered; then it becomes a sale (Penjualan online in
the chart) credited on the channel "custom" (made-to-measure) to the makers assigned. A cancellation gives (part of) it back by a reversing entry; what the stated policy keeps
(the fee before cutting, the whole deposit after) becomes Pendapatan lain-lain. Like events.py, this module takes
ids, dates and amounts and imports no other domain.

    advance_received(group_id, order_part_id, day, amount, received_into)    # orders.books, when paid
    advance_refunded(group_id, order_part_id, f"refund:{ref}", day, amount)  # orders.books, on a refund
    advance_forfeited(group_id, custom_order_id, day, amount)                # custom_orders.books, on cancel
    advance_settled(group_id, custom_order_id, day, [SaleLine(...), ...])     # custom_orders.books, on delivery
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.events import RECEIVED_INTO, SaleLine, maker_shares, part_reference
from shop.ledger.models import CUSTOM, JournalEntry, SalesCredit
from shop.ledger.queries import balance
from shop.ledger.services import find_entry, is_new, post_entry


def advance_received(group_id: int, order_part_id: int, day: date, amount: int, received_into: str = "platform",
                     memo: str = "") -> JournalEntry:
    """Money for a made-to-measure request paid ahead of delivery (its deposit, or its balance before the
    handover): money in, owed to the customer (Uang muka pelanggan) until the order is delivered. Referenced like
    a paid order part, so a replay posts nothing and a refund finds it."""
    if amount <= 0:
        raise DomainError(_("Jumlah uang muka harus lebih dari nol."))
    return post_entry(group_id, day, "deposit", memo or f"Uang muka pesanan bagian #{order_part_id}",
                      [(RECEIVED_INTO[received_into], amount), (c.UANG_MUKA, -amount)],
                      reference=part_reference(order_part_id))


def advance_refunded(group_id: int, order_part_id: int, reference: str, day: date, amount: int,
                     memo: str = "") -> JournalEntry:
    """(Part of) an advance given back: reverses it, out the way the money came in."""
    existing = find_entry(group_id, reference)
    if existing is not None:
        return existing
    original = find_entry(group_id, part_reference(order_part_id))
    if original is None:
        raise DomainError(_("Uang muka ini belum tercatat diterima, jadi tidak bisa dikembalikan."))
    received = next(p for p in original.postings if p.amount > 0)
    already = sum(p.amount for e in db.session.scalars(select(JournalEntry).where(
        JournalEntry.reverses_id == original.id)) for p in e.postings if p.account.code == c.UANG_MUKA)
    if amount <= 0 or amount > received.amount - already:
        raise DomainError(_("Jumlah pengembalian melebihi uang muka yang diterima."))
    return post_entry(group_id, day, "refund", memo or f"Pengembalian uang muka pesanan bagian #{order_part_id}",
                      [(c.UANG_MUKA, amount), (received.account.code, -amount)], reference=reference,
                      reverses_id=original.id)


def advance_forfeited(group_id: int, custom_order_id: int, day: date, amount: int, memo: str = "") -> JournalEntry:
    """What a cancelled request's customer does not get back (the stated fee, or the whole deposit once the
    cloth is cut) stops being owed: Uang muka pelanggan to Pendapatan lain-lain."""
    if amount <= 0:
        raise DomainError(_("Jumlah harus lebih dari nol."))
    return post_entry(group_id, day, "deposit", memo or f"Uang muka pesanan khusus #{custom_order_id} tidak kembali",
                      [(c.UANG_MUKA, amount), (c.PENDAPATAN_LAIN, -amount)],
                      reference=f"custom:{custom_order_id}:forfeited")


def advance_settled(group_id: int, custom_order_id: int, day: date, lines: list[SaleLine],
                    memo: str = "", order_part_id: int | None = None) -> JournalEntry:
    """A made-to-measure request delivered: what the customer paid ahead (Uang muka pelanggan) becomes a sale
    (posted to Penjualan online, the chart's account for sales that are not the bazaar's), credited on the channel
    "custom" so reports and impact tell made-to-measure apart, to the makers in `lines` (their shares owed).
    `order_part_id` (the deposit's part) lets the reports count the delivered request as one order."""
    reference = f"custom:{custom_order_id}:delivered"
    existing = find_entry(group_id, reference)
    if existing is not None:
        return existing
    if not lines or any(line.amount <= 0 for line in lines):
        raise ValueError("a delivered request needs lines with positive amounts")
    goods = sum(line.amount for line in lines)
    if goods > -balance(group_id, c.UANG_MUKA):
        raise DomainError(_("Uang muka yang tercatat kurang dari nilai pesanan: periksa pembayarannya."))
    postings: list[tuple] = [(c.UANG_MUKA, goods), (c.PENJUALAN_ONLINE, -goods), *maker_shares(group_id, lines)]
    entry = post_entry(group_id, day, "sale", memo or f"Pesanan khusus #{custom_order_id} diserahkan", postings,
                       reference=reference)
    if is_new(entry):
        for line in lines:
            db.session.add(SalesCredit(group_id=group_id, entry_id=entry.id, date=day, channel=CUSTOM,
                                       order_part_id=order_part_id, member_id=line.member_id, product_id=line.product_id,
                                       product_title=line.title[:200], amount=line.amount,
                                       is_member_sale=line.member_id is not None))
        db.session.flush()
    return entry
