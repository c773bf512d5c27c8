"""Catalogue verbs for a group's own products: create, edit, change status, duplicate. Flush, never commit.

Every function takes the coordinator's group id or an object already fetched through it, so a product of
another group can never be reached.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.activity.services import record
from shop.catalog.models import MADE_AFTER_ORDER, PRODUCT_KINDS, Product, StockAdjustment, Variant
from shop.crafts import CRAFTS, STATUS_LABELS
from shop.errors import DomainError, InvalidTransition, NotFound
from shop.extensions import db
from shop.groups.models import Member
from shop.slugs import unique_slug
from shop.text import slugify

PRODUCT_TRANSITIONS: dict[str, set[str]] = {
    "draft": {"published", "archived"},
    "published": {"draft", "archived"},
    "archived": {"draft"},
}


class FieldError(DomainError):
    """A rule about one input: the view shows the message next to that field (e.g. "variants-1-sku")."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class VariantInput:
    id: int | None = None
    size: str = ""
    colour: str = ""
    sku: str = ""
    price: int = 0
    stock: int = 0
    remove: bool = False
    row: int = 0  # index of the form row, for messages


@dataclass
class ProductInput:
    title: str
    description: str = ""
    craft: str = "batik_tulis"
    kind: str = "ready_made"
    lead_time_days: int = 0
    maker_ids: list[int] = field(default_factory=list)


def get_product(group_id: int, product_id: int) -> Product:
    product = db.session.scalar(select(Product).where(Product.id == product_id, Product.group_id == group_id))
    if product is None:
        raise NotFound(_("Produk tidak ditemukan."))
    return product


def get_variant(group_id: int, variant_id: int) -> Variant:
    variant = db.session.scalar(select(Variant).join(Variant.product)
                                .where(Variant.id == variant_id, Product.group_id == group_id))
    if variant is None:
        raise NotFound(_("Pilihan produk tidak ditemukan."))
    return variant


def current_members(group_id: int) -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.group_id == group_id, Member.left_on.is_(None))
                                   .order_by(Member.name)))


def new_sku(title: str) -> str:
    while True:
        sku = f"{slugify(title, 16).upper()}-{secrets.token_hex(3).upper()}"
        if not sku_taken(sku):
            return sku


def sku_taken(sku: str, except_ids: set[int] | None = None) -> bool:
    stmt = select(Variant.id).where(func.lower(Variant.sku) == sku.lower())
    return any(vid not in (except_ids or set()) for vid in db.session.scalars(stmt))


def _check_product(data: ProductInput) -> None:
    if not data.title.strip():
        raise FieldError(_("Isi nama produk."), "title")
    if data.craft not in CRAFTS:
        raise FieldError(_("Pilih jenis kerajinan dari daftar."), "craft")
    if data.kind not in PRODUCT_KINDS:
        raise FieldError(_("Pilih jenis produk dari daftar."), "kind")
    if data.kind in MADE_AFTER_ORDER and not data.lead_time_days:
        raise FieldError(_("Isi lama pengerjaan (hari) untuk produk yang dibuat setelah dipesan."),
                         "lead_time_days")


def _makers(group_id: int, maker_ids: list[int]) -> list[Member]:
    members = {m.id: m for m in current_members(group_id)}
    if any(mid not in members for mid in maker_ids):
        raise FieldError(_("Pilih pembuat dari anggota aktif kelompok Anda."), "makers")
    return [members[mid] for mid in maker_ids]


def _apply(product: Product, data: ProductInput, makers: list[Member]) -> None:
    product.title = data.title.strip()
    product.description = data.description.strip()
    product.craft = data.craft
    product.kind = data.kind
    product.lead_time_days = data.lead_time_days if data.kind in MADE_AFTER_ORDER else 0
    product.makers = makers


