"""The coordinator's books (blueprint "books", /kelola/buku), scoped to current_group_id(): the shared report
pages (reports.py) plus what a coordinator enters: cash and bank movements, paying makers, book settings.
The cooperative pages (simpanan, SHU, RAT, readiness) have their own blueprints in shop/coop/views.py."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_group_id, role_required
from shop.books import services
from shop.books.reports import SCOPES, member_names, register_reports
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import chart, events, periods
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


def own_page(template: str, **values):
    """A coordinator's page of their own group's books, with the context the shared templates link with."""
    return render_template(template, group=own_group(), scope={}, **SCOPES["coordinator"], **values)


@bp.route("/kas", methods=["GET", "POST"])
@role_required("coordinator")
def cash():
    group = own_group()
    form = CashMovementForm()
    if form.validate_on_submit():
        with unit_of_work(_("Transaksi kas/bank dicatat."), field=form.amount) as work:
            events.cash_movement(group.id, form.day.data, form.movement.data, form.account.data,
                                 form.amount.amount, form.memo.data, created_by_id=current_user.id,
                                 reference=form.once.reference, category=form.category.data)
        if work.ok:
            return redirect(url_for("books.journal"))
    return own_page("books/cash.html", form=form)


@bp.route("/bayar-pengrajin", methods=["GET", "POST"])
@role_required("coordinator")
def pay_maker():
    group = own_group()
    form = MakerPaymentForm()
    form.member.choices = sorted(member_names(group.id).items(), key=lambda item: (item[1], item[0]))
    if form.validate_on_submit():
        with unit_of_work(_("Pembayaran kepada pengrajin dicatat."), field=form.amount) as work:
            events.maker_paid(group.id, form.member.data, form.day.data, form.amount.amount,
                              paid_from=form.paid_from.data, memo=form.memo.data or "",
                              created_by_id=current_user.id, reference=form.once.reference)
        if work.ok:
            return redirect(url_for("books.members"))
    return own_page("books/pay_maker.html", form=form)


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
                                        current.card_fee_basis_points if fee is None else fee)
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
