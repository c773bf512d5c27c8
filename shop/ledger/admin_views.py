"""Admin views of the books (blueprint "books_admin", /admin/buku): every group's books through the same
report pages, money the platform holds for groups, and recording a payout from the platform to a group."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from shop.accounts.access import role_required
from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import events, queries
from shop.ledger.chart import ensure_chart
from shop.ledger.forms import PayoutForm
from shop.ledger.pages import register_reports
from shop.ledger.services import find_entry

bp = Blueprint("books_admin", __name__, url_prefix="/admin/buku")


def any_group(view_args: dict) -> Group:
    group = db.session.get(Group, view_args.get("group_id"))
    if group is None:
        abort(404)
    return group


register_reports(bp, "/kelompok/<int:group_id>", "admin", any_group)


@bp.route("/")
@role_required("admin")
def index():
    groups = {g.id: g for g in db.session.scalars(select(Group).order_by(Group.name))}
    held = dict(queries.platform_held())
    rows = [(g, held.get(g.id)) for g in groups.values()]
    return render_template("books/admin_index.html", rows=rows, total=sum(v for v in held.values()))


@bp.route("/pencairan", methods=["GET", "POST"])
@role_required("admin")
def payout():
    form = PayoutForm()
    held = dict(queries.platform_held())
    form.group.choices = [(g.id, g.name) for g in db.session.scalars(select(Group).order_by(Group.name))]
    if form.validate_on_submit():
        reference = form.reference.data.strip()
        if find_entry(form.group.data, f"payout:{reference}") is not None:
            form.reference.errors.append(_("Referensi transfer ini sudah pernah dicatat."))
            return render_template("books/payout.html", form=form, held=held, names=dict(form.group.choices))
        try:
            ensure_chart(form.group.data)
            events.payout(form.group.data, reference, form.day.data, form.amount.amount,
                          memo=form.memo.data or "", created_by_id=current_user.id)
        except DomainError as err:
            form.amount.errors.append(str(err))
        else:
            db.session.commit()
            flash(_("Pencairan dicatat."), "success")
            return redirect(url_for("books_admin.overview", group_id=form.group.data))
    return render_template("books/payout.html", form=form, held=held,
                           names=dict(form.group.choices))
