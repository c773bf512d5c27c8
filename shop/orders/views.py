"""The buyer's order page, reached by its secret link: status, payment instructions, slip upload."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from shop.errors import DomainError
from shop.extensions import db
from shop.orders import queries
from shop.payments import services as payments
from shop.payments.models import Payment
from shop.payments.providers import manual
from shop.payments.providers import stripe as stripe_provider

bp = Blueprint("orders", __name__)


class SlipForm(FlaskForm):
    slip = FileField(_l("Bukti transfer (foto atau PDF)"))


def wa_link(number: str, text: str) -> str:
    from urllib.parse import quote

    digits = "".join(c for c in number if c.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}?text={quote(text)}" if digits else ""


@bp.route("/pesanan/<token>")
def show(token: str):
    order = queries.order_by_token(token)
    payments_by_part = {}
    for p in order.payments:
        if p.part_id is not None:
            payments_by_part[p.part_id] = p  # the latest wins (ordered by id)
    return render_template("orders/order.html", order=order, payments_by_part=payments_by_part,
                           bank=manual.bank_details, form=SlipForm(), wa_link=wa_link,
                           card_enabled=stripe_provider.enabled())


@bp.route("/pesanan/<token>/bukti/<int:part_id>", methods=["POST"])
def upload_slip(token: str, part_id: int):
    order = queries.order_by_token(token)
    part = next((p for p in order.parts if p.id == part_id), None)
    if part is None:
        abort(404)
    form = SlipForm()
    if not form.validate_on_submit():
        flash(_("Formulir kedaluwarsa. Coba lagi."), "error")
        return redirect(url_for("orders.show", token=token))
    upload = request.files.get("slip")
    data = upload.read() if upload else b""
    try:
        payments.submit_slip(part, data)
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        flash(str(err), "error")
        return redirect(url_for("orders.show", token=token) + f"#bagian-{part.id}")
    flash(_("Bukti transfer terkirim. %(g)s akan memeriksanya.", g=part.group.name), "success")
    return redirect(url_for("orders.show", token=token))


@bp.route("/pesanan/<token>/bukti-berkas/<int:payment_id>")
def slip_file(token: str, payment_id: int):
    order = queries.order_by_token(token)
    payment = next((p for p in order.payments if p.id == payment_id and p.slip_key), None)
    if payment is None:
        abort(404)
    return send_slip(payment)


def send_slip(payment: Payment):
    try:
        data = manual.read_slip(payment.slip_key, payment.slip_type)
    except FileNotFoundError:
        abort(404)
    response = Response(data, mimetype="application/pdf" if payment.slip_type == "pdf" else "image/webp")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.route("/pesanan/<token>/bayar-kartu", methods=["POST"])
def pay_by_card(token: str):
    order = queries.order_by_token(token)
    form = FlaskForm()
    if not form.validate_on_submit() or not stripe_provider.enabled():
        abort(400)
    try:
        attempt = payments.card_attempt(order)
        db.session.commit()
        url = payments.start_card_checkout(attempt)
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        flash(str(err), "error")
        return redirect(url_for("orders.show", token=token))
    return redirect(url, code=303)


@bp.route("/pesanan/<token>/kembali")
def card_return(token: str):
    """Where Stripe sends the buyer back. It never marks anything paid: only the signed webhook does."""
    order = queries.order_by_token(token)
    return render_template("orders/card_return.html", order=order)
