"""The till's JSON API (CSRF token in the X-CSRFToken header, as every state-changing request). A sale is
POSTed with its device-made UUID as Idempotency-Key: 201 recorded, 409 conflict (with a reason), the same
answer again for a resend (Idempotent-Replayed: true), 422 for a body that cannot be a sale or a reused key,
403 for another event's cashier. Nothing ever ends in a 500."""
from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy.exc import IntegrityError

from shop.accounts.access import role_required
from shop.errors import DomainError, NotAllowed, NotFound
from shop.extensions import db
from shop.pos import access, queries, sales
from shop.pos.blueprint import bp
from shop.pos.lines import BadSale
from shop.transactions import unit_of_work


def error_json(err: DomainError):
    status = 403 if isinstance(err, NotAllowed) else 404 if isinstance(err, NotFound) else 422
    return jsonify({"status": "error", "message": str(err)}), status


def _answer_json(answer: sales.Answer):
    response = jsonify(answer.payload)
    response.status_code = answer.status
    if answer.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@bp.get("/<int:event_id>/katalog.json")
@role_required(*access.TILL_ROLES)
def catalogue(event_id: int):
    try:
        event = access.event_for_till(current_user, event_id)
    except DomainError as err:
        return error_json(err)
    return jsonify(queries.till_catalogue(event))


@bp.get("/<int:event_id>/token.json")
@role_required(*access.TILL_ROLES)
def token(event_id: int):
    """A fresh CSRF token for a till page that was loaded from the service worker's cache."""
    return jsonify({"csrf": generate_csrf()})


@bp.post("/<int:event_id>/penjualan")
@role_required(*access.TILL_ROLES)
def sale(event_id: int):
    body = request.get_json(silent=True)
    try:
        key = sales.check_key(request.headers.get("Idempotency-Key"))
        if not isinstance(body, dict):
            raise BadSale(_("Data penjualan tidak terbaca."))
        answer = sales.replay(key, body)
        if answer is None:
            answer = _record(event_id, key, body)
    except DomainError as err:
        db.session.rollback()
        return error_json(err)
    return _answer_json(answer)


def _keep(err: DomainError) -> None:
    """A JSON view answers with the error itself: nothing flashed (the error stays in work.error)."""


def _record(event_id: int, key: str, body: dict) -> sales.Answer:
    """Record the sale; on a conflict roll it back and keep the sale as a conflict instead; when a twin with the
    same key won the race (unique index), answer what the twin recorded."""
    try:
        with unit_of_work(show=_keep) as work:
            answer = sales.record_sale(current_user, event_id, key, body)
        if work.ok:
            return answer
        if not isinstance(work.error, sales.SaleConflict):
            raise work.error
        with unit_of_work(show=_keep) as work2:
            answer = sales.record_conflict(current_user, event_id, key, body, work.error)
        if work2.ok:
            return answer
        raise work2.error
    except IntegrityError:
        db.session.rollback()
        replayed = sales.replay(key, body)
        if replayed is None:  # pragma: no cover - the unique index named another column
            raise
        return replayed