def _apply_variants(product: Product, rows: list[VariantInput], user_id: int | None) -> None:
    existing = {v.id: v for v in product.variants}
    own_ids = set(existing)
    seen: set[str] = set()
    for row in rows:
        if row.id is not None and row.id not in existing:
            raise NotFound(_("Pilihan produk tidak ditemukan."))
        if row.remove:
            continue
        sku = row.sku.strip()
        if sku:
            if sku.lower() in seen or sku_taken(sku, own_ids):
                raise FieldError(_("Kode SKU %(sku)s sudah dipakai. Gunakan kode lain.", sku=sku),
                                 f"variants-{row.row}-sku")
            seen.add(sku.lower())
    for row in rows:
        if row.remove and row.id is not None:
            product.variants.remove(existing[row.id])
    db.session.flush()  # free removed SKUs before new ones may reuse them
    position = 0
    initial: list[tuple[Variant, int]] = []
    for row in rows:
        if row.remove:
            continue
        variant = existing.get(row.id) if row.id is not None else None
        if variant is None:
            variant = Variant(sku=row.sku.strip() or new_sku(product.title), stock=row.stock)
            product.variants.append(variant)
            if row.stock:
                initial.append((variant, row.stock))
        elif row.sku.strip():
            variant.sku = row.sku.strip()
        variant.size = row.size.strip()
        variant.colour = row.colour.strip()
        variant.price = row.price
        variant.position = position
        position += 1
    db.session.flush()
    for variant, count in initial:
        db.session.add(StockAdjustment(variant_id=variant.id, change=count, reason=_("Stok awal"), user_id=user_id))
    db.session.flush()


def create_product(group_id: int, data: ProductInput, rows: list[VariantInput],
                   user_id: int | None = None, status: str = "draft") -> Product:
    _check_product(data)
    product = Product(group_id=group_id, slug=unique_slug(data.title, Product.slug, 60), status=status)
    _apply(product, data, _makers(group_id, data.maker_ids))
    db.session.add(product)
    db.session.flush()
    _apply_variants(product, rows, user_id)
    record("product.created", product.title, group_id=group_id)
    return product


def update_product(product: Product, data: ProductInput, rows: list[VariantInput],
                   user_id: int | None = None) -> Product:
    _check_product(data)
    _apply(product, data, _makers(product.group_id, data.maker_ids))
    _apply_variants(product, rows, user_id)
    if product.status == "published" and not can_publish(product):
        raise DomainError(_("Setiap pilihan pada produk yang tayang harus punya harga lebih dari Rp0."))
    record("product.updated", product.title, group_id=product.group_id)
    return product


def can_publish(product: Product) -> bool:
    """Every choice of a published product has a price: a Rp0 variant can never be ordered."""
    return bool(product.variants) and all((v.price or 0) > 0 for v in product.variants)


def change_status(product: Product, new_status: str) -> Product:
    """The one way a product's status changes."""
    allowed = PRODUCT_TRANSITIONS.get(product.status, set())
    if new_status not in allowed:
        raise InvalidTransition(_("Produk berstatus %(old)s tidak bisa diubah menjadi %(new)s.",
                                  old=STATUS_LABELS.get(product.status, product.status),
                                  new=STATUS_LABELS.get(new_status, new_status)))
    if new_status == "published" and not can_publish(product):
        raise InvalidTransition(_("Beri harga pada setiap pilihan (ukuran/warna) sebelum menayangkan produk."))
    old = product.status
    product.status = new_status
    db.session.flush()
    record(f"product.{new_status}", product.title, group_id=product.group_id, detail=f"{old} -> {new_status}")
    return product


def duplicate_product(product: Product, user_id: int | None = None) -> Product:
    """A draft copy with the same details, variants (new SKUs, no stock) and makers; photos are not copied."""
    title = _("%(title)s (salinan)", title=product.title)[:160]
    copy = Product(group_id=product.group_id, slug=unique_slug(title, Product.slug, 60), title=title, description=product.description,
                   craft=product.craft, kind=product.kind, lead_time_days=product.lead_time_days, status="draft",
                   makers=[m for m in product.makers if m.is_current])
    db.session.add(copy)
    for v in product.variants:
        copy.variants.append(Variant(size=v.size, colour=v.colour, price=v.price, stock=0, position=v.position,
                                     sku=new_sku(title)))
    db.session.flush()
    record("product.duplicated", copy.title, group_id=product.group_id, detail=product.title)
    return copy
