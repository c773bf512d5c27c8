"""Cash drawer pages of a till: open with a float, money in/out with a reason, close with the counted cash."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import role_required
from shop.errors import DomainError
from shop.money import parse_idr
from shop.pos import access, drawer
from shop.pos.blueprint import bp
from shop.transactions import unit_of_work


def _till(event_id: int, till_id: int | None):
    try:
        event = access.event_for_till(current_user, event_id)
        return event, access.till_of(event, till_id)
    except DomainError:
        abort(404)


@bp.get("/<int:event_id>/laci/<int:till_id>")
@role_required(*access.TILL_ROLES)
def drawer_page(event_id: int, till_id: int):
    event, till = _till(event_id, till_id)
    session = drawer.open_session(till)
    return render_template("pos/drawer.html", event=event, till=till, session=session,
                           expected=drawer.expected_cash(session) if session else None,
                           cash_sales=drawer.cash_sales(session) if session else None,
                           history=drawer.sessions(till))


@bp.post("/<int:event_id>/laci/<int:till_id>/buka")
@role_required(*access.TILL_ROLES)
def drawer_open(event_id: int, till_id: int):
    event, till = _till(event_id, till_id)
    with unit_of_work(_("Laci kas dibuka.")):
        drawer.open_drawer(till, parse_idr(request.form.get("opening_float")), current_user.id)
    return redirect(url_for("pos.drawer_page", event_id=event.id, till_id=till.id))


@bp.post("/<int:event_id>/laci/<int:till_id>/gerak")
@role_required(*access.TILL_ROLES)
def drawer_move(event_id: int, till_id: int):
    event, till = _till(event_id, till_id)
    with unit_of_work(_("Tersimpan.")):
        session = drawer.open_session(till)
        if session is None:
            raise DomainError(_("Buka laci kas dulu."))
        drawer.add_movement(session, request.form.get("kind", ""), parse_idr(request.form.get("amount")),
                            request.form.get("reason", ""))
    return redirect(url_for("pos.drawer_page", event_id=event.id, till_id=till.id))


@bp.post("/<int:event_id>/laci/<int:till_id>/tutup")
@role_required(*access.TILL_ROLES)
def drawer_close(event_id: int, till_id: int):
    event, till = _till(event_id, till_id)
    waiting = request.form.get("waiting", type=int) or 0
    with unit_of_work(_("Laci kas ditutup.")):
        session = drawer.open_session(till)
        if session is None:
            raise DomainError(_("Laci kas ini sudah ditutup."))
        drawer.close_drawer(session, parse_idr(request.form.get("counted")), waiting, current_user.id)
    return redirect(url_for("pos.drawer_page", event_id=event.id, till_id=till.id))
