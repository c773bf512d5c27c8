"""The buyer's order page, reached by its secret link: status, payment instructions, slip upload."""
from __future__ import annotations

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from markupsafe import escape

from shop.models_base import utcnow
from shop.orders import queries
from shop.orders import services as orders
from shop.orders.forms import FindOrderForm, SlipForm
from shop.payments import services as payments
from shop.payments.actions import available_actions, open_code, order_actions
from shop.payments.models import Payment
from shop.payments.providers import manual, xendit
from shop.payments.queries import latest_by_part
from shop.transactions import unit_of_work

bp = Blueprint("orders", __name__)


@bp.route("/pesanan/<token>")
def show(token: str):
    order = queries.order_by_token(token)
    payments_by_part = latest_by_part(order)
    actions_by_part = {part.id: available_actions(part, None, payments_by_part.get(part.id)) for part in order.parts}
    code = open_code(order)
    return render_template("order_pages/order.html", order=order, payments_by_part=payments_by_part,
                           actions_by_part=actions_by_part, order_actions=order_actions(order),
                           bank=manual.bank_details, form=SlipForm(), code=code,
                           code_expired=bool(code and code.expires_at and code.expires_at <= utcnow()),
                           qr_svg=qr_svg(code.payment_code) if code and code.method == xendit.QRIS else "",
                           va_bank=xendit.bank_of(order.payment_method),
                           slip_mb=int(current_app.config["SLIP_MAX_BYTES"]) // (1024 * 1024),
                           deadline=payments.transfer_deadline(order))


def qr_svg(text: str) -> str:
    """The QRIS string as an inline SVG (scalable: the stylesheet sizes it), with its accessible name."""
    svg = segno.make(text, error="m", micro=False).svg_inline(scale=1, border=4, omitsize=True, light="#fff",
                                                               svgclass="qr", lineclass=None)
    name = escape(_("Kode QRIS pesanan ini"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" ', 1)


@bp.route("/pesanan/<token>/status")
def status(token: str):
    """The order's status as JSON, for the order page's small poll while a QRIS code or virtual account waits
    (the page works without it: a plain reload link). Read only."""
    order = queries.order_by_token(token)
    response = jsonify(status=order.status, paid=order.status not in ("placed", "cancelled", "expired"))
    response.headers["Cache-Control"] = "no-store"
    return response


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
    with unit_of_work(_("Bukti transfer terkirim. %(g)s akan memeriksanya.", g=part.group.name)) as work:
        payments.submit_slip(part, data)
    if not work.ok:
        return redirect(url_for("orders.show", token=token) + f"#bagian-{part.id}")
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
    if payment.slip_type == "pdf":  # a PDF is never shown from the shop's origin (it may carry scripts, links)
        response.headers["Content-Disposition"] = f'attachment; filename="bukti-{payment.id}.pdf"'
    else:
        response.headers["Content-Disposition"] = "inline"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


@bp.route("/pesanan/<token>/bayar-kartu", methods=["POST"])
def pay_by_card(token: str):
    order = queries.order_by_token(token)
    form = FlaskForm()
    if not form.validate_on_submit() or not order_actions(order):
        abort(400)
    with unit_of_work() as work:  # the attempt commits before the provider call (its id is the idempotency key)
        attempt = payments.order_attempt(order)
    if work.ok:
        with unit_of_work() as work:
            url = payments.start_hosted(attempt)
    if not work.ok:
        return redirect(url_for("orders.show", token=token))
    return redirect(url, code=303)


@bp.route("/pesanan/<token>/kembali")
def card_return(token: str):
    """Where Stripe sends the buyer back. It never marks anything paid: only the signed webhook does."""
    order = queries.order_by_token(token)
    return render_template("order_pages/card_return.html", order=order)


@bp.route("/pesanan/cari", methods=["GET", "POST"])
def find():
    """Find an order again without its link: the number and the buyer's e-mail or phone. The answer is the same
    whether or not such an order exists; when it does, the link goes to the buyer's own e-mail address."""
    form = FindOrderForm()
    if form.validate_on_submit():
        order = queries.order_for_lookup(form.number.data, form.contact.data)
        with unit_of_work():
            if order is not None:
                orders.resend_link(order)
        flash(_("Jika nomor dan kontak itu cocok dengan sebuah pesanan, tautannya sudah kami kirim ke e-mail "
                "pemesan. Periksa kotak masuk (dan folder spam) dalam beberapa menit."), "success")
        return redirect(url_for("orders.find"))
    return render_template("order_pages/find.html", form=form)
