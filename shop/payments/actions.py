"""What a user may do now with an order part (coordinator and admin) or an order (its buyer): the one source of
the buttons on the order pages. Templates render exactly the returned actions, in order.

It lives in payments because an action depends on the part's status (orders' transition table) AND its payment
(payments own payment state), and payments is the domain that may ask orders, never the reverse.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from shop.money import format_idr
from shop.orders import services as orders
from shop.orders.models import Order, OrderPart
from shop.orders.transitions import LIVE_PART, REFUNDABLE_PART, part_may
from shop.payments import services as payments
from shop.payments.models import Payment
from shop.payments.providers import available_methods, method
from shop.payments.queries import latest_payment

STAFF_ROLES = ("coordinator", "admin")


@dataclass(frozen=True)
class Action:
    """name: what it does; endpoint + args: where it goes (url_for); label: the button's text.
    form: "button" (a POST with only the CSRF token), "reason" (a POST with a reason field), "ship" (courier and
    tracking number), "upload" (a transfer slip), "link" (a GET: a page that asks first, or a file)."""

    name: str
    endpoint: str
    label: str
    form: str = "button"
    args: dict = field(default_factory=dict)

    @property
    def method(self) -> str:
        return "get" if self.form == "link" else "post"


def available_actions(part: OrderPart, user, payment: Payment | None = None) -> list[Action]:
    """The actions `user` may take on this part now. Staff (a coordinator of the part's group, or an admin):
    the coordinator's order page. Anyone else (the buyer holding the secret link): the buyer's order page.
    `payment`: the part's latest payment when the caller already has it (else it is looked up)."""
    if payment is None:
        payment = latest_payment(part)
    if getattr(user, "is_authenticated", False) and getattr(user, "role", None) in STAFF_ROLES:
        return _staff_actions(part, payment)
    return _buyer_actions(part, payment)


def _staff_actions(part: OrderPart, payment: Payment | None) -> list[Action]:
    here = {"part_id": part.id}
    actions = []
    if payment is not None and payment.slip_key:
        actions.append(Action("view_slip", "group_orders.slip_file", _("Lihat bukti transfer"), "link", here))
    if part.paid_at is None and part.status in LIVE_PART and payments.awaits_confirmation(payment):
        actions.append(Action("confirm", "group_orders.confirm",
                              _("Konfirmasi pembayaran %(t)s diterima", t=format_idr(part.total)), "button", here))
    if payments.slip_waiting(payment):
        actions.append(Action("reject_slip", "group_orders.reject", _("Tolak bukti transfer"), "reason", here))
    if orders.may_start_processing(part):
        actions.append(Action("process", "group_orders.process", _("Tandai sedang disiapkan"), "button", here))
    target = orders.handover_target(part)
    if target == "shipped":
        actions.append(Action("ship", "group_orders.ship", _("Tandai dikirim"), "ship", here))
    elif target == "picked_up":
        actions.append(Action("picked_up", "group_orders.picked_up", _("Tandai sudah diambil pembeli"), "button",
                              here))
    if part_may(part, "delivered"):
        actions.append(Action("delivered", "group_orders.delivered", _("Tandai sudah sampai"), "button", here))
    if part.paid_at is None and part_may(part, "cancelled"):
        actions.append(Action("cancel", "group_orders.cancel", _("Batalkan pesanan ini"), "link", here))
    if part.paid_at is not None and part.status in REFUNDABLE_PART:
        actions.append(Action("refund", "group_orders.refund", _("Kembalikan dana (refund)"), "link", here))
    return actions


def _buyer_actions(part: OrderPart, payment: Payment | None) -> list[Action]:
    if payments.awaits_slip(part, payment):
        return [Action("upload_slip", "orders.upload_slip", _("Kirim bukti transfer"), "upload",
                       {"token": part.order.token, "part_id": part.id})]
    return []


def open_code(order: Order) -> Payment | None:
    """The pending attempt whose QRIS code or virtual account the buyer can pay now (from the loaded payments)."""
    chosen = method(order.payment_method)
    if order.status != "placed" or chosen is None or not chosen.fee_from_provider:
        return None
    return next((p for p in sorted(order.payments, key=lambda p: -p.id)
                 if p.status == "pending" and p.payment_code and p.part_id is None), None)


def order_actions(order: Order) -> list[Action]:
    """What the buyer may do with the whole order now: pay on a hosted page when its method is available (a
    card), or have a QRIS code or virtual account made when none is open yet (the gateway was down at checkout)."""
    hosted = [m for m in available_methods(order) if m.hosted]
    if not hosted:
        return []
    total, args = format_idr(order.total), {"token": order.token}
    if not hosted[0].fee_from_provider:
        return [Action("pay_hosted", "orders.pay_by_card", _("Bayar %(t)s dengan kartu", t=total), "button", args)]
    if open_code(order) is not None:
        return []
    label = (_("Tampilkan kode QRIS untuk membayar %(t)s", t=total) if order.payment_method == "xendit_qris"
             else _("Buat nomor virtual account untuk membayar %(t)s", t=total))
    return [Action("pay_hosted", "orders.pay_by_card", label, "button", args)]
