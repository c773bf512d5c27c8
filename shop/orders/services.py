"""Order verbs: place an order, move its parts through their statuses, expire unpaid transfers.

mark_part_paid() is the one place where money for a part becomes paid (the ledger posts there);
payments.services.refund_part() is the one place where it is given back. Orders know nothing of payments:
payments owns payment state and calls these verbs (payments.services.cancel_part/expire_part close the part's
open payments, payments.services.expire_unpaid() is the sweep).
"""
from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import bindparam, exists, inspect, select
from sqlalchemy.orm import joinedload

from shop.accounts.queries import coordinator_emails
from shop.activity.services import record
from shop.catalog import stock
from shop.catalog.models import Product, Variant
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.groups.models import Group
from shop.mail.services import greeting_name, queue
from shop.models_base import utcnow
from shop.money import format_idr
from shop.orders import books, shipping
from shop.orders.models import Order, OrderLine, OrderPart
from shop.orders.transitions import part_may, sync_order, transition_part
from shop.urls import external_url

NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: readable over the phone


class PriceChanged(DomainError):
    pass


@dataclass
class Buyer:
    name: str
    email: str
    phone: str
    province: str = ""
    regency: str = ""
    district: str = ""
    postal_code: str = ""
    street: str = ""


def new_number() -> str:
    now = utcnow()
    for _attempt in range(20):
        code = "".join(secrets.choice(NUMBER_ALPHABET) for _i in range(4))
        number = f"PK-{now:%y%m}-{code}"
        if not db.session.scalar(_number_taken(), {"number": number}):
            return number
    raise DomainError(_("Nomor pesanan tidak bisa dibuat. Coba lagi."))  # pragma: no cover


def _variants(ids: list[int]) -> dict[int, Variant]:
    """The variants with product, group, region and makers. When the checkout's cart view (cart.view(for_order=True))
    loaded them all in this session they are used as they are: querying again would return the same objects
    without refreshing them (the identity map keeps what was first loaded). Otherwise two queries."""
    found = {}
    for variant_id in ids:
        v = db.session.identity_map.get(db.session.identity_key(Variant, variant_id))  # type: ignore[arg-type]
        if v is None or not _loaded(v):
            break
        found[variant_id] = v
    else:
        return found
    return {v.id: v for v in db.session.scalars(
        select(Variant).where(Variant.id.in_(ids)).options(  # two queries however many lines
            joinedload(Variant.product, innerjoin=True).joinedload(Product.group, innerjoin=True)
            .joinedload(Group.region),
            joinedload(Variant.product, innerjoin=True).selectinload(Product.makers)))}


def _loaded(variant: Variant) -> bool:
    if "product" in inspect(variant).unloaded:
        return False
    product = inspect(variant.product)
    return not ({"group", "makers"} & product.unloaded) and "region" not in inspect(variant.product.group).unloaded


@functools.cache
def _number_taken():
    return select(exists().where(Order.number == bindparam("number")))


