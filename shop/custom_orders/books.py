"""What a request tells the group's books (through shop.ledger.events; the deposit and balance themselves are
posted by orders.books when their orders are paid, to Uang muka pelanggan)."""
from __future__ import annotations

from datetime import datetime

from shop.custom_orders.models import CustomOrder
from shop.ledger import advances, events
from shop.ledger.services import allocate
from shop.orders.books import book_day


def sale_lines(co: CustomOrder) -> list[events.SaleLine]:
    """The request's value split equally among the makers the coordinator assigned (largest remainder)."""
    makers = sorted(m.id for m in co.makers)
    if not makers:
        return [events.SaleLine(co.quote_total, None, co.product_id, co.product_title)]
    shares = allocate(co.quote_total, [1] * len(makers))
    return [events.SaleLine(s, m, co.product_id, co.product_title) for m, s in zip(makers, shares, strict=True) if s]


def settled(co: CustomOrder, at: datetime | None) -> None:
    deposit = co.deposit_order.parts[0].id if co.deposit_order is not None and co.deposit_order.parts else None
    advances.advance_settled(co.group_id, co.id, book_day(at), sale_lines(co),
                             memo=f"Pesanan ukur {co.number} diserahkan", order_part_id=deposit)


def forfeited(co: CustomOrder, amount: int, at: datetime | None) -> None:
    advances.advance_forfeited(co.group_id, co.id, book_day(at), amount,
                               memo=f"Uang muka {co.number} tidak dikembalikan (pembatalan)")
