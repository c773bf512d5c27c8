"""Read side for public group pages."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop.catalog import queries as catalog_queries
from shop.catalog.cards import card_columns
from shop.catalog.models import Product
from shop.extensions import db
from shop.groups.models import Group


def public_group(slug: str) -> Group | None:
    stmt = (select(Group).where(Group.slug == slug, Group.status == "active")
            .options(selectinload(Group.region), selectinload(Group.members)))
    return db.session.scalar(stmt)


def group_products(group: Group, page: int, per_page: int) -> catalog_queries.Page:
    """A page of card rows (shop.catalog.cards renders them)."""
    stmt = (catalog_queries.public_products().where(Product.group_id == group.id)
            .order_by(Product.created_at.desc(), Product.id.desc()))
    return catalog_queries.paginate(stmt, page, per_page, card_columns())
