"""What checkout tells the group's books: the calls of shop.ledger.events, made inside the caller's transaction
from the one service that causes each event (a part paid, a card fee, a refund). Each entry carries a reference,
so a replayed cause (a webhook delivered twice, a double confirm) posts nothing new."""
from __future__ import annotations

from datetime import date, datetime

from shop.catalog.queries import maker_shares
from shop.ledger import advances, card, costs, events
from shop.ledger.periods import wib_day
from shop.ledger.services import allocate
from shop.models_base import utcnow
from shop.orders.models import Order, OrderPart

# where a part's money arrives when the caller does not say (payments pass their Method.received_into; the demo's
# bazaar sales call mark_part_paid directly until the till registers its methods): card money is held by the platform
RECEIVED_INTO = {"stripe": "platform", "qris": "platform", "bank_transfer": "bank",
                 "cash_on_delivery": "kas", "cash": "kas"}


def book_day(moment: datetime | None) -> date:
    """The local (WIB) date of a naive UTC timestamp."""
    return wib_day(moment or utcnow())


def sale_lines(part: OrderPart) -> list[events.SaleLine]:
    """The part's lines as the books credit them (E3): each line to every maker of its product by the
    product's shares, split exactly (largest remainder); a product without makers is the group's own goods."""
    shares = maker_shares([line.product_id for line in part.lines if line.product_id is not None])
    result = []
    for line in part.lines:
        amount = line.quantity * line.unit_price
        makers = shares.get(line.product_id) or [(line.maker_member_id, 1)]
        split = allocate(amount, [share for _m, share in makers])
        result += [events.SaleLine(portion, member_id, line.product_id, line.title)
                   for (member_id, _s), portion in zip(makers, split, strict=True) if portion]
    return result


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


def fee_parts(order: Order, payment_reference: str) -> list[tuple[int, int, int]]:
    """The parts a card payment's fee is shared by: the paid ones and those whose money is owed back."""
    return [(p.group_id, p.id, p.total) for p in order.parts
            if p.paid_at is not None or card.still_owed_to_buyer(p.group_id, payment_reference, p.id)]


def card_fee(order: Order, payment_reference: str, paid_at: datetime | None, fee: int | None) -> None:
    """The card fee of one payment across the order's parts: Stripe's own fee when known, else the rate (an
    estimate, corrected by actual_card_fee when Stripe's fee is known)."""
    parts = fee_parts(order, payment_reference)
    if parts:
        card.card_fee(payment_reference, book_day(paid_at), parts, fee=fee)


def actual_card_fee(order: Order, payment_reference: str, fee: int, known_at: datetime | None = None) -> None:
    parts = fee_parts(order, payment_reference)
    if parts:
        card.actual_card_fee(payment_reference, book_day(known_at), parts, fee)


def owed_to_buyer(part: OrderPart, payment_reference: str, received_at: datetime | None) -> None:
    """Card money for a part that could not be marked paid any more: owed back to the buyer."""
    card.owed_to_buyer(part.group_id, payment_reference, part.id, book_day(received_at), part.total)


def still_owed(part: OrderPart, payment_reference: str) -> int:
    return card.still_owed_to_buyer(part.group_id, payment_reference, part.id)


def owed_paid_back(part: OrderPart, payment_reference: str, reference: str, at: datetime | None,
                   amount: int) -> None:
    card.owed_paid_back(part.group_id, payment_reference, part.id, reference, book_day(at), amount)


def courier_cost(part: OrderPart, amount: int, paid_from: str = "kas") -> None:
    costs.courier_cost(part.group_id, part.id, book_day(None), amount, paid_from=paid_from)


def goods_total(part: OrderPart) -> int:
    return sum(line.quantity * line.unit_price for line in part.lines)


def refund(part: OrderPart, reference: str, refunded_at: datetime | None, shipping_refunded: bool = True,
           goods: int | None = None, shipping: int | None = None, paid_from: str | None = None) -> None:
    """Post a refund of the part: in full by default, else `goods` and `shipping` rupiah; `paid_from` (kas or
    bank) when cash or transfer money went back another way than it came. A made-to-measure deposit or balance
    was never a sale: its refund gives back Uang muka pelanggan."""
    if part.order.purpose != "goods":
        amount = part.total if goods is None else goods + (shipping or 0)
        advances.advance_refunded(part.group_id, part.id, f"refund:{reference}", book_day(refunded_at), amount,
                                  memo=f"Pengembalian uang muka {part.order.number}")
        return
    goods = goods_total(part) if goods is None else goods
    if shipping is None:
        shipping = part.shipping_fee if shipping_refunded else 0
    events.refund(part.group_id, part.id, f"refund:{reference}", book_day(refunded_at), goods,
                  shipping=shipping, memo=f"Pengembalian dana pesanan {part.order.number}", paid_from=paid_from)
