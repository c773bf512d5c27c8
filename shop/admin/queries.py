"""Read side of the admin pages: every group, whatever its status, with a fixed number of queries per page."""
from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from shop.accounts.models import User
from shop.activity.models import ActivityLog
from shop.catalog.models import Product
from shop.extensions import db
from shop.groups.models import Group, Region
from shop.pagination import Page
from shop.text import natural_key


def groups_with_counts(status: str = "") -> list[tuple[Group, int, int]]:
    """(group, published products, all products), pending groups first."""
    published = func.count(case((Product.status == "published", Product.id)))
    stmt = (select(Group, published, func.count(Product.id))
            .outerjoin(Product, Product.group_id == Group.id)
            .options(selectinload(Group.region))
            .group_by(Group.id)
            .order_by(case((Group.status == "pending", 0), else_=1), Group.name, Group.id))
    if status:
        stmt = stmt.where(Group.status == status)
    return [tuple(row) for row in db.session.execute(stmt)]


def group_products(group_id: int) -> list[Product]:
    """Every product of a group, drafts and archived included (read-only for admins)."""
    stmt = (select(Product).where(Product.group_id == group_id)
            .options(selectinload(Product.variants))
            .order_by(Product.status, Product.title, Product.id))
    return list(db.session.scalars(stmt))


def group_users(group_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(User.group_id == group_id).order_by(User.email)))


def regions_with_counts() -> list[tuple[Region, int]]:
    stmt = (select(Region, func.count(Group.id)).outerjoin(Group, Group.region_id == Region.id)
            .group_by(Region.id).order_by(Region.province, Region.name, Region.id))
    return [tuple(row) for row in db.session.execute(stmt)]


def all_regions() -> list[Region]:
    return list(db.session.scalars(select(Region).order_by(Region.province, Region.name, Region.id)))


def users(role: str = "") -> list[User]:
    """Every staff account (few dozen), by role and then e-mail in natural order (koordinator2 before 10)."""
    stmt = select(User).options(selectinload(User.group))
    if role:
        stmt = stmt.where(User.role == role)
    return sorted(db.session.scalars(stmt), key=lambda u: (u.role, natural_key(u.email)))


def activity(group_id: int | None, page: int, per_page: int) -> Page:
    stmt = (select(ActivityLog, Group.name).outerjoin(Group, Group.id == ActivityLog.group_id)
            .options(selectinload(ActivityLog.user))
            .order_by(ActivityLog.created_at.desc(), ActivityLog.id.desc()))
    if group_id is not None:
        stmt = stmt.where(ActivityLog.group_id == group_id)
    total = db.session.scalar(select(func.count(ActivityLog.id)).where(
        ActivityLog.group_id == group_id) if group_id is not None else select(func.count(ActivityLog.id))) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = [tuple(row) for row in db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page))]
    return Page(items=rows, total=total, page=page, per_page=per_page)
