"""Read side for public group pages."""
from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from shop.extensions import db
from shop.groups.models import Group
from shop.transactions import core_connection

_GROUP_VERSION = select(Group.id, Group.updated_at, Group.region_id).where(
    Group.slug == bindparam("slug"), Group.status == "active")  # built once


def public_group_version(slug: str) -> tuple | None:
    """What the group's public page depends on besides its cards: its row and members (both bump updated_at)
    and its region. One light row run as a Core statement (no ORM object or ORM execution); None when there is
    no such active group."""
    row = core_connection().execute(_GROUP_VERSION, {"slug": slug}).first()
    return tuple(row) if row else None


def public_group(slug: str) -> Group | None:
    stmt = (select(Group).where(Group.slug == slug, Group.status == "active")
            .options(joinedload(Group.region)))  # members load only when the page's content is not cached
    return db.session.scalar(stmt)


def all_groups() -> list[Group]:
    """Every group, whatever its status, by name (staff pages)."""
    return list(db.session.scalars(select(Group).order_by(Group.name, Group.id)))
