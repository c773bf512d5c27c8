"""Admin (Dinas Sosial staff): the overview page. Group, region, user and activity pages register on the same
blueprint from shop/admin/group_views.py and shop/admin/people_views.py."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import func, select

from shop.accounts.access import admin_required
from shop.accounts.models import User
from shop.admin import group_views, people_views  # noqa: F401  (their routes register on bp)
from shop.admin.blueprint import bp
from shop.extensions import db
from shop.groups.models import Group
from shop.groups.services import STATUS_LABELS

__all__ = ["bp"]


@bp.route("/")
@admin_required
def index():
    by_status = dict(db.session.execute(select(Group.status, func.count(Group.id)).group_by(Group.status)).all())
    pending_invites = db.session.scalar(select(func.count(User.id)).where(User.password_hash.is_(None),
                                                                           User.active.is_(True)))
    return render_template("admin/index.html", by_status=by_status, statuses=STATUS_LABELS,
                           pending_invites=pending_invites)
