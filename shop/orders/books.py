"""What checkout tells the group's books: the calls of shop.ledger.events, made inside the caller's transaction
from the one service that causes each event (a part paid, a card fee, a refund). Each entry carries a reference,
so a replayed cause (a webhook delivered twice, a double confirm) posts nothing new."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from shop.ledger import advances, events
from shop.models_base import utcnow
from shop.orders.models import Order, OrderPart

JAKARTA = timedelta(hours=7)  # the groups' books are kept in West Indonesian time (no daylight saving)

# where a part's money arrives when the caller does not say (payments pass their Method.received_into; the demo's
# bazaar sales call mark_part_paid directly until the till registers its methods): card money is held by the platform
RECEIVED_INTO = {"stripe": "platform", "qris": "platform", "bank_transfer": "bank",
                 "cash_on_delivery": "kas", "cash": "kas"}


def book_day(moment: datetime | None) -> date:
    """The local (WIB) date of a naive UTC timestamp."""
    return ((moment or utcnow()) + JAKARTA).date()


def sale_lines(part: OrderPart) -> list[events.SaleLine]:
    return [events.SaleLine(line.quantity * line.unit_price, line.maker_member_id, line.product_id, line.title)
            for line in part.lines]


def part_paid(part: OrderPart, received_into: str | None = None) -> None:
    order = part.order
    received_into = received_into or RECEIVED_INTO.get(order.payment_method, "kas")
    if order.purpose != "goods":  # a made-to-measure deposit or balance: owed to the buyer until delivery
        advances.advance_received(part.group_id, part.id, book_day(part.paid_at), part.total,
                                  received_into=received_into, memo=f"Uang muka {order.number}")
        return
    events.part_paid(part.group_id, part.id, book_day(part.paid_at), order.channel, sale_lines(part),
                     shipping=part.shipping_fee, received_into=received_into,
                     memo=f"Pesanan {order.number} dibayar")


def card_fee(order: Order, payment_reference: str, paid_at: datetime | None, fee: int | None) -> None:
    """The card fee of one payment across the order's paid parts: Stripe's own fee when known, else the rate."""
    parts = [(p.group_id, p.id, p.total) for p in order.parts if p.paid_at is not None]
    if parts:
        events.card_fee(payment_reference, book_day(paid_at), parts, fee=fee)


def refund(part: OrderPart, reference: str, refunded_at: datetime | None, shipping_refunded: bool = True,
           amount: int | None = None) -> None:
    if part.order.purpose != "goods":
        advances.advance_refunded(part.group_id, part.id, f"refund:{reference}", book_day(refunded_at),
                                  part.total if amount is None else amount,
                                  memo=f"Pengembalian uang muka {part.order.number}")
        return
    goods = sum(line.quantity * line.unit_price for line in part.lines)
    events.refund(part.group_id, part.id, f"refund:{reference}", book_day(refunded_at), goods,
                  shipping=part.shipping_fee if shipping_refunded else 0,
                  memo=f"Pengembalian dana pesanan {part.order.number}")
