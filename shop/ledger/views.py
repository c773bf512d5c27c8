"""The coordinator's books (blueprint "books", /kelola/buku), scoped to current_group_id(): the shared report
pages (pages.py) plus what a coordinator enters: cash and bank movements, paying makers, book settings.
The cooperative pages (simpanan, SHU, RAT, readiness) are added to this blueprint by shop/coop/views.py."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from shop.accounts.access import current_group_id, role_required
from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Group, Member
from shop.ledger import events
from shop.ledger.chart import settings_for
from shop.ledger.forms import BookSettingsForm, CashMovementForm, MakerPaymentForm
from shop.ledger.pages import register_reports

bp = Blueprint("books", __name__, url_prefix="/kelola/buku")


def own_group(view_args: dict | None = None) -> Group:
    group = db.session.get(Group, current_group_id())
    if group is None:
        abort(404)
    return group


register_reports(bp, "", "coordinator", own_group)


def _page(template: str, **values):
    return render_template(template, group=own_group(), ep="books", scope={}, is_admin=False, **values)


@bp.route("/kas", methods=["GET", "POST"])
@role_required("coordinator")
def cash():
    group = own_group()
    form = CashMovementForm()
    if form.validate_on_submit():
        try:
            events.cash_movement(group.id, form.day.data, form.movement.data, form.account.data,
                                 form.amount.amount, form.memo.data, created_by_id=current_user.id)
        except DomainError as err:
            form.amount.errors.append(str(err))
        else:
            db.session.commit()
            flash(_("Transaksi kas/bank dicatat."), "success")
            return redirect(url_for("books.journal"))
    return _page("books/cash.html", form=form)


@bp.route("/bayar-pengrajin", methods=["GET", "POST"])
@role_required("coordinator")
def pay_maker():
    group = own_group()
    form = MakerPaymentForm()
    form.member.choices = [(m.id, m.name) for m in db.session.scalars(
        select(Member).where(Member.group_id == group.id).order_by(Member.name))]
    if form.validate_on_submit():
        try:
            events.maker_paid(group.id, form.member.data, form.day.data, form.amount.amount,
                              paid_from=form.paid_from.data, memo=form.memo.data or "",
                              created_by_id=current_user.id)
        except DomainError as err:
            form.amount.errors.append(str(err))
        else:
            db.session.commit()
            flash(_("Pembayaran kepada pengrajin dicatat."), "success")
            return redirect(url_for("books.members"))
    return _page("books/pay_maker.html", form=form)


@bp.route("/pengaturan", methods=["GET", "POST"])
@role_required("coordinator")
def book_settings():
    group = own_group()
    settings = settings_for(group.id)
    form = BookSettingsForm(obj=settings)
    if form.validate_on_submit():
        form.populate_obj(settings)
        db.session.commit()
        flash(_("Pengaturan buku disimpan."), "success")
        return redirect(url_for("books.overview"))
    return _page("books/settings.html", form=form)
