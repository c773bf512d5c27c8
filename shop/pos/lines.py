"""A till sale's body read into lines (every bad input a clear message), and the Order it becomes: channel
`bazaar`, one part per group, lines that snapshot title, price, group and makers, each part paid (posted to
the group's books as a bazaar sale held by the organiser) and handed over at once."""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop.catalog.models import Product, Variant
from shop.errors import DomainError
from shop.events.models import TILL_METHODS, Event, EventItem
from shop.extensions import db
from shop.models_base import utcnow
from shop.orders import services as orders
from shop.orders.models import Order, OrderLine, OrderPart
from shop.payments import providers
from shop.payments.providers import till

MAX_LINES, MAX_QUANTITY, MAX_CASH = 100, 1000, 100_000_000


class BadSale(DomainError):
    """The body cannot be a sale at all (HTTP 422): nothing is stored."""


@dataclass
class SaleBody:
    till_id: int
    method: str
    cash: int
    made_at: datetime
    wanted: dict[str, int]  # sku -> quantity


def body_hash(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _int(value, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadSale(message)
    return value


def parse(body) -> SaleBody:
    if not isinstance(body, dict):
        raise BadSale(_("Data penjualan tidak terbaca."))
    till_id = _int(body.get("till"), 1, 2**31 - 1, _("Kasir (mesin) tidak dikenal."))
    method = body.get("method")
    if method not in TILL_METHODS:
        raise BadSale(_("Pilih cara bayar: tunai, QRIS, QRIS kelompok atau kartu (EDC)."))
    lines = body.get("lines")
    if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_LINES:
        raise BadSale(_("Penjualan tanpa barang tidak bisa dicatat."))
    wanted: dict[str, int] = {}
    for line in lines:
        sku = line.get("sku") if isinstance(line, dict) else None
        if not isinstance(sku, str) or not sku.strip() or len(sku) > 60:
            raise BadSale(_("Setiap barang perlu SKU."))
        qty = _int(line.get("qty"), 1, MAX_QUANTITY, _("Jumlah barang harus antara 1 dan %(n)d.", n=MAX_QUANTITY))
        wanted[sku.strip()] = wanted.get(sku.strip(), 0) + qty
    cash = _int(body.get("cash", 0), 0, MAX_CASH, _("Isi uang tunai yang diterima dengan angka rupiah."))
    return SaleBody(till_id, method, cash, _made_at(body.get("made_at")), wanted)


def _made_at(value) -> datetime:
    now = utcnow()
    if value is None:
        return now
    try:
        moment = datetime.fromisoformat(str(value))  # Python 3.11 reads a trailing Z as UTC
    except ValueError:
        raise BadSale(_("Waktu penjualan tidak terbaca.")) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return min(moment, now) if moment < now + timedelta(days=1) else now


def items_for(event: Event, wanted: dict[str, int]) -> dict[str, EventItem]:
    """The event's allocation row of every SKU; an unknown SKU or a group not in the event is a BadSale."""
    found = {item.variant.sku: item for item in db.session.scalars(
        select(EventItem).join(Variant, Variant.id == EventItem.variant_id)
        .where(EventItem.event_id == event.id, Variant.sku.in_(list(wanted)))
        .options(selectinload(EventItem.variant).selectinload(Variant.product).selectinload(Product.makers),
                 selectinload(EventItem.variant).selectinload(Variant.product).selectinload(Product.group),
                 selectinload(EventItem.participation)))}
    for sku in wanted:
        if sku not in found:
            if db.session.scalar(select(Variant.id).where(Variant.sku == sku)) is None:
                raise BadSale(_("SKU %(sku)s tidak dikenal.", sku=sku))
            raise BadSale(_("Barang %(sku)s bukan dari kelompok peserta bazar ini.", sku=sku))
    return found


def check_group_qris(items: dict[str, EventItem], sale_body: SaleBody) -> None:
    """A group's own QRIS pays that group's bank: only for a sale whose items all belong to that one group."""
    if sale_body.method == "qris_group" and len({items[s].participation.group_id for s in sale_body.wanted}) != 1:
        raise BadSale(_("QRIS kelompok hanya untuk penjualan yang semua barangnya dari satu kelompok. "
                        "Pakai QRIS panitia, tunai atau kartu."))


def total_of(items: dict[str, EventItem], wanted: dict[str, int]) -> int:
    return sum(items[sku].price * q for sku, q in wanted.items())


def build_order(items: dict[str, EventItem], wanted: dict[str, int], method: str, made_at: datetime) -> Order:
    registered = providers.method(till.CODES[method])
    order = Order(number=orders.new_number(), token=secrets.token_urlsafe(24), channel="bazaar",
                  payment_method=registered.code, buyer_name=_("Pembeli bazar"), buyer_email="", buyer_phone="")
    parts: dict[int, OrderPart] = {}
    for sku in sorted(wanted, key=lambda s: items[s].variant_id):
        item = items[sku]
        v = item.variant
        group = v.product.group
        if group.id not in parts:
            parts[group.id] = OrderPart(group=group, shipping="pickup", shipping_fee=0)
            order.parts.append(parts[group.id])
        makers = ", ".join(m.name for m in v.product.makers if m.shown_publicly)
        parts[group.id].lines.append(OrderLine(
            variant_id=v.id, quantity=wanted[sku], title=v.product.title[:200], variant_label=v.label[:100],
            sku=v.sku, unit_price=item.price, group_name=group.name, maker_names=makers[:400], takes_stock=True,
            product_id=v.product_id, maker_member_id=min((m.id for m in v.product.makers), default=None)))
    for part in order.parts:
        part.goods_total = part.total = sum(line.line_total for line in part.lines)
    order.goods_total = order.total = sum(p.total for p in order.parts)
    order.created_at = made_at
    db.session.add(order)
    db.session.flush()
    for part in order.parts:
        orders.mark_part_paid(part, at=made_at, received_into=registered.received_into)
        orders.mark_picked_up(part)
    return order
