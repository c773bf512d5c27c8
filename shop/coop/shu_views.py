"""The SHU cycle's pages: the year's SHU page (which step the year is at: preview and close, the RAT pack and
the decision, the division, paying members), each member's SHU slip (page and PDF), the minutes PDF, and the
dana and hibah page."""
from __future__ import annotations

from datetime import date

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import role_required
from shop.books.reports import SCOPES
from shop.books.views import own_group, own_page
from shop.coop import cycle, shu
from shop.coop.blueprint import bp
from shop.coop.forms import (
    CloseYearForm,
    DanaForm,
    DecisionForm,
    DivisionForm,
    GrantForm,
    PayShuForm,
    ReportsForm,
)
from shop.errors import NotFound
from shop.ledger import chart as c
from shop.ledger import coop_events, exports
from shop.ledger.services import balance, closed_years
from shop.transactions import unit_of_work


def year_arg(default: int | None = None) -> int:
    year = (request.values.get("tahun", type=int) or request.values.get("year", type=int) or default
            or date.today().year - 1)
    if not 2000 <= year <= 2100:
        abort(404)
    return year


def shu_page(group, year: int, ctx: dict, **forms) -> str:
    closed = year in closed_years(group.id)
    meeting = cycle.meeting(group.id, year) if closed else None
    plan = shu.preview(group.id, year, rule=meeting if meeting and meeting.decided else None)
    decision = forms.get("decision") or DecisionForm(formdata=None, year=year, **cycle.proposal_rule(group.id))
    if meeting and meeting.decided and "decision" not in forms:
        decision = DecisionForm(formdata=None, obj=meeting)
    legacy = closed and cycle.divided_at_close(group.id, year)
    allocations = shu.allocations(group.id, year) if (meeting and meeting.divided) or legacy else []
    paid = {a.member_id: cycle.paid_for(group.id, year, a.member_id) for a in allocations}
    return render_template(
        "coop/shu.html", group=group, year=year, closed=closed, meeting=meeting, plan=plan, legacy=legacy,
        allocations=allocations, paid=paid, payments=cycle.payments(group.id, year) if allocations else [],
        can_close=year in cycle.closable_years(group.id, date.today()), proposal=cycle.proposal_rule(group.id),
        today_iso=date.today().isoformat(), years=cycle.shu_years(group.id, date.today()),
        this_year=date.today().year,
        form=forms.get("close") or CloseYearForm(year=year), decision=decision,
        reports=forms.get("reports") or ReportsForm(formdata=None, obj=meeting, year=year),
        division=forms.get("division") or DivisionForm(formdata=None, year=year),
        pay=forms.get("pay") or PayShuForm(formdata=None, year=year), **ctx)


def shu_preview(group, ctx: dict):
    return shu_page(group, year_arg(cycle.default_shu_year(group.id, date.today())), ctx)


def _own(status: int = 400, **forms):
    group = own_group()
    return shu_page(group, year_arg(), dict(SCOPES["coordinator"], scope={}), **forms), status


def _back(year: int):
    return redirect(url_for("coop.shu_preview", tahun=year))


@bp.route("/shu/tutup", methods=["POST"])
@role_required("coordinator")
def shu_close():
    form = CloseYearForm()
    if not form.validate_on_submit():
        return _own(close=form)
    with unit_of_work(_("Buku tahun %(year)d ditutup; SHU menunggu keputusan rapat anggota.", year=form.year.data)):
        cycle.close_year(own_group().id, form.year.data, date.today(), created_by_id=current_user.id)
    return _back(form.year.data)


@bp.route("/shu/laporan", methods=["POST"])
@role_required("coordinator")
def shu_reports():
    form = ReportsForm()
    if not form.validate_on_submit():
        return _own(reports=form)
    with unit_of_work(_("Laporan untuk RAT disimpan.")):
        cycle.save_reports(own_group().id, form.year.data, form.pengurus_report.data or "",
                           form.pengawas_report.data or "")
    return _back(form.year.data)


