"""The products the public sees, and how a page loads them for display."""
from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager, selectinload

from shop.catalog.models import Product
from shop.groups.models import Group


def public_products() -> Select:
    """Published products of active groups, with group and region joined for display and filters."""
    return (select(Product).join(Product.group).join(Group.region)
            .where(Product.status == "published", Group.status == "active"))


def with_display_loading(stmt: Select) -> Select:
    return stmt.options(contains_eager(Product.group).contains_eager(Group.region),
                        selectinload(Product.variants), selectinload(Product.images))
