"""What the buyer will pay, shipping included, before the order is placed (the same fees place_order charges)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Quote:
    goods: int
    shipping: int = 0
    complete: bool = True  # False while a courier part waits for the address that prices it
    fees: dict[int, int] = field(default_factory=dict)  # group id -> courier fee

    @property
    def total(self) -> int:
        return self.goods + self.shipping


def shipping_quote(view, delivery: dict[int, str], fees: dict[int, tuple[str, int]]) -> Quote:
    """`fees`: the courier fee per group for the address typed so far (zone, fee), as the checkout computes it."""
    quote = Quote(goods=view.goods_total)
    for box in view.boxes:
        if delivery.get(box.group.id) != "courier":
            continue
        if box.group.id not in fees:
            quote.complete = False
            continue
        quote.fees[box.group.id] = fees[box.group.id][1]
        quote.shipping += fees[box.group.id][1]
    return quote
