"""Payment verbs. Payments own payment state and call orders' verbs (never the reverse). Only a provider's
verified callback (provider_paid) or a coordinator's confirmation (confirm_payment) marks anything paid.

open_payments() opens what checkout needs (per part or per order, as the method says); start_hosted() sends the
buyer to a hosted provider page after the commit. refund_part() is the one place where a part's money is given
back (the ledger posts the reversal there). cancel_part/expire_part/expire_unpaid close the part's open payments.
"""
from __future__ import annotations

import functools
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, select, update

from shop import files
from shop.activity.services import record
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.models_base import utcnow
from shop.money import format_idr
from shop.orders import books
from shop.orders import services as orders
from shop.orders.models import Order, OrderPart
from shop.orders.transitions import REFUNDABLE_PART, sync_order, transition_part
from shop.payments import refunds
from shop.payments.models import Payment, Refund
from shop.payments.providers import PROVIDERS, available_methods, manual, method, provider_of
from shop.payments.providers.base import ProviderError
from shop.payments.queries import latest_payment

OPEN = ("pending", "submitted")


def check_method(code: str, channel: str = "online") -> None:
    """Refuse a method the registry does not offer now (a stale form, a disabled provider)."""
    if code not in {m.code for m in available_methods(channel=channel)}:
        raise DomainError(_("Pilih cara bayar."))


def open_payments(order: Order) -> Payment | None:
    """Open the pending payment(s) the order's method needs. Returns the attempt to start on a hosted page after
    the commit (start_hosted), or None when the buyer pays each group by hand."""
    chosen = method(order.payment_method)
    if chosen is None or chosen.per_part:
        open_manual_payments(order)
        return None
    return order_attempt(order)


def open_manual_payments(order: Order) -> None:
    """A per-part method (transfer, cash) is paid per group: one pending payment per part."""
    chosen = method(order.payment_method)
    if chosen is None or not chosen.per_part:
        return
    for part in order.parts:
        db.session.add(Payment(order=order, part=part, method=order.payment_method, amount=part.total))
    db.session.flush()


def order_attempt(order: Order) -> Payment:
    """The whole-order payment attempt to (re)use for a hosted checkout: same attempt → same idempotency key."""
    chosen = method(order.payment_method)
    if order.status != "placed" or chosen is None or chosen.per_part:
        raise NotAllowed(_("Pesanan ini tidak menunggu pembayaran online."))
    open_one = db.session.scalar(select(Payment).where(Payment.order_id == order.id,
                                                       Payment.method == order.payment_method,
                                                       Payment.status == "pending").order_by(Payment.id.desc()))
    if open_one is None:
        open_one = Payment(order=order, method=order.payment_method, amount=order.total)
        db.session.add(open_one)
        db.session.flush()
    return open_one


def start_hosted(payment: Payment) -> str:
    """After the order committed: open the provider's hosted page for this attempt; returns its URL."""
    provider = provider_of(payment.method)
    if provider is None or not provider.enabled():
        raise NotAllowed(_("Pesanan ini tidak menunggu pembayaran online."))
    try:
        url = provider.start(payment)
    except ProviderError as err:
        raise DomainError(_("Pembayaran online sedang tidak bisa dibuka. Coba lagi sebentar lagi.")) from err
    db.session.flush()
    return url


def awaits_confirmation(payment: Payment | None) -> bool:
    """A transfer or cash payment a coordinator may confirm now."""
    chosen = method(payment.method) if payment is not None else None
    return chosen is not None and chosen.confirmed_by_staff and payment.status in OPEN


def slip_waiting(payment: Payment | None) -> bool:
    return payment is not None and payment.status == "submitted"


def awaits_slip(part: OrderPart, payment: Payment | None) -> bool:
    """The buyer may upload (or upload again) a transfer slip for this part."""
    return (part.order.payment_method == "bank_transfer" and part.status == "placed" and payment is not None
            and payment.status in ("pending", "rejected", "submitted"))


def submit_slip(part: OrderPart, data: bytes) -> Payment:
    payment = latest_payment(part)
    if not awaits_slip(part, payment):
        raise NotAllowed(_("Bagian pesanan ini tidak menunggu bukti transfer."))
    replaced = (payment.slip_key, payment.slip_type) if payment.slip_key else None
    payment.slip_key, payment.slip_type = manual.store_slip(data)
    if replaced:  # the buyer sent a new slip: the old file goes once this is committed
        files.remove_after_commit(functools.partial(manual.delete_slip, *replaced))
    payment.status = "submitted"
    payment.note = ""
    record("payment.slip", part.order.number, group_id=part.group_id)
    orders.notify_coordinators(part, _("Bukti transfer %(n)s", n=part.order.number),
                               _("Pembeli mengunggah bukti transfer %(total)s untuk pesanan %(n)s. Periksa mutasi "
                                 "rekening, lalu konfirmasi atau tolak.", total=format_idr(part.total),
                                 n=part.order.number))
    db.session.flush()
    return payment


