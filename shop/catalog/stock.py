"""Stock: the one conditional UPDATE (DESIGN.md §6) used by checkout and by manual adjustments, stock given back
on expiry, cancellation or a refund with restock, adjustments with a reason, their history, the low-stock list.
Flush, never commit."""
from __future__ import annotations

import functools

from flask_babel import gettext as _
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import contains_eager, selectinload

from shop.activity.services import record
from shop.catalog.models import CatalogChange, Product, StockAdjustment, Variant
from shop.errors import DomainError, OutOfStock
from shop.extensions import db
from shop.models_base import utcnow

LOW_STOCK_THRESHOLD = 2
MAX_CHANGE = 100_000


def change_stock(variant_id: int, change: int) -> bool:
    """THE stock UPDATE: add `change` (negative takes), never below 0 even under races
    (`SET stock = stock + :c WHERE id = :id AND stock >= -:c RETURNING stock`). False when there was not enough
    stock. A variant that runs out or comes back gives the catalogue a new version: the lists filtered on "in
    stock" (shop.catalog.listing) change only then, so they can be kept like every other list."""
    if change < 0:
        params = {"variant_id": variant_id, "change": change, "needed": -change}
    else:
        params = {"variant_id": variant_id, "change": change}
    left = db.session.execute(_change_statement(change < 0), params).scalar()
    if left is None:
        return False
    if (change < 0 and left == 0) or (change > 0 and left == change):
        db.session.add(CatalogChange(at=utcnow()))
    return True


@functools.cache
def _change_statement(taking: bool):
    """Built once per kind (building it cost more CPU than running it); the values are bound at each call."""
    stmt = update(Variant).where(Variant.id == bindparam("variant_id")).values(
        stock=Variant.stock + bindparam("change")).returning(Variant.stock)
    if taking:
        stmt = stmt.where(Variant.stock >= bindparam("needed"))
    return stmt.execution_options(synchronize_session=False)


def take(quantities: dict[int, int], titles: dict[int, str]) -> None:
    """Take stock for every variant in variant-id order (checkout); the first shortfall raises OutOfStock.
    The caller's unit of work then rolls back, so no line keeps its stock either."""
    for variant_id in sorted(quantities):
        if not change_stock(variant_id, -quantities[variant_id]):
            raise OutOfStock(_("Stok \u201c%(title)s\u201d tidak cukup lagi. Periksa keranjang Anda.",
                               title=titles.get(variant_id, "")))
    _expire_cached(quantities)


def give_back(quantities: dict[int, int]) -> None:
    for variant_id in sorted(quantities):
        change_stock(variant_id, quantities[variant_id])
    _expire_cached(quantities)


def _expire_cached(quantities: dict[int, int]) -> None:
    for variant_id in quantities:
        cached = db.session.identity_map.get(db.session.identity_key(Variant, variant_id))  # type: ignore[arg-type]
        if cached is not None:
            db.session.expire(cached, ["stock"])


def adjust_stock(variant: Variant, change: int, reason: str, user_id: int | None = None) -> StockAdjustment:
    """Add or take stock. A decrease is a conditional UPDATE, so stock never goes below 0 even under races."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Tulis alasan perubahan stok."))
    if change == 0 or abs(change) > MAX_CHANGE:
        raise DomainError(_("Isi perubahan stok selain 0, misalnya 5 atau -2."))
    if not change_stock(variant.id, change):
        db.session.refresh(variant, ["stock"])
        raise OutOfStock(_("Stok %(label)s tinggal %(stock)d: tidak bisa dikurangi %(n)d.",
                           label=variant.label, stock=variant.stock, n=-change))
    db.session.refresh(variant, ["stock"])
    entry = StockAdjustment(variant_id=variant.id, change=change, reason=reason[:200], user_id=user_id)
    db.session.add(entry)
    db.session.flush()
    sign = "+" if change > 0 else ""
    record("stock.adjusted", f"{variant.product.title} ({variant.label})", group_id=variant.product.group_id,
           detail=f"{sign}{change}: {reason[:150]}")
    return entry


def history(product: Product, limit: int = 100) -> list[StockAdjustment]:
    stmt = (select(StockAdjustment).join(StockAdjustment.variant).where(Variant.product_id == product.id)
            .options(contains_eager(StockAdjustment.variant), selectinload(StockAdjustment.user))
            .order_by(StockAdjustment.at.desc(), StockAdjustment.id.desc()).limit(limit))
    return list(db.session.scalars(stmt))


def low_stock(group_id: int, threshold: int = LOW_STOCK_THRESHOLD) -> list[Variant]:
    """Ready-made variants (not archived) at or below the threshold, emptiest first."""
    stmt = (select(Variant).join(Variant.product)
            .where(Product.group_id == group_id, Product.kind == "ready_made", Product.status != "archived",
                   Variant.stock <= threshold)
            .options(contains_eager(Variant.product))
            .order_by(Variant.stock, Product.title, Variant.position))
    return list(db.session.scalars(stmt))
