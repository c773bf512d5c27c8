"""Which products a list page shows, cached under the catalogue's version.

A list's membership and order depend on every product (a new one pushes the others down a page), so a list is
cached as a whole: the total and the ids of one page, keyed by the page's filters and the catalogue's version
(the highest CatalogChange id, one indexed lookup). Any change to a product, variant, photo or group through the
ORM makes a new version; nothing else can change a list, except stock taken by orders, so a list filtered on
"in stock" is never cached. The card rows for the ids are then read fresh (one query by primary key), so each
card's own key (shop.catalog.cards) still sees its stock. A warm list page costs two small queries whatever the
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

# built once: a warm page runs only these two statements, and building them is a good part of their cost
_VERSION = select(func.max(CatalogChange.id))
_ROWS_BY_ID = public_products().with_only_columns(*card_columns()).where(
    Product.id.in_(bindparam("ids", expanding=True)))


def _connection():
    """The session's connection, for the two statements of a warm list page: they select plain columns, so they
    run as Core statements (a third of their cost was the ORM's statement handling). Pending changes are flushed
    first, as the ORM's autoflush would."""
    if db.session.new or db.session.dirty or db.session.deleted:
        db.session.flush()
    return db.session.connection()


def catalogue_version() -> int:
    """Changes whenever a product, variant, photo or group changes (shop.catalog.versions)."""
    return _connection().scalar(_VERSION) or 0


def _key(kind: str, parts: tuple, version: int) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:20]
    return f"list:{kind}:{version}:{digest}"


def _rows_in_order(ids: list[int]) -> list:
    if not ids:
        return []
    rows = {row.id: row for row in _connection().execute(_ROWS_BY_ID, {"ids": ids})}
    return [rows[i] for i in ids if i in rows]


def cached_page(kind: str, parts: tuple, build: Callable[[], Select], page: int, per_page: int, version: int,
                live: bool = False) -> Page:
    """A page of card rows of the statement `build()` makes (a list built on public_products(), ordered); it is
    only built when the list is not cached."""
    key = _key(kind, (parts, page, per_page), version)
    entry = None if live else cache.get(key)
    if entry is not None:
        total, page, ids = entry
        return Page(items=_rows_in_order(ids), total=total, page=page, per_page=per_page)
    stmt = build()
    total = db.session.scalar(stmt.with_only_columns(func.count(Product.id)).order_by(None)) or 0
    page = clamp(page, total, per_page)
    rows = card_rows(stmt.limit(per_page).offset((page - 1) * per_page))
    if not live:
        cache.set(key, (total, page, [row.id for row in rows]))
    return Page(items=rows, total=total, page=page, per_page=per_page)


def cached_rows(kind: str, parts: tuple, build: Callable[[], Select], version: int) -> list:
    """Card rows of a short fixed list (e.g. the home page's featured products)."""
    key = _key(kind, parts, version)
    ids = cache.get(key)
    if ids is not None:
        return _rows_in_order(ids)
    rows = card_rows(build())
    cache.set(key, [row.id for row in rows])
    return rows


def cached_value(kind: str, parts: tuple, version: int, compute):
    """Any small derived figure of the catalogue (craft counts), cached under the version."""
    key = _key(kind, parts, version)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value
