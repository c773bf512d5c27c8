"""Workspace home (status, counts, low stock) and the group's activity log."""
from __future__ import annotations

from flask import render_template, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.accounts.access import current_group_id, role_required
from shop.activity.models import ActivityLog
from shop.catalog import stock
from shop.catalog.models import Product
from shop.crafts import STATUS_LABELS
from shop.custom_orders import queries as custom_queries
from shop.extensions import db
from shop.groups import services as group_services
from shop.groups.models import Member
from shop.impact.period import today_wib
from shop.impact.plain import group_lines
from shop.pagination import paginate
from shop.text import parse_int
from shop.workspace import todo
from shop.workspace.base import bp

ACTIVITY_PER_PAGE = 30


@bp.route("")
@role_required("coordinator")
def index():
    gid = current_group_id()
    group = group_services.get_group(gid)
    by_status = dict(db.session.execute(select(Product.status, func.count(Product.id))
                                        .where(Product.group_id == gid).group_by(Product.status)).all())
    members = db.session.scalar(select(func.count(Member.id)).where(Member.group_id == gid,
                                                                    Member.left_on.is_(None))) or 0
    recent = db.session.scalars(select(ActivityLog).where(ActivityLog.group_id == gid)
                                .options(selectinload(ActivityLog.user))
                                .order_by(ActivityLog.created_at.desc(), ActivityLog.id.desc()).limit(5)).all()
    return render_template("workspace/index.html", group=group, by_status=by_status, statuses=STATUS_LABELS,
                           members=members, low=stock.low_stock(gid), threshold=stock.LOW_STOCK_THRESHOLD,
                           recent=recent, progress=group_lines(gid, today_wib()), todo=todo.items(gid),
                           waiting=todo.waiting_parts(gid), custom=custom_queries.counts_by_status(gid))


@bp.route("/stok-menipis")
@role_required("coordinator")
def low_stock():
    return render_template("workspace/low_stock.html", low=stock.low_stock(current_group_id()),
                           threshold=stock.LOW_STOCK_THRESHOLD)


@bp.route("/aktivitas")
@role_required("coordinator")
def activity():
    gid = current_group_id()
    stmt = (select(ActivityLog).where(ActivityLog.group_id == gid).options(selectinload(ActivityLog.user))
            .order_by(ActivityLog.created_at.desc(), ActivityLog.id.desc()))
    page = paginate(stmt, parse_int(request.args.get("page"), 1, 1, 10**6), ACTIVITY_PER_PAGE)
    return render_template("workspace/activity.html", page=page)
