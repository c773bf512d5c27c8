"""Stock a group brings to a bazaar. Allocating takes units out of the variant's online stock by the catalogue's
conditional update (so they can no longer be sold online); selling at the till takes them from the allocation
row by the same kind of conditional update; closing the event gives every unsold unit back. Flush, never commit."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update

from shop.catalog.models import Product, Variant
from shop.catalog.stock import adjust_stock
from shop.errors import DomainError, NotFound, OutOfStock
from shop.events.models import Event, EventItem, EventParticipation
from shop.extensions import db

MAX_ALLOCATION = 10_000
OPEN_FOR_ALLOCATION = ("open", "published", "running")


def set_allocation(participation: EventParticipation, variant_id: int, quantity: int,
                   event_price: int | None = None, user_id: int | None = None) -> EventItem:
    """Bring `quantity` units (still unsold) of a variant of the group's own products, at an optional event
    price. Raising takes the difference from online stock; lowering gives it back."""
    event = participation.event
    if event.status not in OPEN_FOR_ALLOCATION:
        raise DomainError(_("Stok untuk bazar ini tidak bisa diubah lagi."))
    if participation.status != "accepted":
        raise DomainError(_("Terima undangan bazar dulu, baru pilih barang yang dibawa."))
    if quantity < 0 or quantity > MAX_ALLOCATION:
        raise DomainError(_("Jumlah barang untuk bazar harus antara 0 dan %(n)d.", n=MAX_ALLOCATION))
    if event_price is not None and event_price <= 0:
        raise DomainError(_("Harga bazar harus lebih dari nol, atau kosongkan untuk memakai harga biasa."))
    variant = db.session.scalar(select(Variant).join(Product).where(
        Variant.id == variant_id, Product.group_id == participation.group_id, Product.status == "published"))
    if variant is None:
        raise NotFound(_("Produk ini bukan milik kelompok Anda atau tidak dijual."))
    if variant.product.made_after_order:
        raise DomainError(_("Produk yang dibuat setelah dipesan tidak bisa dibawa ke bazar."))
    item = db.session.scalar(select(EventItem).where(EventItem.event_id == event.id,
                                                     EventItem.variant_id == variant_id))
    if item is None:
        item = EventItem(event_id=event.id, participation=participation, variant_id=variant_id, quantity=0, sold=0)
        db.session.add(item)
        db.session.flush()
    change = quantity - item.quantity
    reason = _("Dibawa ke bazar %(name)s", name=event.name) if change > 0 else \
        _("Kembali dari bazar %(name)s", name=event.name)
    if change > 0:
        adjust_stock(variant, -change, reason, user_id=user_id)  # conditional: never below zero
        _move_held(item, change)
    elif change < 0:
        _move_held(item, change)
        adjust_stock(variant, -change, reason, user_id=user_id)
    item.event_price = event_price
    db.session.flush()
    return item


def _move_held(item: EventItem, change: int) -> None:
    stmt = update(EventItem).where(EventItem.id == item.id).values(quantity=EventItem.quantity + change)
    if change < 0:
        stmt = stmt.where(EventItem.quantity >= -change)
    if db.session.execute(stmt.execution_options(synchronize_session=False)).rowcount != 1:
        raise OutOfStock(_("Sebagian barang ini sudah terjual di bazar; muat ulang halaman."))
    db.session.refresh(item, ["quantity"])


def take_for_sale(item_id: int, quantity: int) -> bool:
    """Take units sold at the till from the allocation: True when taken, False when not enough is left."""
    result = db.session.execute(
        update(EventItem).where(EventItem.id == item_id, EventItem.quantity >= quantity)
        .values(quantity=EventItem.quantity - quantity, sold=EventItem.sold + quantity)
        .execution_options(synchronize_session=False))
    _expire(item_id)
    return result.rowcount == 1


def record_oversold(item_id: int, quantity: int) -> None:
    """A sale the allocation could not cover, kept for settlement: counted as sold, stock left alone."""
    db.session.execute(update(EventItem).where(EventItem.id == item_id)
                       .values(sold=EventItem.sold + quantity).execution_options(synchronize_session=False))
    _expire(item_id)


def _expire(item_id: int) -> None:
    cached = db.session.identity_map.get(db.session.identity_key(EventItem, item_id))  # type: ignore[arg-type]
    if cached is not None:
        db.session.expire(cached, ["quantity", "sold"])


def release_group(participation: EventParticipation) -> None:
    for item in participation.items:
        if item.quantity:
            _give_back(item, participation.event)


def return_all(event: Event) -> int:
    """The event closes: every unit still held goes back to online stock (once per item)."""
    items = list(db.session.scalars(select(EventItem).where(EventItem.event_id == event.id, EventItem.quantity > 0)
                                    .order_by(EventItem.variant_id)))
    for item in items:
        _give_back(item, event)
    event.stock_returned = True
    return sum(i.returned for i in items)


def _give_back(item: EventItem, event: Event) -> None:
    left = item.quantity
    result = db.session.execute(update(EventItem).where(EventItem.id == item.id, EventItem.quantity == left)
                                .values(quantity=0, returned=EventItem.returned + left)
                                .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise OutOfStock(_("Stok bazar berubah saat ditutup; coba lagi."))
    db.session.refresh(item, ["quantity", "returned"])
    adjust_stock(item.variant, left, _("Kembali dari bazar %(name)s", name=event.name))
