"""Admin views of the books (blueprint "books_admin", /admin/buku): every group's books through the same
report pages, money the platform holds for groups, and recording a payout from the platform to a group."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import role_required
from shop.books import services, statement_pages
from shop.books.reports import register_reports
from shop.extensions import db
from shop.groups.models import Group
from shop.groups.queries import all_groups
from shop.ledger import events, queries
from shop.ledger.forms import PayoutForm
from shop.transactions import unit_of_work

bp = Blueprint("books_admin", __name__, url_prefix="/admin/buku")


def any_group(view_args: dict) -> Group:
    group = db.session.get(Group, view_args.get("group_id"))
    if group is None:
        abort(404)
    return group


register_reports(bp, "/kelompok/<int:group_id>", "admin", any_group)
register_reports(bp, "/kelompok/<int:group_id>", "admin", any_group, routes=statement_pages.ROUTES)


@bp.route("/")
@role_required("admin")
def index():
    held = dict(queries.platform_held())
    rows = [(g, held.get(g.id)) for g in all_groups()]
    return render_template("books/admin_index.html", rows=rows, owed=sum(v for v in held.values() if v > 0),
                           receivable=-sum(v for v in held.values() if v < 0))


@bp.route("/pencairan", methods=["GET", "POST"])
@role_required("admin")
def payout():
    form = PayoutForm()
    held = dict(queries.platform_held())
    form.group.choices = [(g.id, g.name) for g in all_groups()]
    if form.validate_on_submit():
        with unit_of_work(_("Pencairan dicatat."), field=form.amount) as work:
            services.record_payout(any_group({"group_id": form.group.data}), form.reference.data, form.day.data,
                                   form.amount.amount, memo=form.memo.data or "", user_id=current_user.id)
        if isinstance(work.error, events.DuplicatePayout):  # the message belongs beside the reference
            form.amount.errors.remove(str(work.error))
            form.reference.errors.append(str(work.error))
        if work.ok:
            return redirect(url_for("books_admin.overview", group_id=form.group.data))
    return render_template("books/payout.html", form=form, held=held, names=dict(form.group.choices))