def confirm_payment(part: OrderPart, user_id: int | None, at: datetime | None = None) -> Payment:
    """A coordinator confirms a transfer (after checking the slip) or the cash received (`at`: back-dated, for
    the demo's history)."""
    payment = latest_payment(part)
    if not awaits_confirmation(payment):
        raise NotAllowed(_("Tidak ada pembayaran yang bisa dikonfirmasi untuk bagian ini."))
    # claim the payment with a conditional UPDATE: of two parallel confirmations (a double click) only one
    # changes the row; the other waits for it and then finds nothing to confirm (one e-mail, one log entry)
    claimed = db.session.execute(
        update(Payment).where(Payment.id == payment.id, Payment.status.in_(OPEN))
        .values(status="paid").execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise NotAllowed(_("Tidak ada pembayaran yang bisa dikonfirmasi untuk bagian ini."))
    orders.mark_part_paid(part, payment, at=at, received_into=method(payment.method).received_into)
    payment.status = "paid"
    payment.confirmed_by_id = user_id
    db.session.flush()
    return payment


def reject_slip(part: OrderPart, reason: str, user_id: int | None) -> Payment:
    payment = latest_payment(part)
    if not slip_waiting(payment):
        raise NotAllowed(_("Tidak ada bukti transfer yang menunggu diperiksa."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Tuliskan alasan bukti transfer ditolak."))
    payment.status = "rejected"
    payment.note = reason[:1000]
    payment.confirmed_by_id = user_id
    record("payment.slip_rejected", part.order.number, group_id=part.group_id, detail=reason[:200])
    orders.notify_part(part, _("bukti transfer belum bisa diterima"),
                       _("Alasan: %(r)s\nSilakan unggah bukti transfer lagi dari halaman pesanan.", r=reason))
    db.session.flush()
    return payment


def refund_part(part: OrderPart, user_id: int | None, reason: str = "", restock: bool = False,
                provider_refund_id: str | None = None, at: datetime | None = None,
                amount: int | None = None) -> Refund:
    """THE place where a paid part's money goes back to the buyer (ledger: post the reversal here).

    `at` back-dates the refund (the demo's history). The group's books get a reversing entry, referenced by the
    provider's refund id (or this refund's row id), so it is posted once.
    Whole-order payments are refunded through their provider's refund() (Stripe, Xendit QRIS; idempotency key per
    part) unless provider_refund_id says the provider already did it (a refund made in Stripe's dashboard,
    reported by charge.refunded); a provider that cannot refund by API (a virtual account) returns None and the
    money goes back by hand.
    `amount` (default the part's total) is for a made-to-measure deposit given back less its stated fee.
    """
    if part.status not in REFUNDABLE_PART or part.paid_at is None:
        raise NotAllowed(_("Hanya bagian pesanan yang sudah dibayar yang bisa dikembalikan dananya."))
    order = part.order
    left = refunds.refundable(part)  # after partial refunds, what is still the buyer's
    if amount is not None:  # a made-to-measure deposit given back less its stated fee
        if amount <= 0 or amount > left or order.purpose == "goods":
            raise DomainError(_("Jumlah pengembalian melebihi yang sudah dibayar."))
        left = amount
    goods, shipping = refunds.split_goods_shipping(part, left)
    chosen = method(order.payment_method)
    if chosen is not None and not chosen.per_part:
        payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id,
                                                          Payment.method == order.payment_method,
                                                          Payment.status.in_(("paid", "refunded"))))
        if payment is None or not payment.provider_payment_id:
            raise NotAllowed(_("Pembayaran online untuk pesanan ini tidak ditemukan."))
        if provider_refund_id is None:
            try:
                provider_refund_id = provider_of(payment.method).refund(payment, left,
                                                                        f"pasar-karya-refund-{part.id}")
            except ProviderError as err:
                raise DomainError(_("Penyedia pembayaran menolak pengembalian dana: %(e)s",
                                    e=str(err)[:200])) from err
    else:
        payment = latest_payment(part)
    transition_part(part, "refunded")
    if restock:
        orders.return_stock(part)
    refund = Refund(part_id=part.id, payment_id=payment.id if payment else None, amount=left, shipping=shipping,
                    method=order.payment_method, provider_refund_id=provider_refund_id, reason=reason[:1000],
                    restocked=restock, created_by_id=user_id)
    if at is not None:
        part.refunded_at = refund.created_at = at
    db.session.add(refund)
    db.session.flush()
    books.refund(part, provider_refund_id or f"row:{refund.id}", part.refunded_at, goods=goods, shipping=shipping)
    if payment is not None and (payment.part_id is not None or all(
            p.status == "refunded" for p in order.parts if p.paid_at is not None)):
        payment.status = "refunded"  # a part's own payment, or the card payment once every paid part is back
    sync_order(order)
    record("order.refunded", order.number, group_id=part.group_id, detail=format_idr(left))
    orders.notify_part(part, _("dana %(amount)s dikembalikan", amount=format_idr(left)))
    db.session.flush()
    return refund


def provider_paid(payment: Payment, provider_payment_id: str | None, fee: int | None = None,
                  at: datetime | None = None) -> list[str]:
    """A provider's payment of the whole order arrived (card, QRIS, virtual account): THE action for a verified
    callback, the reconcile command and the demo.

    Marks every part paid (the sales post to the books), the payment paid, and books the provider's fee once:
    `fee` in rupiah when known; unknown, a method with fee_from_provider waits for book_fee() (Xendit reports
    it through its API), any other uses the group's card rate. Idempotent: a paid payment changes nothing. `at`
    back-dates it (the demo's history). Returns the problems (a part paid after it expired or was cancelled:
    it needs a refund by hand); empty when all went well.
    """
    if payment.status == "paid":
        return []
    order = payment.order
    payment.provider_payment_id = (provider_payment_id or "")[:255] or payment.provider_payment_id
    problems = []
    chosen = method(payment.method)
    for part in order.parts:
        try:
            with db.session.begin_nested():
                orders.mark_part_paid(part, payment, at=at, received_into=chosen.received_into)
        except DomainError as err:  # the money still arrived: the group owes it back to the buyer
            problems.append(f"part {part.id}: {err}")
            books.owed_to_buyer(part, payment.provider_payment_id or f"payment:{payment.id}", at)
    payment.status = "paid"
    if fee is not None or not chosen.fee_from_provider:
        book_fee(payment, fee)
    db.session.flush()
    return problems


card_paid = provider_paid  # the name it had while cards were the only hosted method


def book_fee(payment: Payment, fee: int | None) -> None:
    """Post the provider's fee of a paid payment across the order's paid parts (split exactly), once: the ledger
    entries carry the payment's reference. fee None: the group's card rate."""
    if payment.status not in ("paid", "refunded"):
        return
    order = payment.order
    if fee is not None:
        payment.fee = fee
    books.card_fee(order, payment.provider_payment_id or f"payment:{payment.id}",
                   max((p.paid_at for p in order.parts if p.paid_at), default=None), fee)
    db.session.flush()


def _close_open_payments(part: OrderPart, status: str) -> None:
    for payment in db.session.scalars(select(Payment).where(Payment.part_id == part.id, Payment.status.in_(OPEN))):
        payment.status = status


def cancel_part(part: OrderPart, reason: str) -> None:
    """Cancel an unpaid part (stock goes back) and reject its open payments."""
    orders.cancel_part(part, reason)
    _close_open_payments(part, "rejected")
    db.session.flush()


def expire_part(part: OrderPart) -> None:
    """An unpaid part ran out of time: stock goes back, its open payments expire."""
    orders.expire_part(part)
    _close_open_payments(part, "expired")
    db.session.flush()


def transfer_deadline(order: Order) -> datetime | None:
    """When an unpaid bank-transfer order with no slip waiting expires (expire_unpaid's cutoff); None otherwise."""
    if order.payment_method != "bank_transfer" or order.created_at is None:
        return None
    return order.created_at + timedelta(hours=int(current_app.config["BANK_TRANSFER_HOURS"]))


def expiring_methods() -> list[str]:
    """Methods whose unpaid orders the sweep expires: bank transfer, cash on delivery the group never confirmed,
    and every provider's whole-order method (card, QRIS, virtual account) whose hosted session never opened."""
    return ["bank_transfer", "cash_on_delivery", *(m.code for p in PROVIDERS for m in p.methods if not m.per_part)]


def expire_unpaid(now=None) -> int:
    """Unpaid parts older than BANK_TRANSFER_HOURS expire and give their stock back: bank transfers with no slip
    waiting for review, cash-on-delivery orders the group never confirmed (still "placed": a script cannot
    hold stock for ever), and card/QRIS/virtual-account orders whose session never opened (an opened one expires
    by the provider's callback, or `flask shop reconcile-payments` when the callback was lost)."""
    now = now or utcnow()
    cutoff = now - timedelta(hours=int(current_app.config["BANK_TRANSFER_HOURS"]))
    slip_waiting_ = exists().where(Payment.part_id == OrderPart.id, Payment.status == "submitted")
    # a card order whose Checkout session never opened (Stripe was down) gets no expired event: sweep it too
    open_session = exists().where(Payment.order_id == Order.id, Payment.status == "pending",
                                  Payment.provider_session_id.is_not(None))
    parts = db.session.scalars(
        select(OrderPart).join(Order).where(Order.payment_method.in_(expiring_methods()),
                                            OrderPart.status == "placed", Order.created_at < cutoff,
                                            ~slip_waiting_, ~open_session)
        .order_by(OrderPart.id).with_for_update(of=OrderPart)).all()
    for part in parts:
        expire_part(part)
    return len(parts)