@bp.route("/shu/keputusan", methods=["POST"])
@role_required("coordinator")
def shu_decision():
    form = DecisionForm()
    if not form.validate_on_submit():
        return _own(decision=form)
    upload = form.minutes_pdf.data
    data = upload.read() if upload and getattr(upload, "filename", "") else None
    rule = {name: getattr(form, name).data for name in cycle.RULE_FIELDS}
    with unit_of_work(_("Keputusan rapat anggota dicatat."), field=form.members_present) as work:
        cycle.record_decision(own_group().id, form.year.data, cycle.Decision(
            form.held_on.data, form.members_present.data, form.attendance.data or "", form.minutes.data or "",
            data, rule))
    if not work.ok:
        return _own(decision=form)
    return _back(form.year.data)


@bp.route("/shu/bagi", methods=["POST"])
@role_required("coordinator")
def shu_divide():
    form = DivisionForm()
    if not form.validate_on_submit():
        return _own(division=form)
    with unit_of_work(_("Pembagian SHU diposting sesuai keputusan rapat anggota."), field=form.day) as work:
        cycle.post_division(own_group().id, form.year.data, form.day.data, created_by_id=current_user.id)
    if not work.ok:
        return _own(division=form)
    return _back(form.year.data)


@bp.route("/shu/bayar", methods=["POST"])
@role_required("coordinator")
def shu_pay():
    form = PayShuForm()
    if not form.validate_on_submit():
        return _own(pay=form)
    with unit_of_work(_("SHU dibayarkan."), field=form.amount) as work:
        payment = cycle.pay_member(own_group().id, form.year.data, form.member.data, form.day.data,
                                   form.amount.amount, form.cash.data, created_by_id=current_user.id)
    if isinstance(work.error, NotFound):
        abort(404)
    if not work.ok:
        return _own(pay=form)
    return redirect(url_for("coop.shu_slip", payment_id=payment.id))


def _payment(payment_id: int):
    try:
        return cycle.get_payment(own_group().id, payment_id)
    except NotFound:
        abort(404)


@bp.route("/shu/slip/<int:payment_id>")
@role_required("coordinator")
def shu_slip(payment_id: int):
    payment = _payment(payment_id)
    return own_page("coop/shu_slip.html", p=payment, a=_allocation(payment))


@bp.route("/shu/slip/<int:payment_id>.pdf")
@role_required("coordinator")
def shu_slip_pdf(payment_id: int):
    payment = _payment(payment_id)
    html = render_template("coop/shu_slip_pdf.html", group=own_group(), p=payment, a=_allocation(payment))
    return exports.pdf_response(f"slip-{payment.slip_number.replace('/', '-')}.pdf", html)


def _allocation(payment):
    found = [a for a in shu.allocations(payment.group_id, payment.year) if a.member_id == payment.member_id]
    return found[0] if found else None


@bp.route("/shu/notulen/<int:year>.pdf")
@role_required("coordinator")
def shu_minutes(year: int):
    meeting = cycle.meeting(own_group().id, year)
    if meeting is None or not meeting.minutes_pdf:
        abort(404)
    return Response(meeting.minutes_pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="notulen-rat-{year}.pdf"'})


@bp.route("/koperasi/dana", methods=["GET", "POST"])
@role_required("coordinator")
def funds():
    group = own_group()
    dana, grant = DanaForm(prefix="dana"), GrantForm(prefix="hibah")
    if request.method == "POST" and request.form.get("what") == "dana" and dana.validate_on_submit():
        with unit_of_work(_("Penggunaan dana dicatat."), field=dana.amount) as work:
            coop_events.spend_dana(group.id, dana.dana.data, dana.day.data, dana.amount.amount, dana.cash.data,
                                   dana.memo.data, created_by_id=current_user.id)
        if work.ok:
            return redirect(url_for("coop.funds"))
    if request.method == "POST" and request.form.get("what") == "hibah" and grant.validate_on_submit():
        with unit_of_work(_("Hibah dicatat sebagai ekuitas."), field=grant.amount) as work:
            coop_events.grant(group.id, grant.day.data, grant.amount.amount, grant.in_kind.data == "barang",
                              grant.cash.data, grant.memo.data, created_by_id=current_user.id)
        if work.ok:
            return redirect(url_for("coop.funds"))
    held = {name: -balance(group.id, code) for name, code in coop_events.DANA.items()}
    return own_page("coop/funds.html", dana=dana, grant=grant, held=held, hibah=-balance(group.id, c.HIBAH))