def place_order(items: list[tuple[int, int, int]], buyer: Buyer, delivery: dict[int, str], payment_method: str,
                channel: str = "online") -> Order:
    """items: (variant_id, quantity, price the buyer agreed to). delivery: group_id -> 'pickup' | 'courier'."""
    if not items:
        raise DomainError(_("Keranjang Anda kosong."))
    wanted: dict[int, int] = {}
    agreed: dict[int, int] = {}
    for variant_id, quantity, price in items:
        if quantity <= 0:
            raise DomainError(_("Jumlah harus lebih dari nol."))
        wanted[variant_id] = wanted.get(variant_id, 0) + quantity
        agreed[variant_id] = price
    variants = _variants(list(wanted))
    for variant_id in wanted:
        v = variants.get(variant_id)
        if v is None or v.product.status != "published" or not v.product.group.is_active:
            raise DomainError(_("Ada produk di keranjang yang tidak dijual lagi."))
        if v.price != agreed[variant_id]:
            raise PriceChanged(_("Harga \u201c%(title)s\u201d berubah. Periksa keranjang Anda.", title=v.product.title))

    takes = {vid: q for vid, q in wanted.items() if not variants[vid].product.made_after_order}
    stock.take(takes, {vid: variants[vid].product.title for vid in takes})

    order = Order(number=new_number(), token=secrets.token_urlsafe(24), channel=channel,
                  payment_method=payment_method, buyer_name=buyer.name, buyer_email=buyer.email,
                  buyer_phone=buyer.phone, province=buyer.province, regency=buyer.regency,
                  district=buyer.district, postal_code=buyer.postal_code, street=buyer.street)
    parts: dict[int, OrderPart] = {}
    for variant_id in sorted(wanted):
        v = variants[variant_id]
        group = v.product.group
        if group.id not in parts:
            choice = delivery.get(group.id, "pickup")
            if choice not in ("pickup", "courier"):
                raise DomainError(_("Pilih cara pengiriman."))
            part = OrderPart(group=group, shipping=choice, shipping_zone="", shipping_fee=0)
            if choice == "courier":
                part.shipping_zone = shipping.zone_for(group.region, buyer.province, buyer.regency)
                part.shipping_fee = shipping.courier_fee(part.shipping_zone)
            parts[group.id] = part
            order.parts.append(part)
        makers = ", ".join(m.name for m in v.product.makers if m.shown_publicly)
        credited = min((m.id for m in v.product.makers), default=None)  # the sale is credited to its first maker
        parts[group.id].lines.append(OrderLine(
            variant_id=v.id, quantity=wanted[variant_id], title=v.product.title[:200], variant_label=v.label[:100],
            sku=v.sku, unit_price=v.price, group_name=group.name, maker_names=makers[:400],
            takes_stock=not v.product.made_after_order, product_id=v.product_id, maker_member_id=credited))
    for part in order.parts:
        part.goods_total = sum(line.line_total for line in part.lines)
        part.total = part.goods_total + part.shipping_fee
    order.goods_total = sum(p.goods_total for p in order.parts)
    order.shipping_total = sum(p.shipping_fee for p in order.parts)
    order.total = order.goods_total + order.shipping_total
    db.session.add(order)
    for group_id, part in parts.items():  # record() flushes: the order and its records in one flush
        record("order.placed", order.number, group_id=group_id, detail=format_idr(part.total))
    db.session.flush()
    for part in order.parts:
        notify_coordinators(part, _("Pesanan baru %(n)s", n=order.number),
                            _("Ada pesanan baru %(n)s untuk %(group)s sebesar %(total)s (%(lines)s).", n=order.number,
                              group=part.group.name, total=format_idr(part.total),
                              lines=", ".join(f"{line.quantity}× {line.title}" for line in part.lines)[:300]))
    queue(order.buyer_email, _("Pesanan %(n)s diterima", n=order.number),
          _("Terima kasih, %(name)s.\n\nPesanan %(n)s sebesar %(total)s sudah kami terima.\n"
            "Lihat status dan cara pembayaran di:\n%(link)s\n\nSimpan tautan ini: siapa pun yang memilikinya "
            "bisa melihat pesanan Anda.", name=greeting_name(order.buyer_name, _("Pembeli")), n=order.number,
            total=format_idr(order.total),
            link=order_link(order)))
    return order


