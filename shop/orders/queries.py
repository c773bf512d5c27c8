"""Read side for order pages: eager loading and coordinator scoping."""
from __future__ import annotations

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.groups.models import Group
from shop.orders.models import Order, OrderPart

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


def parts_for_staff(group_id: int | None, status: str, page: int, per_page: int = 25):
    query = select(OrderPart).join(Order)
    if group_id is not None:
        query = query.where(OrderPart.group_id == group_id)
    if status:
        query = query.where(OrderPart.status == status)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.options(selectinload(OrderPart.order), selectinload(OrderPart.group),
                                             selectinload(OrderPart.lines))
                               .order_by(OrderPart.id.desc()).limit(per_page).offset((page - 1) * per_page)).all()
    return items, total

