"""Read side of the till: the event catalogue it caches, conflicts, a receipt."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import bindparam, select
from sqlalchemy.orm import selectinload

from shop.catalog.models import Product, Variant
from shop.events.models import Event, EventItem, EventParticipation, TillSale
from shop.extensions import db
from shop.groups.models import Group
from shop.orders.models import Order, OrderPart

_TILL_ITEMS = (select(Variant.sku, Product.title, Variant.size, Variant.colour, Group.name.label("group"), Group.id.label("gid"),
                      EventParticipation.booth, EventItem.event_price, Variant.price, EventItem.quantity,
                      Group.qris_image)
               .select_from(EventItem)
               .join(EventParticipation, EventParticipation.id == EventItem.participation_id)
               .join(Variant, Variant.id == EventItem.variant_id).join(Product, Product.id == Variant.product_id)
               .join(Group, Group.id == Product.group_id)
               .where(EventItem.event_id == bindparam("event_id"), EventParticipation.status == "accepted")
               .order_by(EventParticipation.booth, EventItem.id))


def till_catalogue(event: Event) -> dict:
    """Every item of the event's accepted groups, in booth order: what the till can sell, kept small. One
    statement of plain columns for the items (the till reloads it often during a bazaar), one for the tills."""
    items, qris = [], {}
    for row in db.session.execute(_TILL_ITEMS, {"event_id": event.id}):
        label = " / ".join(p for p in (row.size, row.colour) if p)  # Variant.label, without its "-"
        items.append({"sku": row.sku, "title": row.title, "label": label,
                      "group": row.group, "gid": row.gid, "booth": row.booth,
                      "price": row.event_price if row.event_price is not None else row.price,  # EventItem.price
                      "left": row.quantity})
        if row.qris_image and str(row.gid) not in qris:
            qris[str(row.gid)] = url_for("pages.media", filename=row.qris_image)
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
