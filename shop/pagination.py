"""One page of a query's rows: `paginate(stmt, page, per_page)` counts and slices in SQL and returns a `Page`."""
from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from shop.extensions import db


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def clamp(page: int, total: int, per_page: int) -> int:
    """The asked page number moved into 1…last page (a stale or typed-in link never shows an empty page)."""
    return min(max(1, page), max(1, math.ceil(total / per_page)))


def count(stmt: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def paginate(stmt: Select, page: int, per_page: int) -> Page:
    """Rows of `page` (clamped) of `stmt`; ORM entities are de-duplicated (joined eager loads)."""
    total = count(stmt)
    page = clamp(page, total, per_page)
    items = list(db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(items=items, total=total, page=page, per_page=per_page)


def paginate_rows(stmt: Select, page: int, per_page: int) -> Page:
    """Like `paginate` for a statement of several columns: the items are Row tuples."""
    total = count(stmt)
    page = clamp(page, total, per_page)
    items = list(db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, total=total, page=page, per_page=per_page)


def paginate_list(items: list, page: int, per_page: int) -> Page:
    """One page of a list already in memory (figures computed for every row, then sorted): same clamping."""
    total = len(items)
    page = clamp(page, total, per_page)
    return Page(items=items[(page - 1) * per_page:page * per_page], total=total, page=page, per_page=per_page)
