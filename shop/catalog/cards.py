"""Product cards rendered once and kept in the cache (Flask-Caching) for anonymous visitors.

A list page reads one light row per card (ids and versions, no ORM objects) and asks the cache for all the cards
at once. A card's key names everything it shows: the product's `updated_at` (bumped whenever the product, a
variant, a photo or its makers change: shop.catalog.versions), its group's `updated_at`, the region's name,
whether it can be ordered now (stock is taken by conditional UPDATEs that bypass the ORM, so this is read from
SQL), the locale and whether its image loads lazily. A change therefore gives only the cards it shows a new key;
every other card stays cached. Only the cards not found are loaded (three queries whatever their number) and
rendered with the `product_card` macro."""
from __future__ import annotations

import hashlib

from flask import get_template_attribute
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import Select, and_, exists, or_
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from shop.catalog.models import MADE_AFTER_ORDER, Product, Variant
from shop.catalog.public import public_products
from shop.crafts import CRAFTS
from shop.extensions import cache, db
from shop.groups.models import Group, Region

EAGER_IMAGES = 4  # the first cards of a page load their image at once (above the fold on a phone)


def _orderable():
    return or_(Product.kind.in_(MADE_AFTER_ORDER),
               exists().where(and_(Variant.product_id == Product.id, Variant.stock > 0))).label("orderable")


CARD_COLUMNS = (Product.id, Product.updated_at, Group.updated_at.label("group_updated_at"),
                Region.name.label("region_name"), Region.kind.label("region_kind"),
                Region.province.label("region_province"))


def card_columns() -> tuple:
    """What a list query selects instead of Product objects (its FROM must join Group and Region)."""
    return (*CARD_COLUMNS, _orderable())


def card_key(row, lazy: bool, locale: str) -> str:
    return (f"card:{locale}:{int(lazy)}:{row.id}:{row.updated_at.timestamp()}:{row.group_updated_at.timestamp()}:"
            f"{int(bool(row.orderable))}:{row.region_kind}:{row.region_name}:{row.region_province}")


def _load(ids: list[int]) -> dict[int, Product]:
    # photos joined (a card has a few), variants in one more query: three statements became two
    stmt = public_products().where(Product.id.in_(ids)).options(
        contains_eager(Product.group).contains_eager(Group.region), selectinload(Product.variants),
        joinedload(Product.images))
    return {p.id: p for p in db.session.scalars(stmt).unique()}


def card_keys(rows: list) -> list[str]:
    locale = str(get_locale())
    return [card_key(row, index >= EAGER_IMAGES, locale) for index, row in enumerate(rows)]


def content_key(*parts) -> str:
    """Key of a page's content block: the keys of its cards and whatever else the block shows."""
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def render_cards(rows: list) -> list[Markup]:
    """The cards of `rows` (from a query selecting card_columns()), from the cache where they are."""
    if not rows:
        return []
    keys = card_keys(rows)
    anonymous = not current_user.is_authenticated
    found = cache.get_many(*keys) if anonymous else [None] * len(keys)
    missing = [row.id for row, html in zip(rows, found, strict=True) if html is None]
    if missing:
        products = _load(missing)
        macro = get_template_attribute("_macros.html", "product_card")
        fresh = {}
        for index, (row, key) in enumerate(zip(rows, keys, strict=True)):
            if found[index] is None and row.id in products:
                found[index] = str(macro(products[row.id], CRAFTS, lazy=index >= EAGER_IMAGES))
                fresh[key] = found[index]
        if anonymous and fresh:
            cache.set_many(fresh)
    # our own macro's output, autoescaped when it was rendered (cached as text)
    return [Markup(html) for html in found if html is not None]  # nosec B704


def card_rows(stmt: Select) -> list:
    """Run a list query (built on public_products()) for card rows instead of Product objects."""
    return list(db.session.execute(stmt.with_only_columns(*card_columns())))
