"""Payment verbs. Only a verified Stripe webhook or a coordinator's confirmation marks anything paid.

refund_part() is the one place where a part's money is given back (the ledger posts the reversal there).
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from shop.activity.services import record
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.money import format_idr
from shop.orders import books, stock
from shop.orders import services as orders
from shop.orders.models import Order, OrderPart
from shop.orders.transitions import sync_order, transition_part
from shop.payments.models import Payment, Refund
from shop.payments.providers import manual
from shop.payments.providers import stripe as stripe_provider

MANUAL_METHODS = ("bank_transfer", "cash_on_delivery")
REFUNDABLE = ("paid", "processing", "shipped", "delivered", "picked_up")


def open_manual_payments(order: Order) -> None:
    """Bank transfer and cash are paid per group: one pending payment per part."""
    if order.payment_method not in MANUAL_METHODS:
        return
    for part in order.parts:
        db.session.add(Payment(order=order, part=part, method=order.payment_method, amount=part.total))
    db.session.flush()


def card_attempt(order: Order) -> Payment:
    """The payment attempt to (re)use for a card checkout: same attempt → same idempotency key."""
    if order.status != "placed" or order.payment_method != "stripe":
        raise NotAllowed(_("Pesanan ini tidak menunggu pembayaran kartu."))
    open_one = db.session.scalar(select(Payment).where(Payment.order_id == order.id, Payment.method == "stripe",
                                                       Payment.status == "pending").order_by(Payment.id.desc()))
    if open_one is None:
        open_one = Payment(order=order, method="stripe", amount=order.total)
        db.session.add(open_one)
        db.session.flush()
    return open_one


def start_card_checkout(payment: Payment) -> str:
    """Create (or get back, by idempotency key) the Stripe Checkout session; returns the hosted page URL."""
    order = payment.order
    if payment.checkout_url:
        return payment.checkout_url
    lines = [(f"{line.title} ({line.variant_label})" if line.variant_label != "-" else line.title,
              line.unit_price, line.quantity) for part in order.parts for line in part.lines]
    lines += [(_("Ongkos kirim %(g)s", g=part.group.name), part.shipping_fee, 1)
              for part in order.parts if part.shipping_fee]
    try:
        session_id, url = stripe_provider.create_checkout(
            payment_id=payment.id, order_id=order.id, order_number=order.number, email=order.buyer_email,
            lines=lines, success_url=_external("orders.card_return", token=order.token),
            cancel_url=_external("orders.show", token=order.token))
    except stripe_provider.ProviderError as err:
        raise DomainError(_("Pembayaran kartu sedang tidak bisa dibuka. Coba lagi sebentar lagi.")) from err
    payment.provider_session_id = session_id
    payment.checkout_url = url
    db.session.flush()
    return url


def _external(endpoint: str, **values) -> str:
    return orders.external_url(endpoint, **values)


def part_payment(part: OrderPart) -> Payment | None:
    return db.session.scalar(select(Payment).where(Payment.part_id == part.id).order_by(Payment.id.desc()))


def submit_slip(part: OrderPart, data: bytes) -> Payment:
    if part.order.payment_method != "bank_transfer" or part.status != "placed":
        raise NotAllowed(_("Bagian pesanan ini tidak menunggu bukti transfer."))
    payment = part_payment(part)
    if payment is None or payment.status not in ("pending", "rejected", "submitted"):
        raise NotAllowed(_("Bagian pesanan ini tidak menunggu bukti transfer."))
    payment.slip_key, payment.slip_type = manual.store_slip(data)
    payment.status = "submitted"
    payment.note = ""
    record("payment.slip", part.order.number, group_id=part.group_id)
    db.session.flush()
    return payment


def confirm_payment(part: OrderPart, user_id: int | None, at: datetime | None = None) -> Payment:
    """A coordinator confirms a transfer (after checking the slip) or the cash received (`at`: back-dated, for
    the demo's history)."""
    payment = part_payment(part)
    if payment is None or payment.method not in MANUAL_METHODS or payment.status not in ("pending", "submitted"):
        raise NotAllowed(_("Tidak ada pembayaran yang bisa dikonfirmasi untuk bagian ini."))
    orders.mark_part_paid(part, payment, at=at)
    payment.status = "paid"
    payment.confirmed_by_id = user_id
    db.session.flush()
    return payment


def reject_slip(part: OrderPart, reason: str, user_id: int | None) -> Payment:
    payment = part_payment(part)
    if payment is None or payment.status != "submitted":
        raise NotAllowed(_("Tidak ada bukti transfer yang menunggu diperiksa."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Tuliskan alasan bukti transfer ditolak."))
    payment.status = "rejected"
    payment.note = reason[:1000]
    payment.confirmed_by_id = user_id
    record("payment.slip_rejected", part.order.number, group_id=part.group_id, detail=reason[:200])
    orders.notify_part(part, _("bukti transfer belum bisa diterima: %(r)s. Silakan unggah lagi.", r=reason))
    db.session.flush()
    return payment


def refund_part(part: OrderPart, user_id: int | None, reason: str = "", restock: bool = False,
                provider_refund_id: str | None = None, at: datetime | None = None,
                amount: int | None = None) -> Refund:
    """THE place where a paid part's money goes back to the buyer (ledger: post the reversal here).

    `at` back-dates the refund (the demo's history). The group's books get a reversing entry, referenced by the
    Stripe refund id (or this refund's row id), so it is posted once.
    Card payments are refunded through Stripe (idempotency key per part) unless provider_refund_id says Stripe
    already did it (a refund made in Stripe's dashboard, reported by charge.refunded).
    `amount` (default the part's total) is for a made-to-measure deposit given back less its stated fee.
    """
    if part.status not in REFUNDABLE or part.paid_at is None:
        raise NotAllowed(_("Hanya bagian pesanan yang sudah dibayar yang bisa dikembalikan dananya."))
    amount = part.total if amount is None else amount
    if amount <= 0 or amount > part.total or (amount != part.total and part.order.purpose == "goods"):
        raise DomainError(_("Jumlah pengembalian melebihi yang sudah dibayar."))
    order = part.order
    payment = None
    if order.payment_method == "stripe":
        payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id, Payment.method == "stripe",
                                                          Payment.status.in_(("paid", "refunded"))))
        if payment is None or not payment.provider_payment_id:
            raise NotAllowed(_("Pembayaran kartu untuk pesanan ini tidak ditemukan."))
        if provider_refund_id is None:
            try:
                provider_refund_id = stripe_provider.refund(payment_intent=payment.provider_payment_id,
                                                            amount=amount, key=f"pasar-karya-refund-{part.id}")
            except stripe_provider.ProviderError as err:
                raise DomainError(_("Stripe menolak pengembalian dana: %(e)s", e=str(err)[:200])) from err
    else:
        payment = part_payment(part)
    transition_part(part, "refunded")
    if restock:
        stock.return_part(part)
    refund = Refund(part_id=part.id, payment_id=payment.id if payment else None, amount=amount,
                    method=order.payment_method, provider_refund_id=provider_refund_id, reason=reason[:1000],
                    restocked=restock, created_by_id=user_id)
    if at is not None:
        part.refunded_at = refund.created_at = at
    db.session.add(refund)
    db.session.flush()
    books.refund(part, provider_refund_id or f"row:{refund.id}", part.refunded_at, amount=amount)
    if payment is not None and (payment.part_id is not None or all(
            p.status == "refunded" for p in order.parts if p.paid_at is not None)):
        payment.status = "refunded"  # a part's own payment, or the card payment once every paid part is back
    sync_order(order)
    record("order.refunded", order.number, group_id=part.group_id, detail=format_idr(amount))
    orders.notify_part(part, _("dana %(amount)s dikembalikan", amount=format_idr(amount)))
    db.session.flush()
    return refund