def place_agreed_order(group, buyer: Buyer, title: str, amount: int, payment_method: str, purpose: str,
                       product_id: int | None = None) -> Order:
    """An order for an amount already agreed with one group (a made-to-measure request's deposit or balance):
    one part, one line, no stock taken, nothing to ship (the request arranges the handover). It is paid, confirmed
    and refunded like any order; orders.books posts it to Uang muka pelanggan by its purpose."""
    if purpose not in ("deposit", "balance") or amount <= 0:
        raise DomainError(_("Jumlah pembayaran tidak valid."))
    order = Order(number=new_number(), token=secrets.token_urlsafe(24), channel="online", purpose=purpose,
                  payment_method=payment_method, buyer_name=buyer.name, buyer_email=buyer.email,
                  buyer_phone=buyer.phone, goods_total=amount, total=amount)
    part = OrderPart(group=group, shipping="pickup", goods_total=amount, total=amount)
    part.lines.append(OrderLine(variant_id=None, quantity=1, title=title[:200], unit_price=amount,
                                group_name=group.name, takes_stock=False, product_id=product_id))
    order.parts.append(part)
    db.session.add(order)
    db.session.flush()
    record(f"order.{purpose}", order.number, group_id=group.id, detail=format_idr(amount))
    return order


def order_link(order: Order) -> str:
    return external_url("orders.show", token=order.token)


def resend_link(order: Order) -> None:
    """Send the order's secret link again to the buyer's own address (never to an address the asker types)."""
    queue(order.buyer_email, _("Tautan pesanan %(n)s", n=order.number),
          _("Halo %(name)s,\n\nSeseorang (semoga Anda) meminta tautan pesanan %(n)s lagi. Lihat pesanan Anda di:\n"
            "%(link)s\n\nJika Anda tidak memintanya, abaikan e-mail ini: tautan hanya dikirim ke alamat ini.",
            name=order.buyer_name, n=order.number, link=order_link(order)))


def notify_coordinators(part: OrderPart, subject: str, what: str) -> None:
    """E-mail the group's coordinators that something waits for them on this order part."""
    link = external_url("group_orders.detail", part_id=part.id)
    for email in coordinator_emails(part.group_id):
        queue(email, subject, _("Halo,\n\n%(what)s\n\nBuka pesanan %(n)s:\n%(link)s", what=what, n=part.order.number,
                                link=link))


def notify_part(part: OrderPart, what: str, detail: str = "") -> None:
    """E-mail the buyer what happened to this part: `what` is short (it is the subject too); `detail` (a reason
    someone typed, what to do next) goes only into the body."""
    order = part.order
    if not order.buyer_email:  # a bazaar buyer at the till leaves no address
        return
    queue(order.buyer_email, _("Pesanan %(n)s: %(what)s", n=order.number, what=what),
          _("Halo %(name)s,\n\n%(group)s: %(what)s\n\nLihat pesanan Anda:\n%(link)s",
            name=greeting_name(order.buyer_name, _("Pembeli")), group=part.group.name,
            what=f"{what}.\n{detail}" if detail else what, link=order_link(order)))


def _move(part: OrderPart, target: str, message: str) -> None:
    transition_part(part, target)
    sync_order(part.order)
    record(f"order.{target}", part.order.number, group_id=part.group_id)
    notify_part(part, message)
    db.session.flush()


def mark_part_paid(part: OrderPart, payment=None, at: datetime | None = None,
                   received_into: str | None = None) -> None:
    """THE place where a part's money becomes paid: the sale is posted to the group's books here. Idempotent
    for a paid part. `at` back-dates the payment (the demo's history); default now. `received_into`: where the
    money landed (platform/bank/kas; payments pass their method's)."""
    if part.paid_at is not None:
        return
    if part.status == "placed":
        transition_part(part, "paid")
    elif part.status in ("shipped", "picked_up", "delivered") and part.order.payment_method == "cash_on_delivery":
        part.paid_at = utcnow()
    else:
        transition_part(part, "paid")  # raises InvalidTransition for cancelled/expired/refunded parts
    if at is not None:
        part.paid_at = at
    books.part_paid(part, received_into)
    sync_order(part.order)
    record("order.paid", part.order.number, group_id=part.group_id, detail=format_idr(part.total))
    notify_part(part, _("pembayaran %(amount)s sudah diterima", amount=format_idr(part.total)))
    db.session.flush()


