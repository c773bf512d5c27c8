"""The coordinator's to-do list: what waits for the group today, counted, each item linking to the page that
resolves it. A fixed handful of queries whatever the size of the group's history."""
from __future__ import annotations

from flask_babel import ngettext
from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

from shop.accounts.dashboard import Todo
from shop.catalog import stock
from shop.catalog.models import Product, ProductImage
from shop.extensions import db
from shop.orders.models import Order, OrderPart
from shop.payments.models import Payment


def _part_counts(group_id: int) -> dict[str, int]:
    rows = db.session.execute(select(OrderPart.status, func.count(OrderPart.id))
                              .where(OrderPart.group_id == group_id, OrderPart.status.in_(("placed", "paid",
                                                                                          "processing")))
                              .group_by(OrderPart.status))
    return dict(rows.all())


def items(group_id: int) -> list[Todo]:
    """Only what needs doing; an empty list means nothing waits."""
    parts = _part_counts(group_id)
    slips = db.session.scalar(select(func.count(Payment.id)).join(OrderPart, OrderPart.id == Payment.part_id)
                              .where(OrderPart.group_id == group_id, Payment.status == "submitted")) or 0
    bare_drafts = db.session.scalar(select(func.count(Product.id)).where(
        Product.group_id == group_id, Product.status == "draft",
        ~exists().where(ProductImage.product_id == Product.id))) or 0
    low = len(stock.low_stock(group_id))
    todo = [
        Todo(slips, ngettext("%(num)d bukti transfer menunggu diperiksa", "%(num)d bukti transfer menunggu diperiksa",
                             slips), "group_orders.index", {"status": "placed"}),
        Todo(parts.get("paid", 0), ngettext("%(num)d pesanan dibayar, siap disiapkan",
                                            "%(num)d pesanan dibayar, siap disiapkan", parts.get("paid", 0)),
             "group_orders.index", {"status": "paid"}),
        Todo(parts.get("processing", 0), ngettext("%(num)d pesanan siap dikirim atau diserahkan",
                                                  "%(num)d pesanan siap dikirim atau diserahkan",
                                                  parts.get("processing", 0)),
             "group_orders.index", {"status": "processing"}),
        Todo(max(0, parts.get("placed", 0) - slips), ngettext("%(num)d pesanan menunggu pembayaran",
                                                              "%(num)d pesanan menunggu pembayaran",
                                                              max(0, parts.get("placed", 0) - slips)),
             "group_orders.index", {"status": "placed"}),
        Todo(low, ngettext("%(num)d pilihan produk stoknya menipis", "%(num)d pilihan produk stoknya menipis", low),
             "workspace.low_stock"),
        Todo(bare_drafts, ngettext("%(num)d draf belum punya foto", "%(num)d draf belum punya foto", bare_drafts),
             "workspace.products", {"status": "draft"}),
    ]
    return [t for t in todo if t.count]




def waiting_parts(group_id: int, limit: int = 5) -> list[OrderPart]:
    """The oldest parts that wait for the group (paid or being prepared), to message their buyers."""
    return list(db.session.scalars(
        select(OrderPart).join(Order).where(OrderPart.group_id == group_id,
                                            OrderPart.status.in_(("paid", "processing")))
        .options(selectinload(OrderPart.order)).order_by(OrderPart.id).limit(limit)))
