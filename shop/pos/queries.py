"""Read side of the till: the event catalogue it caches, conflicts, a receipt."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop.catalog.models import Product, Variant
from shop.events.models import Event, EventItem, EventParticipation, TillSale
from shop.extensions import db
from shop.groups.models import Group
from shop.orders.models import Order, OrderPart


def till_catalogue(event: Event) -> dict:
    """Every item of the event's accepted groups, in booth order: what the till can sell, kept small."""
    rows = db.session.scalars(
        select(EventItem).join(EventParticipation).where(EventItem.event_id == event.id,
                                                         EventParticipation.status == "accepted")
        .options(selectinload(EventItem.variant).selectinload(Variant.product).selectinload(Product.group),
                 selectinload(EventItem.participation))
        .order_by(EventParticipation.booth, EventItem.id))
    items, qris = [], {}
    for item in rows:
        v = item.variant
        group = v.product.group
        items.append({"sku": v.sku, "title": v.product.title, "label": "" if v.label == "-" else v.label,
                      "group": group.name, "gid": group.id, "booth": item.participation.booth,
                      "price": item.price, "left": item.quantity})
        if group.qris_image:
            qris[str(group.id)] = url_for("pages.media", filename=group.qris_image)
    return {"event": event.id, "name": event.name, "status": event.status,
            "tills": [{"id": t.id, "name": t.name} for t in event.tills], "items": items,
            "qris": qris,  # the groups' own static QRIS (group id -> image), for a sale of one group's items
            "sale_url": url_for("pos.sale", event_id=event.id),
            "token_url": url_for("pos.token", event_id=event.id)}


def group_qris_urls(event: Event) -> list[str]:
    """The images of the accepted groups' own QRIS, for the till to keep offline like the organiser's."""
    names = db.session.scalars(select(Group.qris_image).join(EventParticipation,
                                                             EventParticipation.group_id == Group.id)
                               .where(EventParticipation.event_id == event.id,
                                      EventParticipation.status == "accepted", Group.qris_image.is_not(None))
                               .order_by(Group.id))
    return [url_for("pages.media", filename=name) for name in names]


def receipt(token: str) -> tuple[Order, TillSale] | None:
    order = db.session.scalar(select(Order).where(Order.token == token, Order.channel == "bazaar")
                              .options(selectinload(Order.parts).selectinload(OrderPart.lines),
                                       selectinload(Order.parts).selectinload(OrderPart.group)))
    if order is None:
        return None
    sale = db.session.scalar(select(TillSale).where(TillSale.order_id == order.id))
    return (order, sale) if sale is not None else None
