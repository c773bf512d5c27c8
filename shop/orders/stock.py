"""Stock is taken at placement by a conditional UPDATE (DESIGN.md §6) and given back on expiry or cancellation."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import update

from shop.catalog.models import Variant
from shop.errors import OutOfStock
from shop.extensions import db


def take(quantities: dict[int, int], titles: dict[int, str]) -> None:
    """Take stock for every variant in variant-id order; the first shortfall raises OutOfStock.

    The caller's transaction is then rolled back by the view, so no line keeps its stock either.
    """
    for variant_id in sorted(quantities):
        q = quantities[variant_id]
        result = db.session.execute(
            update(Variant).where(Variant.id == variant_id, Variant.stock >= q)
            .values(stock=Variant.stock - q).execution_options(synchronize_session=False))
        if result.rowcount != 1:
            raise OutOfStock(_("Stok \u201c%(title)s\u201d tidak cukup lagi. Periksa keranjang Anda.",
                               title=titles.get(variant_id, "")))
    _expire_cached(quantities)


def give_back(quantities: dict[int, int]) -> None:
    for variant_id in sorted(quantities):
        db.session.execute(update(Variant).where(Variant.id == variant_id)
                           .values(stock=Variant.stock + quantities[variant_id])
                           .execution_options(synchronize_session=False))
    _expire_cached(quantities)


def return_part(part) -> None:
    """Give back the stock of a part's stock-taking lines, once."""
    if part.stock_returned:
        return
    quantities: dict[int, int] = {}
    for line in part.lines:
        if line.takes_stock and line.variant_id is not None:
            quantities[line.variant_id] = quantities.get(line.variant_id, 0) + line.quantity
    give_back(quantities)
    part.stock_returned = True


def _expire_cached(quantities: dict[int, int]) -> None:
    for variant_id in quantities:
        cached = db.session.identity_map.get(db.session.identity_key(Variant, variant_id))  # type: ignore[arg-type]
        if cached is not None:
            db.session.expire(cached, ["stock"])
