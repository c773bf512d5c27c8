"""The coordinator's side under /kelola/pesanan-ukur: the list, a request's page (thread, quote, makers, stages,
handover, cancellation), the weekly capacity and the group's measurement templates. Scoped to the group."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from shop.accounts.access import current_group_id, role_required
from shop.custom_orders import deposits, messages, queries, quotes, stages, team
from shop.custom_orders.forms import (
    CapacityForm,
    HandOverForm,
    MakersForm,
    MessageForm,
    QuoteForm,
    ReasonForm,
    StageForm,
)
from shop.custom_orders.garments import GARMENTS, garment_choices
from shop.custom_orders.models import STATUSES
from shop.custom_orders.pages import common
from shop.custom_orders.templates import adjust_template, template_for
from shop.errors import NotFound
from shop.money import parse_idr
from shop.text import parse_int
from shop.transactions import unit_of_work

bp = Blueprint("custom_orders_staff", __name__, url_prefix="/kelola/pesanan-ukur")


def _co(co_id: int):
    try:
        return queries.for_staff(co_id, current_group_id())
    except NotFound:
        abort(404)


def _forms(co, **given):
    stage_form = given.get("stage_form") or StageForm()
    stage_form.stage.choices = [(s, str(stages.STAGE_LABELS[s])) for s in stages.next_stages(co)]
    makers_form = given.get("makers_form") or MakersForm(formdata=None, members=[m.id for m in co.makers])
    makers_form.members.choices = [(m.id, m.name) for m in team.candidates(co.group_id)]
    quote_form = given.get("quote_form") or QuoteForm(formdata=None, lead_time_days=quotes.suggested_lead_days(co),
                                                      deposit_percent=co.deposit_percent or 50)
    return {"message_form": given.get("message_form") or MessageForm(), "quote_form": quote_form,
            "stage_form": stage_form, "makers_form": makers_form,
            "hand_form": given.get("hand_form") or HandOverForm(), "reason_form": ReasonForm(formdata=None)}


def _page(co, status=200, **given):
    ctx = dict(common(co, "group"), **_forms(co, **given), suggested=quotes.suggested_lead_days(co),
               capacity=quotes.weekly_capacity(co.group_id), backlog=quotes.backlog(co.group_id, co.id),
               price_groups=quotes.price_groups(co))
    return render_template("custom_orders/staff_detail.html", **ctx), status


def _back(co, anchor=""):
    return redirect(url_for("custom_orders_staff.detail", co_id=co.id) + anchor)


@bp.route("/")
@role_required("coordinator")
def index():
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    page = parse_int(request.args.get("page"), 1, 1, 10**6)
    rows, total = queries.for_group(current_group_id(), status, page)
    return render_template("custom_orders/staff_index.html", rows=rows, total=total, status=status, page=page,
                           pages=max(1, -(-total // queries.PER_PAGE)), statuses=STATUSES,
                           counts=queries.counts_by_status(current_group_id()))


@bp.route("/<int:co_id>")
@role_required("coordinator")
def detail(co_id: int):
    return _page(_co(co_id))


@bp.route("/<int:co_id>/pesan", methods=["POST"])
@role_required("coordinator")
def post_message(co_id: int):
    co = _co(co_id)
    form = MessageForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pesan terkirim ke pembeli."), field=form.body) as work:
            messages.post(co, "group", form.body.data, current_user.id)
        if work.ok:
            return _back(co, "#percakapan")
    return _page(co, 400, message_form=form)


@bp.route("/<int:co_id>/penawaran", methods=["POST"])
@role_required("coordinator")
def quote(co_id: int):
    co = _co(co_id)
    form = QuoteForm()
    if form.validate_on_submit():
        unit = parse_idr(form.unit_price.data) or 0
        fee = parse_idr(form.cancel_fee.data) or 0
        size_prices = {size: parse_idr(request.form.get(f"harga-{size or '_'}")) or 0
                       for size, _n in quotes.price_groups(co)}
        with unit_of_work(_("Penawaran dikirim ke pembeli."), field=form.unit_price) as work:
            quotes.send_quote(co, form.price_mode.data, unit, size_prices, form.deposit_percent.data,
                              form.lead_time_days.data, form.valid_until.data, fee, form.note.data or "")
        if work.ok:
            return _back(co)
    return _page(co, 400, quote_form=form)


@bp.route("/<int:co_id>/tahap", methods=["POST"])
@role_required("coordinator")
def stage(co_id: int):
    co = _co(co_id)
    form = StageForm()
    form.stage.choices = [(s, s) for s in stages.next_stages(co)]
    if form.validate_on_submit():
        with unit_of_work(_("Tahap dicatat; pembeli diberi tahu.")) as work:
            stages.set_stage(co, form.stage.data, current_user.id)
        if work.ok:
            return _back(co, "#tahap")
    return _page(co, 400)


@bp.route("/<int:co_id>/pembuat", methods=["POST"])
@role_required("coordinator")
def makers(co_id: int):
    co = _co(co_id)
    form = MakersForm()
    form.members.choices = [(m.id, m.name) for m in team.candidates(co.group_id)]
    if form.validate_on_submit():
        with unit_of_work(_("Pembuat dicatat.")) as work:
            team.assign_makers(co, form.members.data)
        if work.ok:
            return _back(co)
    return _page(co, 400, makers_form=form)


@bp.route("/<int:co_id>/serahkan", methods=["POST"])
@role_required("coordinator")
def hand_over(co_id: int):
    co = _co(co_id)
    form = HandOverForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pesanan ditandai sudah diserahkan.")) as work:
            deposits.hand_over(co, form.courier.data or "", form.tracking_number.data or "")
        if work.ok:
            return _back(co)
    return _page(co, 400, hand_form=form)


@bp.route("/<int:co_id>/<any(tolak, batal):what>", methods=["POST"])
@role_required("coordinator")
def close(co_id: int, what: str):
    co = _co(co_id)
    form = ReasonForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pembeli diberi tahu.")) as work:
            if what == "tolak":
                quotes.decline(co, form.reason.data)
            else:
                deposits.cancel(co, form.reason.data, "group", current_user.id)
        if work.ok:
            return _back(co)
    return _page(co, 400)


@bp.route("/kapasitas", methods=["GET", "POST"])
@role_required("coordinator")
def capacity():
    gid = current_group_id()
    form = CapacityForm(data={"weekly_capacity": quotes.weekly_capacity(gid)} if request.method == "GET" else None)
    if form.validate_on_submit():
        with unit_of_work(_("Kapasitas disimpan."), field=form.weekly_capacity) as work:
            quotes.set_capacity(gid, form.weekly_capacity.data)
        if work.ok:
            return redirect(url_for("custom_orders_staff.capacity"))
    return render_template("custom_orders/capacity.html", form=form, backlog=quotes.backlog(gid),
                           garments=garment_choices()), 400 if form.errors else 200


@bp.route("/templat/<garment>", methods=["GET", "POST"])
@role_required("coordinator")
def template(garment: str):
    gid = current_group_id()
    if garment not in GARMENTS:
        abort(404)
    fields = template_for(gid, garment, include_disabled=True)
    status = 200
    if request.method == "POST":
        if not FlaskForm().validate_on_submit():
            abort(400)
        changes = {}
        for f in fields:
            low = parse_int(request.form.get(f"min-{f.key}"), default=-1)
            high = parse_int(request.form.get(f"max-{f.key}"), default=-1)
            changes[f.key] = (request.form.get(f"on-{f.key}") == "1", low, high,
                              request.form.get(f"how-{f.key}", f.how_to))
        with unit_of_work(_("Templat ukuran disimpan.")) as work:
            adjust_template(gid, garment, changes)
        if work.ok:
            return redirect(url_for("custom_orders_staff.template", garment=garment))
        status = 400
    return render_template("custom_orders/template.html", garment=garment, fields=fields,
                           label=dict(garment_choices())[garment]), status
