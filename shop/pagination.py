"""A page of a list, and paginating a SELECT in SQL (count, then LIMIT/OFFSET)."""
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


def page_window(total: int, page: int, per_page: int) -> tuple[int, int]:
    """The page clamped to those that exist, and its offset."""
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    return page, (page - 1) * per_page


def paginate(stmt: Select, page: int, per_page: int) -> Page:
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    page, offset = page_window(total, page, per_page)
    items = list(db.session.scalars(stmt.limit(per_page).offset(offset)).unique())
    return Page(items=items, total=total, page=page, per_page=per_page)
