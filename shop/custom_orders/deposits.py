"""Money of a request: the buyer accepts the quote, pays the deposit and later the balance through ordinary
orders (one part, the group) so every checkout method, slip, confirmation and webhook works unchanged;
cancellation follows the quote's deposit policy (before cutting: refunded less the stated fee; after: kept)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from shop.activity.services import record
from shop.custom_orders import books, notify
from shop.custom_orders.models import STAGES, CustomOrder
from shop.custom_orders.quotes import quote_expired
from shop.custom_orders.transitions import move
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.models_base import utcnow
from shop.money import format_idr
from shop.orders import services as orders
from shop.orders.models import Order
from shop.orders.transitions import sync_order, transition_part
from shop.payments import services as payments
from shop.payments.models import Payment
from shop.payments.providers import available_methods

LIVE = ("placed", "paid", "processing", "picked_up", "delivered", "shipped")
CUT = STAGES.index("dipotong")


def payment_methods() -> list[str]:
    """The methods the online checkout offers now (the payment providers' registry)."""
    return [m.code for m in available_methods(channel="online")]


def _part(order: Order | None):
    return order.parts[0] if order is not None and order.parts else None


def is_paid(order: Order | None) -> bool:
    part = _part(order)
    return part is not None and part.paid_at is not None and part.status != "refunded"


def is_live(order: Order | None) -> bool:
    part = _part(order)
    return part is not None and part.status in LIVE


def deposit_paid(co: CustomOrder) -> bool:
    return is_paid(co.deposit_order)


def balance_paid(co: CustomOrder) -> bool:
    return co.balance_amount == 0 or is_paid(co.balance_order)


def accept(co: CustomOrder, today: date | None = None) -> None:
    if quote_expired(co, today):
        raise NotAllowed(_("Penawaran ini sudah lewat masa berlakunya. Minta penawaran baru lewat pesan."))
    move(co, "accepted")
    co.accepted_at = utcnow()
    co.due_on = (co.accepted_at + timedelta(hours=7)).date() + timedelta(days=co.lead_time_days)
    db.session.flush()
    record("custom.accepted", co.number, group_id=co.group_id, detail=format_idr(co.quote_total))
    notify.tell_group(co, _("penawaran diterima oleh %(name)s", name=co.buyer_name),
                      _("Uang muka %(d)s menunggu pembayaran.", d=format_idr(co.deposit_amount)))


def start_payment(co: CustomOrder, purpose: str, method: str) -> tuple[Order, Payment | None]:
    """The order the buyer pays (deposit or balance) by `method`, and the hosted attempt to start after the
    commit (payments.start_hosted), or None when its page has the instructions (transfer, cash)."""
    payments.check_method(method)
    if purpose == "deposit":
        if co.status != "accepted" or is_live(co.deposit_order):
            raise NotAllowed(_("Uang muka pesanan ini tidak menunggu pembayaran."))
        amount, title = co.deposit_amount, _("Uang muka %(n)s: %(t)s", n=co.number, t=co.product_title)
    elif purpose == "balance":
        if not deposit_paid(co) or co.status not in ("accepted", "production", "ready") or balance_paid(co) \
                or is_live(co.balance_order):
            raise NotAllowed(_("Pelunasan pesanan ini tidak menunggu pembayaran."))
        amount, title = co.balance_amount, _("Pelunasan %(n)s: %(t)s", n=co.number, t=co.product_title)
    else:
        raise ValueError(purpose)
    buyer = orders.Buyer(name=co.buyer_name, email=co.buyer_email, phone=co.buyer_phone)
    order = orders.place_agreed_order(co.group, buyer, title, amount, method, purpose, product_id=co.product_id)
    attempt = payments.open_payments(order)
    if purpose == "deposit":
        co.deposit_order = order
    else:
        co.balance_order = order
    db.session.flush()
    notify.tell_buyer(co, _("cara membayar %(a)s", a=format_idr(amount)),
                      _("Bayar lewat halaman pembayaran ini:\n%(link)s", link=orders.order_link(order)))
    return order, attempt


@dataclass
class CancelTerms:
    refund: int
    kept: int
    cut: bool


def cancel_terms(co: CustomOrder) -> CancelTerms:
    paid = co.deposit_amount if deposit_paid(co) else 0
    cut = bool(co.stage) and STAGES.index(co.stage) >= CUT
    if not paid:
        return CancelTerms(0, 0, cut)
    kept = paid if cut else min(co.cancel_fee, paid)
    return CancelTerms(paid - kept, kept, cut)


def cancel(co: CustomOrder, reason: str, by: str, user_id: int | None = None, at: datetime | None = None
           ) -> CancelTerms:
    """Cancel a request. Once the balance is paid it is handed over, not cancelled."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Tuliskan alasan pembatalan."))
    if co.balance_amount and is_paid(co.balance_order):
        raise NotAllowed(_("Pesanan ini sudah lunas dan tidak bisa dibatalkan lagi."))
    terms = cancel_terms(co)
    move(co, "cancelled")
    co.cancel_reason, co.cancelled_at = reason[:1000], at or utcnow()
    for order in (co.deposit_order, co.balance_order):
        part = _part(order)
        if part is not None and part.status == "placed":
            payments.cancel_part(part, reason)
    deposit_part = _part(co.deposit_order)
    if terms.refund:
        payments.refund_part(deposit_part, user_id, reason, amount=terms.refund, at=at)
    elif deposit_part is not None and deposit_part.paid_at is not None:
        transition_part(deposit_part, "picked_up")  # nothing goes back: the deposit order is finished
        sync_order(deposit_part.order)
    if terms.kept:
        books.forfeited(co, terms.kept, co.cancelled_at)
    db.session.flush()
    record("custom.cancelled", co.number, group_id=co.group_id, detail=reason[:200])
    message = _("pesanan dibatalkan")
    body = _("Alasan: %(r)s", r=reason)
    if terms.refund:
        body += "\n" + _("Uang muka dikembalikan %(a)s (dipotong %(f)s sesuai penawaran).",
                         a=format_idr(terms.refund), f=format_idr(terms.kept))
    elif terms.kept:
        body += "\n" + _("Uang muka %(a)s tidak dikembalikan karena kain sudah dipotong.", a=format_idr(terms.kept))
    notify.tell_buyer(co, message, body)
    if by == "buyer":
        notify.tell_group(co, message, body)
    return terms


def hand_over(co: CustomOrder, courier: str = "", tracking_number: str = "", at: datetime | None = None) -> None:
    """The finished work is picked up or sent: the balance must be paid first; the advance becomes a sale."""
    if co.status != "ready":
        raise NotAllowed(_("Pesanan belum siap diserahkan."))
    if not deposit_paid(co) or not balance_paid(co):
        raise NotAllowed(_("Pelunasan belum dibayar. Konfirmasi pembayarannya dulu."))
    if co.shipping == "courier":
        if not courier.strip() or not tracking_number.strip():
            raise DomainError(_("Isi nama kurir dan nomor resi."))
        co.courier, co.tracking_number = courier.strip()[:60], tracking_number.strip()[:80]
    move(co, "delivered")
    co.delivered_at = at or utcnow()
    for order in (co.deposit_order, co.balance_order):
        part = _part(order)
        if part is not None and part.status == "paid":
            transition_part(part, "picked_up")
            sync_order(order)
    books.settled(co, co.delivered_at)
    db.session.flush()
    record("custom.delivered", co.number, group_id=co.group_id, detail=format_idr(co.quote_total))
    what = (_("pesanan dikirim dengan %(c)s, nomor resi %(t)s", c=co.courier, t=co.tracking_number)
            if co.shipping == "courier" else _("pesanan sudah diserahkan"))
    notify.tell_buyer(co, what, _("Terima kasih telah memesan di %(g)s.", g=co.group.name))
