"""The coordinator's books (blueprint "books", /kelola/buku), scoped to current_group_id(): the shared report
pages (reports.py) plus what a coordinator enters: cash and bank movements, paying makers, book settings.
The cooperative pages (simpanan, SHU, RAT, readiness) have their own blueprints in shop/coop/views.py."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_group_id, role_required
from shop.books import services, statement_pages
from shop.books.forms import StatementNoteForm
from shop.books.reports import SCOPES, member_names, register_reports
from shop.books.statement_period import PeriodInputError
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import chart, makers, notas, periods
from shop.ledger.forms import (
    BookSettingsForm,
    CashMovementForm,
    MakerPaymentForm,
    MonthForm,
    ReverseForm,
    basis_points_text,
)
from shop.ledger.models import JournalEntry
from shop.payments.providers import available_methods
from shop.transactions import unit_of_work
from shop.uploads import read_limited, too_large_message

bp = Blueprint("books", __name__, url_prefix="/kelola/buku")


def card_payments_on() -> bool:
    """Whether buyers can pay by card now (the registry says; the card fee rate matters only then)."""
    return any(m.code == "stripe" for m in available_methods())


def own_group(view_args: dict | None = None) -> Group:
    group = db.session.get(Group, current_group_id())
    if group is None:
        abort(404)
    return group


register_reports(bp, "", "coordinator", own_group)
register_reports(bp, "", "coordinator", own_group, routes=statement_pages.ROUTES)


def own_page(template: str, **values):
    """A coordinator's page of their own group's books, with the context the shared templates link with."""
    return render_template(template, group=own_group(), scope={}, **SCOPES["coordinator"], **values)


@bp.route("/kas", methods=["GET", "POST"])
@role_required("coordinator")
def cash():
    group = own_group()
    form = CashMovementForm()
    if form.validate_on_submit():
        def show(error):  # a problem with the photo beside the photo, any other beside the amount
            target = form.nota if isinstance(error, notas.NotaProblem) else form.amount
            target.errors = [*list(target.errors or []), str(error)]

        with unit_of_work(_("Transaksi kas/bank dicatat."), show=show) as work:
            services.record_cash(group, form.day.data, form.movement.data, form.account.data, form.amount.amount,
                                 form.memo.data, form.category.data, form.once.reference, current_user.id,
                                 nota=nota_upload(form))
        if work.ok:
            return redirect(url_for("books.journal"))
    return own_page("books/cash.html", form=form)


def nota_upload(form) -> bytes | None:
    """The nota file chosen on the cash form, its size limited (None when no file was chosen)."""
    upload = request.files.get(form.nota.name)
    if upload is None or not upload.filename:
        return None
    limit = int(current_app.config["SLIP_MAX_BYTES"])
    data = read_limited(upload, limit)
    if data is None:
        raise notas.NotaProblem(too_large_message(limit))
    return data


@bp.route("/bayar-pengrajin", methods=["GET", "POST"])
@role_required("coordinator")
def pay_maker():
    """What the group owes each maker (2101 Utang anggota by member), and a payment with a kuitansi."""
    group = own_group()
    names = member_names(group.id)
    form = MakerPaymentForm()
    form.member.choices = sorted(names.items(), key=lambda item: (item[1], item[0]))
    if form.validate_on_submit():
        with unit_of_work(_("Pembayaran kepada pengrajin dicatat."), field=form.amount) as work:
            payment = makers.pay_maker(group.id, form.member.data, form.day.data, form.amount.amount,
                                       form.paid_from.data, form.once.reference, memo=form.memo.data or "",
                                       created_by_id=current_user.id)
        if work.ok:
            return redirect(url_for("books.maker_receipt", receipt_id=payment.id))
    return own_page("books/pay_maker.html", form=form, owed=makers.owed_by_member(group.id, names))


@bp.route("/pengaturan", methods=["GET", "POST"])
@role_required("coordinator")
def book_settings():
    group = own_group()
    current = chart.book_settings(group.id)
    cards = card_payments_on()
    form = BookSettingsForm(data={"maker_share_percent": current.maker_share_percent,
                                  "card_fee_percent": basis_points_text(current.card_fee_basis_points)})
    if form.validate_on_submit():
        fee = form.card_fee_basis_points if cards else None  # no card payments: the field is not shown
        with unit_of_work(_("Pengaturan buku disimpan.")) as work:
            services.save_book_settings(group, form.maker_share_percent.data,
                                        current.card_fee_basis_points if fee is None else fee, current_user.id)
        if work.ok:
            return redirect(url_for("books.overview"))
    return own_page("books/settings.html", form=form, cards=cards)


@bp.route("/periode", methods=["GET", "POST"])
@role_required("coordinator")
def months():
    """The bendahara locks finished months; reopening one needs a reason, and both are logged."""
    group = own_group()
    form = MonthForm()
    form.month.choices = services.month_choices(group.id)
    if form.validate_on_submit():
        month = date.fromisoformat(form.month.data + "-01")
        if request.form.get("action") == "reopen":
            with unit_of_work(_("Bulan dibuka kembali."), field=form.reason) as work:
                services.reopen_month(group, month, form.reason.data or "", current_user.id)
        else:
            with unit_of_work(_("Bulan dikunci."), field=form.month) as work:
                services.lock_month(group, month, current_user.id)
        if work.ok:
            return redirect(url_for("books.months"))
    return own_page("books/months.html", form=form, locked=set(periods.locked_months(group.id)),
                    history=periods.lock_history(group.id), closed=periods.last_closed_year(group.id))


@bp.route("/jurnal/<int:entry_id>/koreksi", methods=["GET", "POST"])
@role_required("coordinator")
def reverse(entry_id: int):
    """Reverse an entry typed in by mistake, with a reason."""
    group = own_group()
    entry = db.session.get(JournalEntry, entry_id)
    if entry is None or entry.group_id != group.id:
        abort(404)
    form = ReverseForm()
    if form.validate_on_submit():
        with unit_of_work(_("Koreksi dicatat."), field=form.reason) as work:
            services.reverse(group, entry.id, form.reason.data, current_user.id)
        if work.ok:
            return redirect(url_for("books.journal"))
    return own_page("books/reverse.html", form=form, entry=entry, allowed=services.reversible(entry))


@bp.route("/laporan-keuangan/catatan", methods=["POST"])
@role_required("coordinator")
def statement_note():
    """The group's own text of the notes to its financial statements (CaLK), from the statements page; back to
    the period it was written on."""
    group = own_group()
    form = StatementNoteForm()
    try:
        period = statement_pages.picked_period()
    except PeriodInputError:
        period = None
    if form.validate_on_submit():
        with unit_of_work(_("Catatan atas laporan keuangan disimpan."), field=form.text) as work:
            services.save_statement_note(group, form.text.data or "", current_user.id)
        if work.ok:
            return redirect(url_for("books.statements", **(period.args if period else {})))
    ctx = dict(SCOPES["coordinator"], scope={})
    return statement_pages.render_page(group, ctx, period or statement_pages.default_period(), form=form,
                                       status=400)
