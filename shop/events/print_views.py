"""Print pages of a bazaar for the organiser: the choice page, the catalogue PDF, the price-tag PDF."""
from __future__ import annotations

from flask import abort, render_template, request

from shop.events import printing
from shop.events.blueprint import bp, event_or_404, organiser_required
from shop.ledger.exports import pdf_response
from shop.models_base import utcnow
from shop.urls import external_url


def _items(event):
    return [i for p in event.participations if p.status == "accepted" for i in p.items]


@bp.get("/panitia/bazar/<int:event_id>/cetak")
@organiser_required
def print_page(event_id: int):
    event = event_or_404(event_id)
    return render_template("events/print.html", event=event, items=_items(event),
                           groups=[p for p in event.participations if p.status == "accepted"])


@bp.get("/panitia/bazar/<int:event_id>/katalog.pdf")
@organiser_required
def catalogue_pdf(event_id: int):
    event = event_or_404(event_id)
    size = request.args.get("ukuran", "a4")
    if size not in printing.SIZES:
        abort(404)
    html = render_template("events/catalogue_pdf.html", event=event, size=size,
                           groups=printing.catalogue_groups(event), printed=utcnow(),
                           event_qr=printing.qr_data_uri(external_url("bazaar.show", slug=event.slug)))
    return pdf_response(f"katalog-{event.slug}-{size}.pdf", html)


@bp.get("/panitia/bazar/<int:event_id>/label.pdf")
@organiser_required
def tags_pdf(event_id: int):
    event = event_or_404(event_id)
    layout = request.args.get("tata", "3x8")
    if layout not in printing.LAYOUTS:
        abort(404)
    items = _items(event)
    group_id = request.args.get("kelompok", type=int)
    skus = set(request.args.getlist("sku"))
    if group_id:
        items = [i for i in items if i.participation.group_id == group_id]
    if skus:
        items = [i for i in items if i.variant.sku in skus]
    copies = request.args.get("salinan", 1, type=int) or 1
    columns, rows = printing.LAYOUTS[layout]
    html = render_template("events/tags_pdf.html", event=event, columns=columns, rows=rows,
                           pages=printing.pages(printing.tags(items, copies), layout))
    return pdf_response(f"label-{event.slug}-{layout}.pdf", html)
