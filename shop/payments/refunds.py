"""Money given back in part: an amount of a paid part (for every method), and a card refund made in Stripe's
dashboard, spread over the order's parts. services.refund_part gives back what is left of a part in full.

A part's refunds are its Refund rows; what is left to give back is its total less them. A refund is booked (the
ledger allocates it over the part's lines exactly, and checks the money is there: E17), and the buyer is told
"dana … dikembalikan" only for money that has moved: a card refund Stripe made, or cash/transfer the
coordinator says went back.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.activity.services import record
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.ledger.services import allocate
from shop.money import format_idr
from shop.orders import books
from shop.orders import services as orders
from shop.orders.models import Order, OrderPart
from shop.orders.transitions import REFUNDABLE_PART, sync_order, transition_part
from shop.payments.models import Payment, Refund
from shop.payments.queries import latest_payment

HOW = ("card", "kas", "bank")  # how money went back: through the card provider, in cash, by transfer


def refunded(part: OrderPart) -> int:
    return int(db.session.scalar(select(func.coalesce(func.sum(Refund.amount), 0)).where(
        Refund.part_id == part.id)))


def refundable(part: OrderPart) -> int:
    """What is left to give back of a paid part (0 for an unpaid or fully refunded part)."""
    if part.paid_at is None or part.status not in REFUNDABLE_PART:
        return 0
    return part.total - refunded(part)


def split_goods_shipping(part: OrderPart, amount: int) -> tuple[int, int]:
    """An amount of a part as goods and shipping, in proportion to what is left of each (exact)."""
    refunds = list(db.session.scalars(select(Refund).where(Refund.part_id == part.id)))
    shipping_left = part.shipping_fee - sum(r.shipping for r in refunds)
    goods_left = books.goods_total(part) - sum(r.amount - r.shipping for r in refunds)
    goods, shipping = allocate(amount, [goods_left, shipping_left])
    return goods, shipping


def refund_amount(part: OrderPart, amount: int, user_id: int | None, reason: str = "", how: str | None = None,
                  at: datetime | None = None, provider_refund_id: str | None = None,
                  payment: Payment | None = None, shipping: int | None = None) -> Refund:
    """Give back `amount` rupiah of a paid part (of which `shipping` is shipping; in proportion by default).
    `how`: "card" (already refunded by the provider: provider_refund_id), "kas" or "bank". `at`: when it went
    back (default now). The last rupiah marks the part refunded."""
    left = refundable(part)
    if left <= 0:
        raise NotAllowed(_("Hanya bagian pesanan yang sudah dibayar yang bisa dikembalikan dananya."))
    if amount <= 0 or amount > left:
        raise DomainError(_("Jumlah pengembalian harus antara Rp1 dan %(left)s.", left=format_idr(left)))
    if how not in HOW:
        raise DomainError(_("Pilih cara dana dikembalikan."))
    if shipping is None:
        goods, shipping = split_goods_shipping(part, amount)
    else:
        goods = amount - shipping
    payment = payment or latest_payment(part)
    refund = Refund(part_id=part.id, payment_id=payment.id if payment else None, amount=amount,
                    shipping=shipping, method=how, provider_refund_id=provider_refund_id, reason=reason[:1000],
                    created_by_id=user_id)
    if at is not None:
        refund.created_at = at
    db.session.add(refund)
    db.session.flush()
    books.refund(part, provider_refund_id or f"row:{refund.id}", at, goods=goods, shipping=shipping,
                 paid_from=how if how in ("kas", "bank") else None)
    if amount == left:
        transition_part(part, "refunded")
        part.refunded_at = at or refund.created_at
        if payment is not None and payment.part_id is not None:
            payment.status = "refunded"
        sync_order(part.order)
    record("order.refunded", part.order.number, group_id=part.group_id, detail=format_idr(amount))
    orders.notify_part(part, _("dana %(amount)s dikembalikan", amount=format_idr(amount)))
    db.session.flush()
    return refund


def card_refunded(payment: Payment, order: Order, total_refunded: int, refund_id: str,
                  at: datetime | None = None) -> int:
    """Stripe says `total_refunded` rupiah of this card payment have gone back (its running total): what is
    new goes first to money owed back for parts that could not be sold, then over the paid parts in proportion
    to what is left of each. Returns the rupiah booked now (0 for a replay)."""
    reference = payment.provider_payment_id or f"payment:{payment.id}"
    done = int(db.session.scalar(select(func.coalesce(func.sum(Refund.amount), 0)).where(
        Refund.payment_id == payment.id)))
    new = total_refunded - done
    if new <= 0:
        return 0
    left = new
    for part in order.parts:
        owed = books.still_owed(part, reference)
        if owed and left:
            back = min(owed, left)
            row = Refund(part_id=part.id, payment_id=payment.id, amount=back, method="card",
                         provider_refund_id=f"{refund_id}:{part.id}", reason="Refund di Stripe")
            if at is not None:
                row.created_at = at
            db.session.add(row)
            books.owed_paid_back(part, reference, f"{refund_id}:{part.id}", at, back)
            left -= back
    paid = [p for p in order.parts if refundable(p) > 0]
    if left > sum(refundable(p) for p in paid):
        raise DomainError(_("Stripe mengembalikan lebih dari yang dibayar untuk pesanan ini."))
    shares = allocate(left, [refundable(p) for p in paid])
    for part, share in zip(paid, shares, strict=True):
        if share:
            refund_amount(part, share, None, reason="Refund di Stripe", how="card", at=at,
                          provider_refund_id=f"{refund_id}:{part.id}", payment=payment)
    if all(p.status == "refunded" for p in order.parts if p.paid_at is not None):
        payment.status = "refunded"
    db.session.flush()
    return new
