"""Read side for public group pages."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from shop.catalog import listing
from shop.catalog import queries as catalog_queries
from shop.catalog.models import Product
from shop.extensions import db
from shop.groups.models import Group
from shop.pagination import Page


def public_group(slug: str) -> Group | None:
    stmt = (select(Group).where(Group.slug == slug, Group.status == "active")
            .options(joinedload(Group.region)))  # members load only when the page's content is not cached
    return db.session.scalar(stmt)


def group_products(group: Group, page: int, per_page: int) -> Page:
    """A page of card rows (shop.catalog.cards renders them)."""
    return listing.cached_page("group", (group.id,), lambda: catalog_queries.public_products().where(
        Product.group_id == group.id).order_by(Product.created_at.desc(), Product.id.desc()),
        page, per_page, listing.catalogue_version())
