"""Stock adjustments with a reason, their history, and the low-stock list. Flush, never commit."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import contains_eager, selectinload

from shop.activity.services import record
from shop.catalog.models import Product, StockAdjustment, Variant
from shop.errors import DomainError, OutOfStock
from shop.extensions import db

LOW_STOCK_THRESHOLD = 2
MAX_CHANGE = 100_000


def adjust_stock(variant: Variant, change: int, reason: str, user_id: int | None = None) -> StockAdjustment:
    """Add or take stock. A decrease is a conditional UPDATE, so stock never goes below 0 even under races."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Tulis alasan perubahan stok."))
    if change == 0 or abs(change) > MAX_CHANGE:
        raise DomainError(_("Isi perubahan stok selain 0, misalnya 5 atau -2."))
    stmt = update(Variant).where(Variant.id == variant.id).values(stock=Variant.stock + change)
    if change < 0:
        stmt = stmt.where(Variant.stock >= -change)
    result = db.session.execute(stmt.execution_options(synchronize_session=False))
    if result.rowcount != 1:
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
