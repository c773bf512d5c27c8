"""Read side for the request pages and the coordinator's dashboard."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.custom_orders.models import CustomOrder
from shop.errors import NotFound
from shop.extensions import db

PER_PAGE = 25


def for_group(group_id: int | None, status: str = "", page: int = 1) -> tuple[list[CustomOrder], int]:
    stmt = select(CustomOrder)
    count = select(func.count(CustomOrder.id))
    if group_id is not None:
        stmt, count = stmt.where(CustomOrder.group_id == group_id), count.where(CustomOrder.group_id == group_id)
    if status:
        stmt, count = stmt.where(CustomOrder.status == status), count.where(CustomOrder.status == status)
    rows = db.session.scalars(stmt.options(selectinload(CustomOrder.messages))
                              .order_by(CustomOrder.created_at.desc(), CustomOrder.id.desc())
                              .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return list(rows), int(db.session.scalar(count))


def counts_by_status(group_id: int) -> dict[str, int]:
    return dict(db.session.execute(select(CustomOrder.status, func.count(CustomOrder.id))
                                   .where(CustomOrder.group_id == group_id).group_by(CustomOrder.status)).all())


def for_staff(co_id: int, group_id: int | None) -> CustomOrder:
    co = db.session.get(CustomOrder, co_id)
    if co is None or (group_id is not None and co.group_id != group_id):
        raise NotFound("custom order")
    return co
