"""The organiser's report of a bazaar (screen, CSV, PDF) and the settlement with each group (screen, the
hand-over form, a statement PDF with two signature blocks)."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.events import settlement
from shop.events.blueprint import bp, event_or_404, organiser_required
from shop.events.figures import figures
from shop.events.forms import SettlementForm
from shop.events.services import methods_labels
from shop.ledger.exports import csv_response, pdf_response
from shop.models_base import utcnow
from shop.transactions import unit_of_work


@bp.get("/panitia/bazar/<int:event_id>/laporan")
@organiser_required
def report(event_id: int):
    event = event_or_404(event_id)
    return render_template("events/report.html", event=event, f=figures(event), methods=methods_labels())


@bp.get("/panitia/bazar/<int:event_id>/laporan.csv")
@organiser_required
def report_csv(event_id: int):
    event = event_or_404(event_id)
    f = figures(event)
    methods = methods_labels()
    rows = [(_("Kelompok"), name, n, a) for name, n, a in f.by_group]
    rows += [(_("Hari"), day, n, a) for day, n, a in f.by_day]
    rows += [(_("Mesin kasir"), till, n, a) for till, n, a in f.by_till]
    rows += [(_("Cara bayar"), methods.get(m, m), n, a) for m, n, a in f.by_method]
    rows += [(_("Produk terlaris"), f"{title} ({group})", q, a) for title, group, q, a in f.top_products]
    rows.append((_("Total"), event.name, f.sales, f.total))
    return csv_response(f"laporan-{event.slug}.csv", [_("Bagian"), _("Nama"), _("Jumlah"), _("Rupiah")], rows)


@bp.get("/panitia/bazar/<int:event_id>/laporan.pdf")
@organiser_required
def report_pdf(event_id: int):
    event = event_or_404(event_id)
    html = render_template("events/report_pdf.html", event=event, f=figures(event), methods=methods_labels(),
                           printed=utcnow())
    return pdf_response(f"laporan-{event.slug}.pdf", html)


@bp.route("/panitia/bazar/<int:event_id>/serah-terima", methods=["GET", "POST"])
@organiser_required
def settle(event_id: int):
    event = event_or_404(event_id)
    form = SettlementForm()
    if request.method == "GET":
        form.handed_over_on.data = (utcnow() + timedelta(hours=7)).date()
        form.handed_over_by.data = current_user.name or ""
    if form.validate_on_submit():
        with unit_of_work(_("Serah terima dicatat di buku kelompok.")) as work:
            settlement.record_settlement(event, request.form.get("group", type=int) or 0, form.method.data,
                                         form.handed_over_on.data, form.handed_over_by.data,
                                         form.received_by.data, user_id=current_user.id)
        if work.ok:
            return redirect(url_for("events.settle", event_id=event.id))
    return render_template("events/settlement.html", event=event, rows=settlement.takings(event), form=form,
                           methods=methods_labels())


@bp.get("/panitia/bazar/<int:event_id>/serah-terima/<int:group_id>.pdf")
@organiser_required
def settlement_pdf(event_id: int, group_id: int):
    event = event_or_404(event_id)
    row = next((r for r in settlement.takings(event) if r.group_id == group_id), None)
    if row is None:
        abort(404)
    html = render_template("events/settlement_pdf.html", event=event, row=row, methods=methods_labels(),
                           printed=utcnow())
    return pdf_response(f"serah-terima-{event.slug}-{group_id}.pdf", html)
