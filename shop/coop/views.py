"""Cooperative pages of the books: simpanan with receipts, the year-end SHU close (preview, then confirm), RAT
reports (page, PDF, XLSX) and the readiness checklist. The read-only pages are added to both the coordinator's
"books" blueprint (scoped to current_group_id()) and the admin's "books_admin" (any group); recording
simpanan, closing a year and ticking AD/ART are the coordinator's own."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from shop.accounts.access import role_required
from shop.coop import readiness, shu
from shop.coop.forms import AdartForm, CloseYearForm, ContributionForm, CoopSettingsForm
from shop.coop.models import MemberContribution
from shop.coop.services import get_contribution, record_contribution, savings, settings_for, withdraw_sukarela
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.groups.models import Member
from shop.ledger import exports, queries
from shop.ledger.admin_views import any_group
from shop.ledger.admin_views import bp as admin_bp
from shop.ledger.pages import register_reports
from shop.ledger.services import closed_years
from shop.ledger.views import bp, own_group

__all__ = ["admin_bp", "bp"]


def _page(template: str, **values):
    return render_template(template, group=own_group(), ep="books", scope={}, is_admin=False, **values)


def contributions(group, ctx: dict):
    rows = savings(group.id, date.today())
    recent = list(db.session.scalars(select(MemberContribution).where(MemberContribution.group_id == group.id)
                                     .order_by(MemberContribution.date.desc(), MemberContribution.id.desc())
                                     .limit(50)))
    return render_template("books/contributions.html", group=group, rows=rows, recent=recent,
                           settings=settings_for(group.id), **ctx)


@bp.route("/simpanan/catat", methods=["GET", "POST"])
@role_required("coordinator")
def record():
    group = own_group()
    form = ContributionForm()
    form.member.choices = [(m.id, m.name) for m in db.session.scalars(
        select(Member).where(Member.group_id == group.id, Member.left_on.is_(None)).order_by(Member.name))]
    if request.method == "GET" and request.args.get("anggota", type=int):
        form.member.data = request.args.get("anggota", type=int)
    if form.validate_on_submit():
        try:
            if form.kind.data == "tarik":
                saved = withdraw_sukarela(group.id, form.member.data, form.amount.amount, form.day.data,
                                          form.cash.data, form.note.data or "", created_by_id=current_user.id)
            else:
                saved = record_contribution(group.id, form.member.data, form.kind.data, form.amount.amount,
                                            form.day.data, form.cash.data, form.note.data or "",
                                            created_by_id=current_user.id)
        except NotFound:
            abort(404)
        except DomainError as err:
            form.amount.errors.append(str(err))
        else:
            db.session.commit()
            flash(_("Simpanan dicatat dengan kuitansi %(number)s.", number=saved.receipt_number), "success")
            return redirect(url_for("books.receipt", contribution_id=saved.id))
    return _page("books/contribution_form.html", form=form)


@bp.route("/simpanan/kuitansi/<int:contribution_id>")
@role_required("coordinator")
def receipt(contribution_id: int):
    group = own_group()
    try:
        contribution = get_contribution(group.id, contribution_id)
    except NotFound:
        abort(404)
    return _page("books/receipt.html", c=contribution)


def _year() -> int:
    year = request.values.get("tahun", type=int) or date.today().year - 1
    if not 2000 <= year <= 2100:
        abort(404)
    return year


def shu_preview(group, ctx: dict):
    year = _year()
    closed = year in closed_years(group.id)
    plan = None if closed else shu.preview(group.id, year)
    form = CloseYearForm(year=year)
    return render_template("books/shu.html", group=group, year=year, plan=plan, closed=closed, form=form,
                           allocations=shu.allocations(group.id, year) if closed else [],
                           can_close=year < date.today().year, **ctx)


@bp.route("/shu/tutup", methods=["POST"])
@role_required("coordinator")
def shu_close():
    group = own_group()
    form = CloseYearForm()
    if not form.validate_on_submit():
        year = form.year.data if form.year.data and 2000 <= form.year.data <= 2100 else date.today().year - 1
        return render_template("books/shu.html", group=group, year=year, plan=shu.preview(group.id, year),
                               closed=year in closed_years(group.id), form=form, allocations=[],
                               can_close=year < date.today().year, ep="books", scope={},
                               is_admin=False), 400
    try:
        shu.close_year(group.id, form.year.data, date.today(), created_by_id=current_user.id)
    except DomainError as err:
        flash(str(err), "error")
        return redirect(url_for("books.shu_preview", tahun=form.year.data))
    db.session.commit()
    flash(_("Buku tahun %(year)d sudah ditutup dan SHU dibagi.", year=form.year.data), "success")
    return redirect(url_for("books.shu_preview", tahun=form.year.data))


def _rat_values(group) -> dict:
    year = _year()
    end = date(year, 12, 31)
    rows = queries.account_rows(group.id, until=end)
    year_rows = queries.account_rows(group.id, since=date(year, 1, 1), until=end)
    closed = year in closed_years(group.id)
    income = [r for r in year_rows if r.kind == "income"]
    costs = [r for r in year_rows if r.kind == "expense"]
    if closed:  # the closing entry emptied income and costs: show the year before the close
        close = shu.close_entry(group.id, year)
        undo = {p.account.code: p.amount for p in close.postings} if close else {}
        income = [queries.AccountRow(r.code, r.name, r.kind, r.balance - undo.get(r.code, 0)) for r in income]
        costs = [queries.AccountRow(r.code, r.name, r.kind, r.balance - undo.get(r.code, 0)) for r in costs]
    current_shu = sum(r.display for r in income) - sum(r.display for r in costs)
    unclosed = 0 if closed else -sum(r.balance for r in rows if r.kind in ("income", "expense"))
    allocations = shu.allocations(group.id, year) if closed else shu.preview(group.id, year).members
    return {"year": year, "closed": closed, "income": income, "costs": costs, "shu_amount": current_shu,
            "assets": [r for r in rows if r.kind == "asset"],
            "liabilities": [r for r in rows if r.kind == "liability"],
            "equity": [r for r in rows if r.kind == "equity"], "unclosed": unclosed,
            "allocations": allocations, "register": savings(group.id, end, include_left=True)}


def rat(group, ctx: dict):
    return render_template("books/rat.html", group=group, **_rat_values(group), **ctx)


def rat_pdf(group, ctx: dict):
    values = _rat_values(group)
    html = render_template("books/rat_pdf.html", group=group, **values)
    return exports.pdf_response(f"rat-{group.slug}-{values['year']}.pdf", html)


def rat_xlsx(group, ctx: dict):
    v = _rat_values(group)
    neraca = ([[_("Aset"), r.name, r.display] for r in v["assets"]]
              + [[_("Kewajiban"), r.name, r.display] for r in v["liabilities"]]
              + [[_("Ekuitas"), r.name, r.display] for r in v["equity"]]
              + [[_("Ekuitas"), _("SHU tahun berjalan"), v["unclosed"]]])
    phu = ([[_("Pendapatan"), r.name, r.display] for r in v["income"]]
           + [[_("Beban"), r.name, r.display] for r in v["costs"]] + [[_("SHU"), "", v["shu_amount"]]])
    names = {m.member.id: m.member.name for m in v["register"]}
    alloc = [[getattr(a, "name", None) or names.get(a.member_id, ""), a.sales, a.simpanan, a.jasa_usaha,
              a.jasa_modal, a.total] for a in v["allocations"]]
    register = [[m.member.name, m.member.joined_on or "", m.pokok, m.wajib, m.sukarela, m.total]
                for m in v["register"]]
    return exports.xlsx_response(f"rat-{group.slug}-{v['year']}.xlsx", [
        (_("Neraca"), [_("Pos"), _("Akun"), _("Saldo")], neraca),
        (_("Perhitungan hasil usaha"), [_("Pos"), _("Akun"), _("Jumlah")], phu),
        (_("Pembagian SHU"), [_("Anggota"), _("Penjualan"), _("Simpanan"), _("Jasa usaha"), _("Jasa modal"),
                              _("Jumlah")], alloc),
        (_("Daftar anggota"), [_("Anggota"), _("Bergabung"), _("Pokok"), _("Wajib"), _("Sukarela"),
                               _("Jumlah")], register),
    ])


def readiness_page(group, ctx: dict):
    form = AdartForm(obj=settings_for(group.id))
    return render_template("books/readiness.html", group=group, form=form,
                           items=readiness.checklist(group.id, date.today()), **ctx)


@bp.route("/kesiapan/adart", methods=["POST"])
@role_required("coordinator")
def adart():
    settings = settings_for(own_group().id)
    form = AdartForm()
    if form.validate_on_submit():
        settings.adart_drafted = form.adart_drafted.data
        db.session.commit()
        flash(_("Status AD/ART disimpan."), "success")
    return redirect(url_for("books.readiness_page"))


@bp.route("/koperasi/pengaturan", methods=["GET", "POST"])
@role_required("coordinator")
def coop_settings():
    group = own_group()
    settings = settings_for(group.id)
    form = CoopSettingsForm(obj=settings)
    if form.validate_on_submit():
        form.populate_obj(settings)
        db.session.commit()
        flash(_("Pengaturan koperasi disimpan."), "success")
        return redirect(url_for("books.contributions"))
    return _page("books/coop_settings.html", form=form)


COOP_REPORTS = (
    ("/simpanan", "contributions", contributions),
    ("/shu", "shu_preview", shu_preview),
    ("/rat", "rat", rat),
    ("/rat.pdf", "rat_pdf", rat_pdf),
    ("/rat.xlsx", "rat_xlsx", rat_xlsx),
    ("/kesiapan", "readiness_page", readiness_page),
)
register_reports(bp, "", "coordinator", own_group, COOP_REPORTS)
register_reports(admin_bp, "/kelompok/<int:group_id>", "admin", any_group, COOP_REPORTS)
