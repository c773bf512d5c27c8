"""Read side for order pages: eager loading and coordinator scoping."""
from __future__ import annotations

from flask import abort
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.groups.models import Group
from shop.orders.models import Order, OrderPart
from shop.pagination import Page, paginate
from shop.phones import normalise, stored_form

NEXT_ACTION = {"placed": "confirm", "paid": "process", "processing": "handover", "shipped": "deliver"}


def order_by_token(token: str) -> Order:
    if not token or len(token) > 64:
        abort(404)
    order = db.session.scalar(select(Order).where(Order.token == token).options(
        selectinload(Order.parts).selectinload(OrderPart.lines),
        selectinload(Order.parts).selectinload(OrderPart.group).selectinload(Group.region),
        selectinload(Order.payments)))
    if order is None:
        abort(404)
    return order


def part_for_staff(part_id: int, group_id: int | None) -> OrderPart:
    """group_id None means an admin (every group); a coordinator asking for another group's part gets 404."""
    query = select(OrderPart).where(OrderPart.id == part_id).options(
        selectinload(OrderPart.lines), selectinload(OrderPart.order), selectinload(OrderPart.group))
    if group_id is not None:
        query = query.where(OrderPart.group_id == group_id)
    part = db.session.scalar(query)
    if part is None:
        abort(404)
    return part


def parts_for_staff(group_id: int | None, status: str, page: int, per_page: int = 25, search: str = "",
                    only_group: int | None = None) -> Page:
    """The staff's order list: `group_id` scopes a coordinator (None: an admin, who may narrow to `only_group`);
    `search` matches the order number or the buyer's name or e-mail (letters case-insensitive, % and _ literal)."""
    query = select(OrderPart).join(Order)
    if group_id is not None:
        query = query.where(OrderPart.group_id == group_id)
    elif only_group is not None:
        query = query.where(OrderPart.group_id == only_group)
    if status:
        query = query.where(OrderPart.status == status)
    search = (search or "").strip()[:100]
    if search:
        query = query.where(or_(Order.number.icontains(search, autoescape=True),
                                Order.buyer_name.icontains(search, autoescape=True),
                                Order.buyer_email.icontains(search, autoescape=True)))
    query = query.options(selectinload(OrderPart.order), selectinload(OrderPart.group),
                          selectinload(OrderPart.lines)).order_by(OrderPart.id.desc())
    return paginate(query, page, per_page)


def order_for_lookup(number: str, contact: str) -> Order | None:
    """The order with this number whose buyer gave this e-mail address or phone number, else None.

    Number and e-mail are compared without regard to case or spaces; a phone number in any Indonesian form
    ('0812…', '+62 812…') matches the stored +62 form."""
    number = (number or "").strip().upper()
    contact = (contact or "").strip()
    if not number or not contact or len(number) > 40 or len(contact) > 200:
        return None
    order = db.session.scalar(select(Order).where(func.upper(Order.number) == number))
    if order is None:
        return None
    if "@" in contact:
        return order if contact.casefold() == (order.buyer_email or "").strip().casefold() else None
    phone = normalise(contact)
    return order if phone and phone == stored_form(order.buyer_phone) else None
