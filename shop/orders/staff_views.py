"""Coordinator (and admin) order pages under /kelola/pesanan: every query scoped to the coordinator's group."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from shop.accounts.access import current_group_id, role_required
from shop.cart.forms import ReasonForm
from shop.errors import DomainError
from shop.extensions import db
from shop.orders import queries
from shop.orders import services as orders
from shop.orders.models import PART_STATUSES
from shop.orders.views import send_slip
from shop.payments import services as payments
from shop.text import parse_int
from shop.transactions import unit_of_work

bp = Blueprint("group_orders", __name__, url_prefix="/kelola/pesanan")
STAFF = ("coordinator", "admin")


class ShipForm(FlaskForm):
    courier = StringField(_l("Kurir"), validators=[DataRequired(_l("Isi nama kurir.")), Length(max=60)])
    tracking_number = StringField(_l("Nomor resi"), validators=[DataRequired(_l("Isi nomor resi.")),
                                                                Length(max=80)])


class RefundForm(FlaskForm):
    reason = StringField(_l("Alasan"), validators=[DataRequired(_l("Tuliskan alasannya.")), Length(max=1000)])
    restock = BooleanField(_l("Kembalikan barang ke stok"))


def _scope() -> int | None:
    return None if current_user.role == "admin" else current_group_id()


def _part(part_id: int):
    return queries.part_for_staff(part_id, _scope())


@bp.route("/")
@role_required(*STAFF)
def index():
    status = request.args.get("status", "")
    status = status if status in PART_STATUSES else ""
    page = parse_int(request.args.get("page"), default=1, low=1, high=10**6)
    parts, total = queries.parts_for_staff(_scope(), status, page)
    pages = max(1, -(-total // 25))
    return render_template("group_orders/index.html", parts=parts, total=total, status=status, page=page,
                           pages=pages, statuses=PART_STATUSES, next_action=queries.NEXT_ACTION)


@bp.route("/<int:part_id>")
@role_required(*STAFF)
def detail(part_id: int):
    part = _part(part_id)
    return render_template("group_orders/detail.html", part=part, payment=queries.latest_payment(part),
                           form=FlaskForm(), ship_form=ShipForm(), reject_form=ReasonForm())


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
        try:
            orders.ship_part(part, form.courier.data, form.tracking_number.data)
            db.session.commit()
            flash(_("Pesanan ditandai dikirim."), "success")
            return redirect(url_for("group_orders.detail", part_id=part_id))
        except DomainError as err:
            db.session.rollback()
            flash(str(err), "error")
    return render_template("group_orders/detail.html", part=part, payment=queries.latest_payment(part),
                           form=FlaskForm(), ship_form=form, reject_form=ReasonForm()), 400


@bp.route("/<int:part_id>/tolak-bukti", methods=["POST"])
@role_required(*STAFF)
def reject(part_id: int):
    part = _part(part_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            payments.reject_slip(part, form.reason.data, current_user.id)
            db.session.commit()
            flash(_("Bukti transfer ditolak; pembeli diberi tahu."), "success")
            return redirect(url_for("group_orders.detail", part_id=part_id))
        except DomainError as err:
            db.session.rollback()
            flash(str(err), "error")
    return render_template("group_orders/detail.html", part=part, payment=queries.latest_payment(part),
                           form=FlaskForm(), ship_form=ShipForm(formdata=None), reject_form=form), 400


@bp.route("/<int:part_id>/batal", methods=["GET", "POST"])
@role_required(*STAFF)
def cancel(part_id: int):
    part = _part(part_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            orders.cancel_part(part, form.reason.data)
            db.session.commit()
            flash(_("Pesanan dibatalkan dan stok dikembalikan."), "success")
            return redirect(url_for("group_orders.detail", part_id=part_id))
        except DomainError as err:
            db.session.rollback()
            flash(str(err), "error")
    return render_template("group_orders/confirm.html", part=part, form=form, action="cancel"), \
        400 if request.method == "POST" else 200


@bp.route("/<int:part_id>/refund", methods=["GET", "POST"])
@role_required(*STAFF)
def refund(part_id: int):
    part = _part(part_id)
    form = RefundForm()
    if form.validate_on_submit():
        try:
            payments.refund_part(part, current_user.id, form.reason.data, restock=form.restock.data)
            db.session.commit()
            flash(_("Dana dikembalikan ke pembeli."), "success")
            return redirect(url_for("group_orders.detail", part_id=part_id))
        except DomainError as err:
            db.session.rollback()
            flash(str(err), "error")
    return render_template("group_orders/confirm.html", part=part, form=form, action="refund"), \
        400 if request.method == "POST" else 200


@bp.route("/<int:part_id>/slip-kemas")
@role_required(*STAFF)
def packing_slip(part_id: int):
    return render_template("group_orders/packing_slip.html", part=_part(part_id))


@bp.route("/<int:part_id>/bukti")
@role_required(*STAFF)
def slip_file(part_id: int):
    part = _part(part_id)
    payment = queries.latest_payment(part)
    if payment is None or not payment.slip_key:
        abort(404)
    return send_slip(payment)
