"""Which products a list page shows, cached under the catalogue's version.

A list's membership and order depend on every product (a new one pushes the others down a page), so a list is
cached as a whole: the total and the ids of one page, keyed by the page's filters and kept with the catalogue's
version it was built at (the highest CatalogChange id, an indexed lookup read in the same statement as the cards'
rows: a list of an older version is built again). Any change to a product, variant, photo or group through the
ORM makes a new version; so does a variant's stock running out or coming back (shop.catalog.stock), the only
way stock taken or given back past the ORM can change a list (the "in stock" filter). The card rows for the
ids are then read fresh (one query by primary key), so each card's own key (shop.catalog.cards) still sees its
stock. A warm list page costs one small query whatever the
catalogue size or page number; a cold one pays the count and the OFFSET once per version."""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from sqlalchemy import Select, bindparam, func, select

from shop.catalog.cards import card_columns, card_rows
from shop.catalog.models import CatalogChange, Product
from shop.catalog.public import public_products
from shop.extensions import cache, db
from shop.pagination import Page, clamp
from shop.transactions import core_connection

# built once: a warm page runs only one of these, and building them is a good part of their cost
_VERSION = select(func.max(CatalogChange.id))
_ROWS_BY_ID = public_products().with_only_columns(*card_columns(), _VERSION.scalar_subquery().label("version")).where(
    Product.id.in_(bindparam("ids", expanding=True)))


def catalogue_version() -> int:
    """Changes whenever a product, variant, photo or group changes (shop.catalog.versions)."""
    return core_connection().scalar(_VERSION) or 0


def _key(kind: str, parts: tuple, version: int | None = None) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:20]
    return f"list:{kind}:{digest}" if version is None else f"list:{kind}:{version}:{digest}"


def _rows_and_version(ids: list[int]) -> tuple[list, int]:
    """The card rows of `ids` in that order and the catalogue's version as of the same statement (one round
    trip: the version is a column of every row); the version alone when there are no rows."""
    rows = {row.id: row for row in core_connection().execute(_ROWS_BY_ID, {"ids": ids})} if ids else {}
    version = (next(iter(rows.values())).version or 0) if rows else catalogue_version()
    return [rows[i] for i in ids if i in rows], version


def _current(key: str) -> tuple[int, object, list | None]:
    """(catalogue version, what was kept with the list, its card rows) when the list kept under `key` is of the
    current version; (version, None, None) when it must be built again."""
    entry = cache.get(key)
    if entry is None:
        return catalogue_version(), None, None
    version, extra, ids = entry
    rows, current = _rows_and_version(ids)
    return (current, extra, rows) if current == version else (current, None, None)


def cached_page(kind: str, parts: tuple, build: Callable[[], Select], page: int,
                per_page: int) -> tuple[Page, int]:
    """A page of card rows of the statement `build()` makes (a list built on public_products(), ordered) and the
    catalogue's version; the list is only built when the one kept is not of the current version. A warm page
    is one statement whatever the catalogue size or page number; a cold one pays the count and the OFFSET once."""
    key = _key(kind, (parts, page, per_page))
    version, extra, rows = _current(key)
    if rows is not None:
        total, page = extra
        return Page(items=rows, total=total, page=page, per_page=per_page), version
    stmt = build()
    total = db.session.scalar(stmt.with_only_columns(func.count(Product.id)).order_by(None)) or 0
    page = clamp(page, total, per_page)
    rows = card_rows(stmt.limit(per_page).offset((page - 1) * per_page))
    cache.set(key, (version, (total, page), [row.id for row in rows]))
    return Page(items=rows, total=total, page=page, per_page=per_page), version


def cached_rows(kind: str, parts: tuple, build: Callable[[], Select]) -> tuple[list, int]:
    """Card rows of a short fixed list (e.g. the home page's featured products) and the catalogue's version."""
    key = _key(kind, parts)
    version, _extra, rows = _current(key)
    if rows is not None:
        return rows, version
    rows = card_rows(build())
    cache.set(key, (version, None, [row.id for row in rows]))
    return rows, version


def cached_value(kind: str, parts: tuple, version: int, compute):
    """Any small derived figure of the catalogue (craft counts), cached under the version."""
    key = _key(kind, parts, version)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value
