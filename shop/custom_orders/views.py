"""The buyer's side: a request from a made-to-measure product (one person or a roster), and the request's page
by its secret link (messages, accept, pay deposit and balance, cancel)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from shop.catalog import queries as catalog_queries
from shop.custom_orders import actions, deposits, messages, requests
from shop.custom_orders.forms import BulkRequestForm, MessageForm, PayForm, ReasonForm, SingleRequestForm
from shop.custom_orders.garments import garment_label
from shop.custom_orders.pages import buyer_page_context, contact_from, read_photos
from shop.custom_orders.roster import (
    RosterError,
    parse,
    parse_typed,
    read_table,
    size_summary,
    template_csv,
    template_xlsx,
    to_csv,
)
from shop.custom_orders.templates import MeasurementError, cm_text, template_for
from shop.errors import DomainError, NotFound
from shop.labels import label
from shop.orders.services import order_link
from shop.payments import services as payments
from shop.transactions import unit_of_work

bp = Blueprint("custom_orders", __name__)


def _product(slug: str):
    try:
        return requests.requestable(catalog_queries.product_by_slug(slug))
    except NotFound:
        abort(404)


def _co(token: str):
    try:
        return requests.by_token(token)
    except NotFound:
        abort(404)


@bp.route("/produk/<slug>/pesan-ukur", methods=["GET", "POST"])
def new_single(slug: str):
    product = _product(slug)
    fields = template_for(product.group_id, requests.garment_for(product))
    form = SingleRequestForm()
    values = {k: cm_text(v) for k, v in requests.previous_measurements(request.args.get("dari"), product).items()}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {f.key: request.form.get(f"m-{f.key}", "") for f in fields}
        if form.validate_on_submit():
            with unit_of_work(_("Permintaan terkirim. Tautan halaman pesanan juga kami kirim ke e-mail Anda.")) \
                    as work:
                co = requests.create_single(product, contact_from(form), values, form.how.data == "on_site",
                                            form.appointment_at.data, read_photos())
            if work.ok:
                return redirect(url_for("custom_orders.show", token=co.token))
            if isinstance(work.error, MeasurementError):
                errors = work.error.errors
        status = 400
    return render_template("custom_orders/new_single.html", product=product, form=form, fields=fields,
                           values=values, errors=errors, garment=garment_label(requests.garment_for(product)),
                           min_order=product.min_order), status


@bp.route("/produk/<slug>/pesan-borongan", methods=["GET", "POST"])
def new_bulk(slug: str):
    product = _product(slug)
    fields = template_for(product.group_id, requests.garment_for(product))
    sizes = requests.sizes_for(product)
    form = BulkRequestForm()
    problems, people, status = [], None, 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            upload = request.files.get("sheet")
            try:
                if form.roster_csv.data and request.form.get("send"):
                    people = parse(read_table(form.roster_csv.data.encode()), fields, sizes)
                elif upload and upload.filename:
                    people = parse(read_table(upload.stream.read(5 * 1024 * 1024)), fields, sizes)
                elif (form.typed.data or "").strip():
                    people = parse_typed(form.typed.data, fields, sizes)
                elif form.roster_csv.data:
                    people = parse(read_table(form.roster_csv.data.encode()), fields, sizes)
                else:
                    form.typed.errors = [_("Ketik daftar atau unggah berkas.")]
            except RosterError as err:
                problems = err.problems
                form.sheet.errors = [str(err)]
            except DomainError as err:
                form.sheet.errors = [str(err)]
        if people and request.form.get("send"):
            with unit_of_work(_("Permintaan terkirim. Tautan halaman pesanan juga kami kirim ke e-mail Anda.")) \
                    as work:
                co = requests.create_bulk(product, contact_from(form), people, read_photos())
            if work.ok:
                return redirect(url_for("custom_orders.show", token=co.token))
        elif people:
            form.roster_csv.data = to_csv(people, fields)
            status = 200
    return render_template("custom_orders/new_bulk.html", product=product, form=form, fields=fields, sizes=sizes,
                           problems=problems, people=people, summary=size_summary(people) if people else [],
                           min_order=max(product.min_order, 1)), status


@bp.route("/produk/<slug>/templat-daftar.<ext>")
def roster_template(slug: str, ext: str):
    product = _product(slug)
    fields = template_for(product.group_id, requests.garment_for(product))
    sizes = requests.sizes_for(product)
    if ext == "csv":
        return Response(template_csv(fields, sizes), mimetype="text/csv",
                        headers={"Content-Disposition": f"attachment; filename=daftar-{product.slug[:40]}.csv"})
    if ext == "xlsx":
        return Response(template_xlsx(fields, sizes),
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f"attachment; filename=daftar-{product.slug[:40]}.xlsx"})
    abort(404)


@bp.route("/pesanan-ukur/<token>")
def show(token: str):
    co = _co(token)
    return render_template("custom_orders/show.html", **buyer_page_context(co, MessageForm(), _pay_form()))


def _pay_form(formdata=None) -> PayForm:
    form = PayForm(formdata=formdata) if formdata is not None else PayForm()
    form.method.choices = [(m, label("checkout_method", m)) for m in deposits.payment_methods()]
    if not form.method.data:
        form.method.data = form.method.choices[0][0]
    return form


@bp.route("/pesanan-ukur/<token>/pesan", methods=["POST"])
def post_message(token: str):
    co = _co(token)
    form = MessageForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pesan terkirim."), field=form.body) as work:
            messages.post(co, "buyer", form.body.data)
        if work.ok:
            return redirect(url_for("custom_orders.show", token=token) + "#percakapan")
    return render_template("custom_orders/show.html", **buyer_page_context(co, form, _pay_form())), 400


@bp.route("/pesanan-ukur/<token>/terima", methods=["POST"])
def accept(token: str):
    co = _co(token)
    if not FlaskForm().validate_on_submit():
        abort(400)
    with unit_of_work(_("Penawaran diterima. Silakan bayar uang muka.")):
        deposits.accept(co)
    return redirect(url_for("custom_orders.show", token=token) + "#bayar")


@bp.route("/pesanan-ukur/<token>/bayar/<purpose>", methods=["POST"])
def pay(token: str, purpose: str):
    co = _co(token)
    if purpose not in ("deposit", "balance"):
        abort(404)
    form = _pay_form(request.form)
    if not form.validate_on_submit():
        flash(_("Pilih cara pembayaran."), "error")
        return redirect(url_for("custom_orders.show", token=token) + "#bayar")
    with unit_of_work() as work:
        order, attempt = deposits.start_payment(co, purpose, form.method.data)
    if not work.ok:
        return redirect(url_for("custom_orders.show", token=token) + "#bayar")
    if attempt is not None:  # a hosted page (card): open it now that the order is committed
        with unit_of_work() as work:
            url = payments.start_hosted(attempt)
        if work.ok:
            return redirect(url, code=303)
    return redirect(order_link(order))


@bp.route("/pesanan-ukur/<token>/batal", methods=["GET", "POST"])
def cancel(token: str):
    co = _co(token)
    if "cancel" not in actions.available_actions(co, "buyer"):
        abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pesanan dibatalkan."), field=form.reason) as work:
            deposits.cancel(co, form.reason.data, "buyer")
        if work.ok:
            return redirect(url_for("custom_orders.show", token=token))
    return render_template("custom_orders/cancel.html", co=co, form=form, terms=deposits.cancel_terms(co),
                           back=url_for("custom_orders.show", token=token),
                           action=url_for("custom_orders.cancel", token=token)), \
        400 if request.method == "POST" else 200
