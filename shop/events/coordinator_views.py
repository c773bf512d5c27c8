"""The coordinator's side of a bazaar: the group's invitations, the answer, and the stock it brings."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_group_id, role_required
from shop.errors import DomainError, NotFound
from shop.events import allocation, queries, services
from shop.events.blueprint import bp
from shop.events.services import STATUS_LABELS
from shop.money import parse_idr
from shop.transactions import unit_of_work

coordinator_required = role_required("coordinator")


def _mine(participation_id: int):
    try:
        return services.participation_for_group(participation_id, current_group_id())
    except NotFound:
        abort(404)


@bp.get("/kelola/bazar")
@coordinator_required
def invitations():
    return render_template("events/invitations.html", invitations=queries.my_invitations(current_group_id()),
                           labels=STATUS_LABELS)


@bp.get("/kelola/bazar/<int:participation_id>")
@coordinator_required
def invitation(participation_id: int):
    part = _mine(participation_id)
    held = {item.variant_id: item for item in part.items}
    return render_template("events/invitation.html", part=part, labels=STATUS_LABELS, held=held,
                           variants=queries.group_variants(part.group_id),
                           answerable=part.event.status in services.ANSWERABLE,
                           allocatable=part.status == "accepted"
                           and part.event.status in allocation.OPEN_FOR_ALLOCATION)


@bp.post("/kelola/bazar/<int:participation_id>/jawab")
@coordinator_required
def answer(participation_id: int):
    part = _mine(participation_id)
    accept = request.form.get("answer") == "accept"
    with unit_of_work(_("Undangan diterima.") if accept else _("Undangan ditolak.")):
        services.answer(part, accept, request.form.get("note", ""))
    return redirect(url_for("events.invitation", participation_id=part.id))


@bp.post("/kelola/bazar/<int:participation_id>/stok")
@coordinator_required
def allocate(participation_id: int):
    part = _mine(participation_id)
    quantity = request.form.get("quantity", type=int)
    price_text = (request.form.get("event_price") or "").strip()
    with unit_of_work(_("Stok untuk bazar disimpan.")):
        if quantity is None:
            raise DomainError(_("Isi jumlah barang dengan angka, misalnya 3."))
        price = parse_idr(price_text) if price_text else None
        if price_text and price is None:
            raise DomainError(_("Isi harga bazar dengan angka rupiah, misalnya 75.000."))
        allocation.set_allocation(part, request.form.get("variant", type=int) or 0, quantity, price,
                                  user_id=current_user.id)
    return redirect(url_for("events.invitation", participation_id=part.id) + "#stok")
