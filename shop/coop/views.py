"""Cooperative pages of the books, on coop's own blueprints: "coop" (the coordinator's, /kelola/buku, scoped
to their own group) and "coop_admin" (/admin/buku/kelompok/<id>, any group). Simpanan with receipts, the
year-end SHU close (preview, then confirm), RAT reports (page, PDF, XLSX) and the readiness checklist. The
read-only pages go on both blueprints; recording simpanan, closing a year, the settings and ticking AD/ART are
the coordinator's own."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import role_required
from shop.books.admin_views import any_group
from shop.books.reports import register_reports
from shop.books.views import own_group, own_page
from shop.coop import (
    cycle,
    readiness,
    settings,
    staff_views,  # noqa: F401  (the coordinator's cycle pages, on the same blueprint)
)
from shop.coop import rat as rat_report
from shop.coop.blueprint import admin_bp, bp
from shop.coop.forms import AdartForm, ContributionForm, CoopSettingsForm
from shop.coop.services import (
    current_member_choices,
    get_contribution,
    recent_contributions,
    record_contribution,
    savings,
    withdraw_sukarela,
)
from shop.coop.shu_views import shu_preview, year_arg
from shop.errors import NotFound
from shop.ledger import exports
from shop.transactions import unit_of_work


def contributions(group, ctx: dict):
    return render_template("coop/contributions.html", group=group, rows=savings(group.id, date.today()),
                           recent=recent_contributions(group.id),
                           settings=settings.coop_settings(group.id),
                           **ctx)


@bp.route("/simpanan/catat", methods=["GET", "POST"])
@role_required("coordinator")
def record():
    group = own_group()
    form = ContributionForm()
    form.member.choices = current_member_choices(group.id)
    if request.method == "GET" and request.args.get("anggota", type=int):
        form.member.data = request.args.get("anggota", type=int)
    if form.validate_on_submit():
        with unit_of_work(field=form.amount) as work:
            if form.kind.data == "tarik":
                saved = withdraw_sukarela(group.id, form.member.data, form.amount.amount, form.day.data,
                                          form.cash.data, form.note.data or "", created_by_id=current_user.id)
            else:
                saved = record_contribution(group.id, form.member.data, form.kind.data, form.amount.amount,
                                            form.day.data, form.cash.data, form.note.data or "",
                                            created_by_id=current_user.id)
        if isinstance(work.error, NotFound):
            abort(404)
        if work.ok:
            flash(_("Simpanan dicatat dengan kuitansi %(number)s.", number=saved.receipt_number), "success")
            return redirect(url_for("coop.receipt", contribution_id=saved.id))
    return own_page("coop/contribution_form.html", form=form)


@bp.route("/simpanan/kuitansi/<int:contribution_id>")
@role_required("coordinator")
def receipt(contribution_id: int):
    try:
        contribution = get_contribution(own_group().id, contribution_id)
    except NotFound:
        abort(404)
    return own_page("coop/receipt.html", c=contribution)


def rat(group, ctx: dict):
    return render_template("coop/rat.html", group=group, **_rat_values(group), **ctx)


def rat_pdf(group, ctx: dict):
    values = _rat_values(group)
    html = render_template("coop/rat_pdf.html", group=group, **values)
    return exports.pdf_response(f"rat-{group.slug}-{values['year']}.pdf", html)


def _rat_values(group) -> dict:
    report = rat_report.report(group.id, year_arg())
    return dict(report.as_dict(), end=date(report.year, 12, 31), proposal=cycle.proposal_rule(group.id))


def rat_xlsx(group, ctx: dict):
    v = rat_report.report(group.id, year_arg())
    neraca = ([[_("Aset"), r.name, r.display] for r in v.assets]
              + [[_("Kewajiban"), r.name, r.display] for r in v.liabilities]
              + [[_("Ekuitas"), r.name, r.display] for r in v.equity]
              + [[_("Ekuitas"), _("SHU tahun sebelumnya (belum ditutup)"), v.unclosed_earlier]]
              + [[_("Ekuitas"), _("SHU tahun berjalan"), v.unclosed]])
    phu = ([[_("Pendapatan"), r.name, r.display] for r in v.income]
           + [[_("Beban"), r.name, r.display] for r in v.costs] + [[_("SHU"), "", v.shu_amount]])
    names = {m.member.id: m.member.label for m in v.register}
    alloc = [[getattr(a, "name", None) or names.get(a.member_id, ""), a.sales, a.simpanan, a.jasa_usaha,
              a.jasa_modal, a.total] for a in v.allocations]
    register = [[m.member.number or "", m.member.name, m.member.joined_on or "", m.pokok, m.wajib, m.sukarela, m.total]
                for m in v.register]
    return exports.xlsx_response(f"rat-{group.slug}-{v.year}.xlsx", [
        (_("Neraca"), [_("Pos"), _("Akun"), _("Saldo")], neraca),
        (_("Perhitungan hasil usaha"), [_("Pos"), _("Akun"), _("Jumlah")], phu),
        (_("Pembagian SHU"), [_("Anggota"), _("Penjualan"), _("Simpanan"), _("Jasa usaha"), _("Jasa modal"),
                              _("Jumlah")], alloc),
        (_("Daftar anggota"), [_("No."), _("Anggota"), _("Bergabung"), _("Pokok"), _("Wajib"), _("Sukarela"),
                               _("Jumlah")], register),
    ])


def readiness_page(group, ctx: dict):
    form = AdartForm(obj=settings.coop_settings(group.id))
    own = readiness.profile(group.id)
    return render_template("coop/readiness.html", group=group, form=form, profile=own,
                           items=readiness.checklist(group.id, date.today()),
                           founders=readiness.founders(group.id) if own.path == "bersama" else [],
                           min_founders=readiness.MIN_FOUNDERS, **ctx)


@bp.route("/kesiapan/adart", methods=["POST"])
@role_required("coordinator")
def adart():
    group = own_group()
    form = AdartForm()
    if form.validate_on_submit():
        with unit_of_work(_("Status AD/ART disimpan.")):
            settings.set_adart_drafted(group.id, form.adart_drafted.data)
    return redirect(url_for("coop.readiness_page"))


@bp.route("/koperasi/pengaturan", methods=["GET", "POST"])
@role_required("coordinator")
def coop_settings():
    group = own_group()
    form = CoopSettingsForm(obj=settings.coop_settings(group.id))
    if form.validate_on_submit():
        with unit_of_work(_("Pengaturan koperasi disimpan."), field=form.sosial_percent) as work:
            settings.update_settings(group.id, form.values())
        if work.ok:
            return redirect(url_for("coop.contributions"))
    return own_page("coop/coop_settings.html", form=form,
                    pokok_locked=settings.pokok_paid_by_anyone(group.id))


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
