"""Money given back in part: an amount of a paid part (for every method), and a card refund made in Stripe's
dashboard, spread over the order's parts. services.refund_part gives back what is left of a part in full.

A part's refunds are its Refund rows; what is left to give back is its total less them. A refund is booked (the
ledger allocates it over the part's lines exactly, and checks the money is there: E17), and the buyer is told
"dana … dikembalikan" only for money that has moved: a card refund Stripe made, or cash/transfer the
coordinator says went back.
"""
from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.activity.services import record
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.ledger.periods import JAKARTA, today_wib
from shop.ledger.services import allocate
from shop.money import format_idr
from shop.orders import books
from shop.orders import services as orders
from shop.orders.models import Order, OrderPart
from shop.orders.transitions import REFUNDABLE_PART, sync_order, transition_part
from shop.payments.models import Payment, Refund
from shop.payments.providers import method, provider_of
from shop.payments.providers.base import ProviderError
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


def refund_ways(part: OrderPart) -> list[str]:
    """How this part's money can go back, the usual way first: through the card provider for card money the
    platform holds; else in cash or by transfer (the way it came first)."""
    chosen = method(part.order.payment_method)
    if chosen is not None and chosen.received_into == "platform":
        return ["card"]
    return ["bank", "kas"] if chosen is not None and chosen.received_into == "bank" else ["kas", "bank"]


def book_moment(day: date | None) -> datetime | None:
    """A WIB date as the naive UTC moment the books file it under (noon WIB); None (now) for today."""
    if day is None or day == today_wib():
        return None
    return datetime.combine(day, time(12)) - JAKARTA


def staff_refund(part: OrderPart, user_id: int | None, reason: str, amount: int | None = None,
                 how: str | None = None, day: date | None = None, restock: bool = False,
                 key: str | None = None) -> Refund:
    """A coordinator gives back `amount` (default: all that is left) of a paid part, by card (through the
    provider, now), in cash or by transfer (on `day`, the day the money went back). `key`, the form's one-time
    key, makes a double submit refund once. Restocking needs the whole part back."""
    if key and (done := db.session.scalar(select(Refund).where(Refund.provider_refund_id == f"form:{key}"))):
        return done
    left = refundable(part)
    if left <= 0:
        raise NotAllowed(_("Hanya bagian pesanan yang sudah dibayar yang bisa dikembalikan dananya."))
    amount = left if amount is None else amount
    ways = refund_ways(part)
    how = how or ways[0]
    if how not in ways:
        raise DomainError(_("Dana pesanan ini tidak bisa dikembalikan dengan cara itu."))
    if restock and amount != left:
        raise DomainError(_("Barang hanya bisa dikembalikan ke stok bila seluruh dana dikembalikan."))
    if amount <= 0 or amount > left:
        raise DomainError(_("Jumlah pengembalian harus antara Rp1 dan %(left)s.", left=format_idr(left)))
    payment, provider_id, at = latest_payment(part), f"form:{key}" if key else None, book_moment(day)
    if how == "card":
        payment = db.session.scalar(select(Payment).where(
            Payment.order_id == part.order_id, Payment.method == part.order.payment_method,
            Payment.status.in_(("paid", "refunded"))))
        if payment is None or not payment.provider_payment_id:
            raise NotAllowed(_("Pembayaran kartu untuk pesanan ini tidak ditemukan."))
        count = db.session.scalar(select(func.count(Refund.id)).where(Refund.part_id == part.id))
        idempotency = f"pasar-karya-refund-{part.id}" + (f"-{count + 1}" if count or amount != left else "")
        try:
            provider_id = provider_of(payment.method).refund(payment, amount, idempotency)
        except ProviderError as err:
            raise DomainError(_("Stripe menolak pengembalian dana: %(e)s", e=str(err)[:200])) from err
        at = None  # the provider moves the money now
    refund = refund_amount(part, amount, user_id, reason, how=how, at=at, provider_refund_id=provider_id,
                           payment=payment)
    if restock:
        orders.return_stock(part)
        refund.restocked = True
    if how == "card" and all(p.status == "refunded" for p in part.order.parts if p.paid_at is not None):
        payment.status = "refunded"
    db.session.flush()
    return refund
