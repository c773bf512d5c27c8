"""Cart and checkout pages. The cart is in the session; placing the order commits once."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from shop.cart import cart
from shop.cart.forms import AddToCartForm, CheckoutForm, QuantityForm, choices
from shop.cart.quote import shipping_quote
from shop.labels import label
from shop.money import format_idr
from shop.orders import services as orders
from shop.orders.shipping import ZONE_LABELS, courier_fee, zone_for
from shop.payments import services as payments
from shop.payments.providers import available_methods
from shop.text import parse_int
from shop.transactions import unit_of_work

bp = Blueprint("cart", __name__)


@bp.app_context_processor
def cart_count():
    return {"cart_count": cart.count()}


@bp.route("/keranjang")
def show():
    return render_template("cart/cart.html", view=cart.view(), form=QuantityForm())


@bp.route("/keranjang/tambah", methods=["POST"])
def add():
    form = AddToCartForm()
    back = request.form.get("back") or ""
    back = back if back.startswith("/produk/") else url_for("catalog.catalogue")
    variant_id = parse_int(request.form.get("variant_id"), default=0, low=0, high=2**31 - 1)
    if not form.validate_on_submit() or not variant_id:
        flash(" ".join(str(e) for errs in form.errors.values() for e in errs) or _("Periksa isian."), "error")
        return redirect(back)
    with unit_of_work() as work:  # the cart is in the session: nothing to commit, but one idiom for errors
        title = cart.add(variant_id, form.quantity.data).product.title  # read before the commit expires it
    if not work.ok:
        return redirect(back)
    flash(_("\u201c%(t)s\u201d masuk keranjang.", t=title), "success")
    return redirect(url_for("cart.show"))


@bp.route("/keranjang/ubah", methods=["POST"])
def update():
    form = QuantityForm()
    variant_id = parse_int(form.variant_id.data, default=0, low=0, high=2**31 - 1)
    if not form.validate_on_submit() or not variant_id:
        flash(" ".join(str(e) for errs in form.errors.values() for e in errs) or _("Periksa isian."), "error")
        return redirect(url_for("cart.show"))
    with unit_of_work(_("Keranjang diperbarui.")):
        cart.set_quantity(variant_id, form.quantity.data)
    return redirect(url_for("cart.show"))


@bp.route("/keranjang/terima-harga", methods=["POST"])
def accept_prices():
    form = QuantityForm()
    if form.csrf_token.validate(form):  # only the token matters here
        cart.accept_prices()
        flash(_("Harga baru sudah dipakai di keranjang."), "success")
    return redirect(url_for("cart.show"))


def _methods(view) -> list[tuple[str, str]]:
    return [(m.code, label("checkout_method", m.code)) for m in available_methods(view)]


@bp.route("/checkout", methods=["GET", "POST"])
def checkout():
    view = cart.view(for_order=request.method == "POST")
    if view.empty:
        flash(_("Keranjang Anda kosong. Pilih karya di katalog dulu."), "info")
        return redirect(url_for("cart.show"))
    if view.has_problems:
        flash(_("Ada barang di keranjang yang perlu diperiksa sebelum membayar."), "error")
        return redirect(url_for("cart.show"))
    delivery, delivery_errors = _delivery_choices(view) if request.method == "POST" else ({}, {})
    form = CheckoutForm(needs_address=not delivery or "courier" in delivery.values())
    form.payment_method.choices = choices(_methods(view))
    if "preview" in request.form:  # "Hitung total": show the total with shipping, place nothing
        return _checkout_page(view, form, delivery, {})
    if form.validate_on_submit() and not delivery_errors:
        typed = {name: (form[name].data or "").strip() for name in form.ADDRESS_FIELDS}
        buyer = orders.Buyer(name=form.name.data.strip(), email=form.email.data.strip().lower(),
                             phone=form.phone.data, **typed)
        items = [(int(vid), int(item["q"]), int(item["p"])) for vid, item in cart.raw().items()]
        with unit_of_work() as work:
            payments.check_method(form.payment_method.data)
            order = orders.place_order(items, buyer, delivery, form.payment_method.data)
            attempt = payments.open_payments(order)  # a hosted attempt to start after this commit, or None
            number, token = order.number, order.token  # read before the commit expires the order
        if not work.ok:
            return redirect(url_for("cart.show"))
        cart.clear()
        if attempt is not None:
            return _to_provider(attempt, order)
        flash(_("Pesanan %(n)s sudah dibuat. Simpan tautan halaman ini.", n=number), "success")
        return redirect(url_for("orders.show", token=token))
    return _checkout_page(view, form, delivery, delivery_errors)


def _delivery_choices(view) -> tuple[dict[int, str], dict[int, str]]:
    delivery, errors = {}, {}
    for box in view.boxes:
        choice = request.form.get(f"delivery-{box.group.id}", "")
        if choice in ("pickup", "courier"):
            delivery[box.group.id] = choice
        else:
            errors[box.group.id] = _("Pilih diambil sendiri atau dikirim kurir.")
    return delivery, errors


def _checkout_page(view, form, delivery, delivery_errors):
    fees = _fee_preview(view, form)
    quote = shipping_quote(view, delivery, fees)
    return render_template("cart/checkout.html", view=view, form=form, delivery=delivery,
                           delivery_errors=delivery_errors, fees=fees, quote=quote, zone_labels=ZONE_LABELS,
                           zone_fees=current_app.config["SHIPPING_FEES"])


@bp.route("/checkout/total")
def checkout_total():
    """The checkout's total for the address and delivery choices typed so far (the page's script asks as the buyer
    types; without JavaScript the "Hitung total" button shows the same)."""
    view = cart.view()
    form = CheckoutForm(formdata=request.args, meta={"csrf": False})
    delivery = {box.group.id: request.args.get(f"delivery-{box.group.id}", "") for box in view.boxes}
    quote = shipping_quote(view, delivery, _fee_preview(view, form))
    return jsonify(text=_quote_text(quote), total=quote.total, shipping=quote.shipping, complete=quote.complete,
                   total_text=format_idr(quote.total), shipping_text=format_idr(quote.shipping))


def _quote_text(quote) -> str:
    if not quote.complete:
        return _("Total barang %(goods)s; ongkos kirim dihitung setelah provinsi dan kabupaten/kota diisi.",
                 goods=format_idr(quote.goods))
    return _("Total yang dibayar: %(total)s (barang %(goods)s + ongkos kirim %(shipping)s).",
             total=format_idr(quote.total), goods=format_idr(quote.goods), shipping=format_idr(quote.shipping))


def _to_provider(attempt, order):
    """The order is committed; now open the provider's hosted page (its session id is committed with it)."""
    with unit_of_work() as work:
        url = payments.start_hosted(attempt)
    if not work.ok:
        return redirect(url_for("orders.show", token=order.token))
    return redirect(url, code=303)


def _fee_preview(view, form) -> dict[int, tuple[str, int]]:
    """Courier fee per group for the address typed so far (shown next to the courier choice)."""
    province, regency = form.province.data or "", form.regency.data or ""
    if not province:
        return {}
    result = {}
    for box in view.boxes:
        zone = zone_for(box.group.region, province, regency)
        result[box.group.id] = (zone, courier_fee(zone))
    return result
