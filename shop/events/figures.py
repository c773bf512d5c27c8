"""Report figures of a bazaar from its recorded till sales: per group, per day (WIB), per till, per payment
method, top products, totals. A fixed number of queries whatever the number of sales."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from shop.events.models import Event, Till, TillSale
from shop.extensions import db
from shop.groups.models import Group
from shop.orders.books import book_day
from shop.orders.models import OrderLine, OrderPart
from shop.timefmt import day as day_text


@dataclass
class Figures:
    total: int = 0
    sales: int = 0
    items: int = 0
    by_group: list[tuple[str, int, int]] = field(default_factory=list)      # name, sales, amount
    by_day: list[tuple[str, int, int]] = field(default_factory=list)        # the day as read (|day), sales, amount
    by_till: list[tuple[str, int, int]] = field(default_factory=list)
    by_method: list[tuple[str, int, int]] = field(default_factory=list)
    top_products: list[tuple[str, str, int, int]] = field(default_factory=list)  # title, group, qty, amount
    conflicts: int = 0


def figures(event: Event, top: int = 10) -> Figures:
    f = Figures()
    recorded = (TillSale.event_id == event.id, TillSale.status == "recorded")
    sales = list(db.session.execute(select(TillSale.made_at, TillSale.total, TillSale.method, Till.name)
                                    .join(Till, Till.id == TillSale.till_id).where(*recorded)))
    days: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    tills: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    methods: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for made_at, total, method, till_name in sales:
        for bucket, key in ((days, book_day(made_at)), (tills, till_name), (methods, method)):
            bucket[key][0] += 1
            bucket[key][1] += total
        f.total += total
    f.sales = len(sales)
    f.by_day = [(day_text(d), n, a) for d, (n, a) in sorted(days.items())]
    f.by_till = sorted(((k, n, a) for k, (n, a) in tills.items()), key=lambda r: r[0])
    f.by_method = sorted(((k, n, a) for k, (n, a) in methods.items()), key=lambda r: -r[2])
    f.by_group = [(name, n, int(a)) for name, n, a in db.session.execute(
        select(Group.name, func.count(OrderPart.id), func.sum(OrderPart.total))
        .join(OrderPart, OrderPart.group_id == Group.id)
        .join(TillSale, TillSale.order_id == OrderPart.order_id).where(*recorded)
        .group_by(Group.name).order_by(func.sum(OrderPart.total).desc()))]
    amount = func.sum(OrderLine.quantity * OrderLine.unit_price)
    f.top_products = [(title, group, int(q), int(a)) for title, group, q, a in db.session.execute(
        select(OrderLine.title, OrderLine.group_name, func.sum(OrderLine.quantity), amount)
        .join(OrderPart, OrderPart.id == OrderLine.part_id)
        .join(TillSale, TillSale.order_id == OrderPart.order_id).where(*recorded)
        .group_by(OrderLine.title, OrderLine.group_name).order_by(amount.desc(), OrderLine.title).limit(top))]
    f.items = int(db.session.scalar(
        select(func.coalesce(func.sum(OrderLine.quantity), 0)).join(OrderPart, OrderPart.id == OrderLine.part_id)
        .join(TillSale, TillSale.order_id == OrderPart.order_id).where(*recorded)))
    f.conflicts = int(db.session.scalar(select(func.count(TillSale.id)).where(
        TillSale.event_id == event.id, TillSale.status == "conflict")))
    return f
