"""Coordinator (and admin) order pages under /kelola/pesanan: every query scoped to the coordinator's group."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from shop.accounts.access import current_group_id, role_required
from shop.groups.queries import all_groups
from shop.order_pages.buyer import send_slip
from shop.orders import queries
from shop.orders import services as orders
from shop.orders.forms import ReasonForm, RefundForm, ShipForm
from shop.orders.models import PART_STATUSES
from shop.payments import services as payments
from shop.payments.actions import available_actions
from shop.payments.queries import latest_payment
from shop.text import parse_int
from shop.transactions import unit_of_work

bp = Blueprint("group_orders", __name__, url_prefix="/kelola/pesanan")
STAFF = ("coordinator", "admin")


def _scope() -> int | None:
    return None if current_user.role == "admin" else current_group_id()


def _part(part_id: int):
    return queries.part_for_staff(part_id, _scope())


@bp.route("/")
@role_required(*STAFF)
def index():
    status = request.args.get("status", "")
    status = status if status in PART_STATUSES else ""
    search = request.args.get("q", "").strip()[:100]
    groups = all_groups() if current_user.role == "admin" else []
    only_group = parse_int(request.args.get("kelompok"), default=None, low=1, high=2**31 - 1)
    only_group = only_group if any(g.id == only_group for g in groups) else None
    page = queries.parts_for_staff(_scope(), status, parse_int(request.args.get("page"), default=1, low=1,
                                                                high=10**6), search=search, only_group=only_group)
    args = {k: v for k, v in (("status", status), ("q", search), ("kelompok", only_group)) if v}
    return render_template("order_pages/staff/index.html", page=page, status=status, search=search, groups=groups,
                           only_group=only_group, args=args, statuses=PART_STATUSES,
                           next_action=queries.NEXT_ACTION)


@bp.route("/<int:part_id>")
@role_required(*STAFF)
def detail(part_id: int):
    return _detail(_part(part_id))


def _detail(part, ship_form=None, reject_form=None, status: int = 200):
    payment = latest_payment(part)
    return render_template("order_pages/staff/detail.html", part=part, payment=payment,
                           actions=available_actions(part, current_user, payment),
                           ship_form=ship_form or ShipForm(formdata=None),
                           reject_form=reject_form or ReasonForm(formdata=None)), status


def _act(part_id: int, action, success: str):
    part = _part(part_id)
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work(success):
        action(part)
    return redirect(url_for("group_orders.detail", part_id=part_id))


@bp.route("/<int:part_id>/konfirmasi-bayar", methods=["POST"])
@role_required(*STAFF)
def confirm(part_id: int):
    return _act(part_id, lambda p: payments.confirm_payment(p, current_user.id), _("Pembayaran dikonfirmasi."))


@bp.route("/<int:part_id>/proses", methods=["POST"])
@role_required(*STAFF)
def process(part_id: int):
    return _act(part_id, orders.start_processing, _("Pesanan ditandai sedang disiapkan."))


@bp.route("/<int:part_id>/diambil", methods=["POST"])
@role_required(*STAFF)
def picked_up(part_id: int):
    return _act(part_id, orders.mark_picked_up, _("Pesanan ditandai sudah diambil."))


@bp.route("/<int:part_id>/diterima", methods=["POST"])
@role_required(*STAFF)
def delivered(part_id: int):
    return _act(part_id, orders.mark_delivered, _("Pesanan ditandai sudah sampai."))


@bp.route("/<int:part_id>/kirim", methods=["POST"])
@role_required(*STAFF)
def ship(part_id: int):
    part = _part(part_id)
    form = ShipForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pesanan ditandai dikirim.")) as work:
            courier = form.courier_other.data if form.courier.data == "lain" else form.courier.data
            orders.ship_part(part, courier or "", form.tracking_number.data)
        if work.ok:
            return redirect(url_for("group_orders.detail", part_id=part_id))
    return _detail(part, ship_form=form, status=400)


@bp.route("/<int:part_id>/tolak-bukti", methods=["POST"])
@role_required(*STAFF)
def reject(part_id: int):
    part = _part(part_id)
    form = ReasonForm()
    if form.validate_on_submit():
        with unit_of_work(_("Bukti transfer ditolak; pembeli diberi tahu.")) as work:
            payments.reject_slip(part, form.reason.data, current_user.id)
        if work.ok:
            return redirect(url_for("group_orders.detail", part_id=part_id))
    return _detail(part, reject_form=form, status=400)


@bp.route("/<int:part_id>/batal", methods=["GET", "POST"])
@role_required(*STAFF)
def cancel(part_id: int):
    part = _part(part_id)
    form = ReasonForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pesanan dibatalkan dan stok dikembalikan.")) as work:
            payments.cancel_part(part, form.reason.data)
        if work.ok:
            return redirect(url_for("group_orders.detail", part_id=part_id))
    return render_template("order_pages/staff/confirm.html", part=part, form=form, action="cancel"), \
        400 if request.method == "POST" else 200


@bp.route("/<int:part_id>/refund", methods=["GET", "POST"])
@role_required(*STAFF)
def refund(part_id: int):
    part = _part(part_id)
    form = RefundForm()
    if form.validate_on_submit():
        with unit_of_work(_("Dana dikembalikan ke pembeli.")) as work:
            payments.refund_part(part, current_user.id, form.reason.data, restock=form.restock.data)
        if work.ok:
            return redirect(url_for("group_orders.detail", part_id=part_id))
    return render_template("order_pages/staff/confirm.html", part=part, form=form, action="refund"), \
        400 if request.method == "POST" else 200


@bp.route("/<int:part_id>/slip-kemas")
@role_required(*STAFF)
def packing_slip(part_id: int):
    return render_template("order_pages/staff/packing_slip.html", part=_part(part_id))


@bp.route("/<int:part_id>/bukti")
@role_required(*STAFF)
def slip_file(part_id: int):
    part = _part(part_id)
    payment = latest_payment(part)
    if payment is None or not payment.slip_key:
        abort(404)
    return send_slip(payment)
