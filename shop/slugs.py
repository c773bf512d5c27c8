"""Public addresses (slugs) that no other row of the same table has: `batik-mekar`, then `batik-mekar-2`, …"""
from __future__ import annotations

from sqlalchemy import or_, select

from shop.extensions import db
from shop.text import slugify


def unique_slug(text: str, column, max_length: int = 80) -> str:
    """slugify(text), with the lowest free numeric suffix when taken in `column` (e.g. Product.slug).
    One query, however many rows share the name; the unique index still decides a race."""
    base = slugify(text, max_length)
    taken = set(db.session.scalars(select(column).where(
        or_(column == base, column.startswith(f"{base}-", autoescape=True)))))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