def handover_target(part: OrderPart) -> str | None:
    """What handing the part over would make it now ("shipped" by courier, "picked_up" at the group), or None
    when it cannot be handed over yet: not allowed by the table, or unpaid and not cash on delivery."""
    target = "shipped" if part.shipping == "courier" else "picked_up"
    if not part_may(part, target) or _unpaid_handover(part):
        return None
    return target


def _unpaid_handover(part: OrderPart) -> bool:
    return part.status == "placed" and part.order.payment_method != "cash_on_delivery"


def _check_unpaid_handover(part: OrderPart) -> None:
    if _unpaid_handover(part):
        raise NotAllowed(_("Bagian pesanan ini belum dibayar."))


def may_start_processing(part: OrderPart) -> bool:
    """Paid parts, and cash-on-delivery parts still "placed" (the group confirms them this way)."""
    return part_may(part, "processing") and not _unpaid_handover(part)


def start_processing(part: OrderPart) -> None:
    """For cash on delivery this is the group's confirmation: the order no longer expires."""
    _check_unpaid_handover(part)
    _move(part, "processing", _("pesanan sedang disiapkan"))


def ship_part(part: OrderPart, courier: str, tracking_number: str, cost: int | None = None,
              cost_from: str = "kas") -> None:
    """Hand a part to the courier; `cost`, what the courier charged, is booked as Biaya kirim."""
    if part.shipping != "courier":
        raise NotAllowed(_("Pesanan ini diambil di tempat, bukan dikirim."))
    _check_unpaid_handover(part)
    if not (courier or "").strip():
        raise DomainError(_("Pilih kurir, atau tulis nama kurir lain."))
    part.courier = courier.strip()[:60]
    part.tracking_number = tracking_number.strip()[:80]
    _move(part, "shipped", _("pesanan dikirim dengan %(c)s, nomor resi %(t)s", c=part.courier,
                             t=part.tracking_number))
    if cost:
        books.courier_cost(part, cost, cost_from)


def mark_delivered(part: OrderPart) -> None:
    _move(part, "delivered", _("pesanan sudah sampai"))


def mark_picked_up(part: OrderPart) -> None:
    if part.shipping != "pickup":
        raise NotAllowed(_("Pesanan ini dikirim dengan kurir, bukan diambil."))
    _check_unpaid_handover(part)
    _move(part, "picked_up", _("pesanan sudah diambil"))


def cancel_part(part: OrderPart, reason: str) -> None:
    """Cancel an unpaid part and give its stock back. A paid part is refunded instead. Called through
    payments.services.cancel_part, which also closes the part's open payments."""
    if part.paid_at is not None:
        raise NotAllowed(_("Bagian ini sudah dibayar: kembalikan dananya (refund), bukan dibatalkan."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Tuliskan alasan pembatalan."))
    transition_part(part, "cancelled")
    part.cancel_reason = reason[:1000]
    return_stock(part)
    sync_order(part.order)
    record("order.cancelled", part.order.number, group_id=part.group_id, detail=reason[:200])
    notify_part(part, _("pesanan dibatalkan"), _("Alasan: %(r)s", r=reason))
    db.session.flush()


def expire_part(part: OrderPart) -> None:
    """An unpaid part ran out of time: stock goes back. Called through payments.services.expire_part."""
    transition_part(part, "expired")
    return_stock(part)
    sync_order(part.order)
    record("order.expired", part.order.number, group_id=part.group_id)
    notify_part(part, _("pesanan kedaluwarsa karena belum dibayar"))
    db.session.flush()


def return_stock(part: OrderPart) -> None:
    """Give back the stock of a part's stock-taking lines, once."""
    if part.stock_returned:
        return
    quantities: dict[int, int] = {}
    for line in part.lines:
        if line.takes_stock and line.variant_id is not None:
            quantities[line.variant_id] = quantities.get(line.variant_id, 0) + line.quantity
    stock.give_back(quantities)
    part.stock_returned = True
