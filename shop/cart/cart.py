"""The cart lives in the session: {variant_id: {"q": quantity, "p": price when added}}.

Nothing here changes silently: a variant that went out of stock, was withdrawn or changed price is flagged, and
checkout refuses until the buyer has seen it (accept the new price, lower the quantity or remove the item).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from flask import current_app, session
from flask_babel import gettext as _
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from shop.catalog.models import Product, Variant
from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Group
from shop.money import format_idr

KEY = "cart"


@dataclass
class CartLine:
    variant_id: int
    quantity: int
    added_price: int
    variant: Variant | None
    problems: list[str] = field(default_factory=list)

    @property
    def price(self) -> int:
        return self.variant.price if self.variant else self.added_price

    @property
    def line_total(self) -> int:
        return self.price * self.quantity

    @property
    def price_changed(self) -> bool:
        return self.variant is not None and self.variant.price != self.added_price


@dataclass
class GroupBox:
    group: Group
    lines: list[CartLine]

    @property
    def goods_total(self) -> int:
        return sum(line.line_total for line in self.lines)


@dataclass
class CartView:
    boxes: list[GroupBox]
    gone: list[CartLine]

    @property
    def lines(self) -> list[CartLine]:
        return [line for box in self.boxes for line in box.lines] + self.gone

    @property
    def goods_total(self) -> int:
        return sum(box.goods_total for box in self.boxes)

    @property
    def has_problems(self) -> bool:
        return any(line.problems for line in self.lines)

    @property
    def empty(self) -> bool:
        return not self.lines


def raw() -> dict[str, dict]:
    """The cart as stored, keeping only well-formed lines (a tampered or old cookie never breaks a page)."""
    data = session.get(KEY)
    if not isinstance(data, dict):
        return {}
    return {key: item for key, item in data.items() if _well_formed(key, item)}


def _well_formed(key, item) -> bool:
    return (isinstance(key, str) and key.isdigit() and len(key) <= 10 and int(key) <= 2**31 - 1
            and isinstance(item, dict) and all(type(item.get(k)) is int for k in ("q", "p"))
            and 0 < item["q"] <= 10_000 and 0 <= item["p"] < 10**13)


def count() -> int:
    return sum(int(item.get("q", 0)) for item in raw().values())


def _save(data: dict) -> None:
    session[KEY] = data
    session.modified = True


def _buyable_variant(variant_id: int) -> Variant:
    variant = db.session.scalars(_buyable(), {"id": variant_id}).first()
    if variant is None or variant.product.status != "published" or not variant.product.group.is_active:
        raise DomainError(_("Produk ini tidak tersedia."))
    return variant


@functools.cache
def _buyable() -> Select:
    """The variant with product and group in one query, built once (like _lines)."""
    return select(Variant).where(Variant.id == bindparam("id")).options(
        joinedload(Variant.product, innerjoin=True).joinedload(Product.group, innerjoin=True))


def add(variant_id: int, quantity: int) -> Variant:
    limit = current_app.config["CART_MAX_QUANTITY"]
    variant = _buyable_variant(variant_id)
    if variant.product.kind == "made_to_measure":  # measured, quoted and paid by deposit: never through the cart
        raise DomainError(_("Produk ini dijahit sesuai ukuran: ajukan pesanan ukur dari halaman produk."))
    data = raw()
    item = data.get(str(variant_id), {"q": 0, "p": variant.price})
    new_q = item["q"] + quantity
    if new_q > limit:
        raise DomainError(_("Paling banyak %(n)d buah per pilihan dalam satu pesanan.", n=limit))
    if not variant.product.made_after_order and new_q > variant.stock:
        raise DomainError(_("Stok tidak cukup: tersisa %(n)d.", n=variant.stock))
    data[str(variant_id)] = {"q": new_q, "p": item["p"]}
    _save(data)
    return variant


def set_quantity(variant_id: int, quantity: int) -> None:
    data = raw()
    if str(variant_id) not in data:
        raise DomainError(_("Barang ini tidak ada di keranjang."))
    if quantity <= 0:
        data.pop(str(variant_id))
    else:
        if quantity > current_app.config["CART_MAX_QUANTITY"]:
            raise DomainError(_("Paling banyak %(n)d buah per pilihan dalam satu pesanan.",
                                n=current_app.config["CART_MAX_QUANTITY"]))
        data[str(variant_id)]["q"] = quantity
    _save(data)


def accept_prices() -> None:
    """The buyer has seen the new prices: remember them as the prices they agreed to."""
    data = raw()
    for vid, item in data.items():
        variant = db.session.get(Variant, int(vid))
        if variant is not None:
            item["p"] = variant.price
    _save(data)


def clear() -> None:
    session.pop(KEY, None)


def view(for_order: bool = False) -> CartView:
    """The cart's lines by group, each with what stops checkout. `for_order`: the same query also loads the
    products' makers, so placing the order (orders.services.place_order) finds everything in the session."""
    data = raw()
    ids = [int(v) for v in data if v.isdigit()]
    variants = {v.id: v for v in db.session.scalars(_lines(for_order), {"ids": ids}).unique()} if ids else {}
    boxes: dict[int, GroupBox] = {}
    gone: list[CartLine] = []
    for vid in ids:
        item = data[str(vid)]
        line = CartLine(variant_id=vid, quantity=int(item["q"]), added_price=int(item["p"]),
                        variant=variants.get(vid))
        v = line.variant
        if v is None or v.product.status != "published" or not v.product.group.is_active:
            line.problems.append(_("Produk ini tidak dijual lagi. Hapus dari keranjang."))
            gone.append(line)
            continue
        if not v.product.made_after_order and v.stock < line.quantity:
            line.problems.append(_("Stok habis.") if v.stock == 0 else
                                 _("Stok tinggal %(n)d. Kurangi jumlahnya.", n=v.stock))
        if line.price_changed:
            line.problems.append(_("Harga berubah dari %(old)s menjadi %(new)s.",
                                   old=_fmt(line.added_price), new=_fmt(v.price)))
        boxes.setdefault(v.product.group_id, GroupBox(group=v.product.group, lines=[])).lines.append(line)
    return CartView(boxes=sorted(boxes.values(), key=lambda b: b.group.name), gone=gone)


@functools.cache
def _lines(for_order: bool) -> Select:
    """The cart's variants in one query however many lines; built once (making it costs more than running it)."""
    product = joinedload(Variant.product, innerjoin=True)
    options = [product.joinedload(Product.group, innerjoin=True).joinedload(Group.region)]
    if for_order:
        options.append(product.joinedload(Product.makers))
    return select(Variant).where(Variant.id.in_(bindparam("ids", expanding=True))).options(*options)


def _fmt(amount: int) -> str:
    return format_idr(amount)
