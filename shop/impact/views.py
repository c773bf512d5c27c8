"""Admin pages of impact (blueprint "impact", /admin/dampak): the dashboard with filters, a group's page with
its flags and notes, CSV/XLSX exports and the quarterly PDF. Views parse input, read the figures, commit once
(a note), render. Admins only: member figures are for admins and (on the workspace) the group itself."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from shop.accounts.access import admin_required
from shop.crafts import CRAFTS
from shop.extensions import db
from shop.groups.models import Group, Region
from shop.impact import flags, listing, notes, queries, tables
from shop.impact.figures import overview
from shop.impact.forms import NoteForm
from shop.impact.period import Period, quarter_period, today_wib
from shop.impact.scope import Scope, from_args, group_ids
from shop.ledger.exports import csv_response, pdf_response, xlsx_response
from shop.text import parse_int
from shop.transactions import unit_of_work

bp = Blueprint("impact", __name__, url_prefix="/admin/dampak")


def _regions() -> list[Region]:
    return list(db.session.scalars(select(Region).order_by(Region.province, Region.name, Region.id)))


def _scope(regions: list[Region]) -> Scope:
    return from_args(request.args, sorted({r.province for r in regions}))


def _figures(scope: Scope, period: Period):
    result = overview(scope, period)
    flags.attach(result.groups)
    return result


def _group(group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None:
        abort(404)
    return group


@bp.route("/")
@admin_required
def dashboard():
    regions = _regions()
    scope = _scope(regions)
    today = today_wib()
    result = _figures(scope, Period(today))
    choices = db.session.execute(select(Group.id, Group.name).where(Group.status == "active")
                                 .order_by(Group.name, Group.id)).all()
    sort = listing.sort_of(request.args.get("urut"))
    rows = listing.group_page(result.groups, sort, parse_int(request.args.get("page"), 1, 1, 10**6))
    return render_template("impact/dashboard.html", ov=result, scope=scope, regions=regions, crafts=CRAFTS,
                           rows=rows, sort=sort, sorts=listing.SORTS,
                           group_choices=choices, charts=tables.dashboard_charts(result),
                           summary=tables.summary(result), rules=flags.RULES, names=flags.NAMES,
                           flagged_by_code=flags.by_code(result.groups),
                           order=flags.WARNINGS + flags.GROWTH, today=today, quarter=(today.month - 1) // 3 + 1)


def _group_page(group: Group, form: NoteForm, status: int = 200):
    result = _figures(Scope(group_id=group.id), Period(today_wib()))
    figures = result.groups[0]
    return render_template("impact/group.html", group=group, g=figures, ov=result, form=form,
                           charts=tables.group_charts(result), summary=tables.summary(figures),
                           members=tables.members_table(figures), notes=queries.notes([group.id]),
                           actions=notes.ACTION_LABELS, names=flags.NAMES, today=today_wib()), status


@bp.route("/kelompok/<int:group_id>")
@admin_required
def group(group_id: int):
    form = NoteForm(flag=request.args.get("tanda", "") if request.args.get("tanda") in flags.RULES else "")
    return _group_page(_group(group_id), form)


@bp.route("/kelompok/<int:group_id>/catatan", methods=["POST"])
@admin_required
def add_note(group_id: int):
    group = _group(group_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _group_page(group, form, 400)
    with unit_of_work(_("Catatan tindak lanjut tersimpan."), field=form.text) as work:
        notes.add_note(group.id, form.flag.data, form.action.data, form.noted_on.data, form.text.data,
                       today_wib(), created_by_id=current_user.id)
    if work.ok:
        return redirect(url_for(".group", group_id=group.id) + "#catatan")
    return _group_page(group, form, 400)


def _export(result, fmt: str, name: str, with_members: bool):
    sheets = tables.export_tables(result, with_members=with_members)
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", [(t.title, t.header, t.rows) for t in sheets])
    table = tables.table_by_id(sheets, request.args.get("tabel", "kelompok"))
    if table is None:
        abort(404)
    return csv_response(f"{name}-{table.id}.csv", table.header, table.rows)


@bp.route("/ekspor.<any(csv, xlsx):fmt>")
@admin_required
def export(fmt: str):
    today = today_wib()
    return _export(_figures(_scope(_regions()), Period(today)), fmt, f"dampak-{today.isoformat()}", False)


@bp.route("/kelompok/<int:group_id>/ekspor.<any(csv, xlsx):fmt>")
@admin_required
def group_export(group_id: int, fmt: str):
    group = _group(group_id)
    today = today_wib()
    return _export(_figures(Scope(group_id=group.id), Period(today)), fmt,
                   f"dampak-{group.slug}-{today.isoformat()}", True)


def _quarter() -> tuple[int, int, Period] | None:
    today = today_wib()
    year = parse_int(request.args.get("tahun"), today.year, 2000, 2100)
    quarter = parse_int(request.args.get("kuartal"), (today.month - 1) // 3 + 1, 1, 4)
    period = quarter_period(year, quarter, today)
    return (year, quarter, period) if period is not None else None


def _report(scope: Scope, title: str, filename: str, back: str):
    chosen = _quarter()
    if chosen is None:
        flash(_("Kuartal itu belum dimulai. Pilih kuartal yang sudah berjalan."), "error")
        return redirect(back)
    year, quarter, period = chosen
    result = _figures(scope, period)
    one = result.groups[0] if scope.group_id and result.groups else None
    html = render_template("impact/report_pdf.html", ov=result, title=title, year=year, quarter=quarter,
                           period=period, summary=tables.summary(one or result),
                           charts=tables.group_charts(result) if one else tables.dashboard_charts(result),
                           members=tables.members_table(one) if one else None,
                           groups=tables.groups_table(result), names=flags.NAMES, rules=flags.RULES,
                           notes=queries.notes(group_ids(scope), period.since, period.until),
                           actions=notes.ACTION_LABELS)
    return pdf_response(f"{filename}-{year}-k{quarter}.pdf", html)


@bp.route("/laporan.pdf")
@admin_required
def report():
    scope = _scope(_regions())
    title = scope.province or _("Semua provinsi")
    return _report(scope, _("Laporan dampak %(scope)s", scope=title),
                   "laporan-dampak", url_for(".dashboard", **scope.args()))


@bp.route("/kelompok/<int:group_id>/laporan.pdf")
@admin_required
def group_report(group_id: int):
    group = _group(group_id)
    return _report(Scope(group_id=group.id), _("Laporan dampak %(scope)s", scope=group.name),
                   f"laporan-dampak-{group.slug}", url_for(".group", group_id=group.id))
