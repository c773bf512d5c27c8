"""Provider callbacks, CSRF-exempt: /webhooks/stripe trusts nothing but a valid signature on the raw body,
/webhooks/xendit nothing but the callback token (compared in constant time)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError

from shop.extensions import csrf, db, limiter
from shop.payments import reconcile, webhooks, xendit_events
from shop.payments.providers import stripe as stripe_provider
from shop.payments.providers import xendit as xendit_provider

bp = Blueprint("payments", __name__)


@bp.route("/webhooks/stripe", methods=["POST"])
@csrf.exempt
def stripe_webhook():
    payload = request.get_data(cache=False)
    try:
        event = stripe_provider.verify_event(payload, request.headers.get("Stripe-Signature"))
    except stripe_provider.SignatureError as err:
        current_app.logger.warning("stripe webhook refused: %s", err)
        return jsonify(error="invalid signature"), 400
    try:
        outcome = webhooks.handle(event)
        db.session.commit()
    except webhooks.Duplicate:  # already handled: a replay or a concurrent twin changes nothing
        db.session.rollback()
        return jsonify(received=True, outcome="duplicate"), 200
    except IntegrityError:  # the twin committed between our savepoint and our commit
        db.session.rollback()
        return jsonify(received=True, outcome="duplicate"), 200
    return jsonify(received=True, outcome=outcome), 200


@bp.route("/webhooks/xendit", methods=["POST"])
@csrf.exempt
@limiter.exempt  # Xendit calls from a few addresses, in bursts: no per-address limit may drop a payment
def xendit_webhook():
    """Xendit's callback: 401 and nothing changed without the dashboard's token; answers at once, then asks
    Xendit for its fee when the callback did not carry it (a failure there is left to reconcile-payments)."""
    if not xendit_provider.verify_token(request.headers.get("X-CALLBACK-TOKEN")):
        current_app.logger.warning("xendit callback refused: wrong or missing token")
        return jsonify(error="invalid callback token"), 401
    callback = request.get_json(silent=True)
    try:
        outcome = xendit_events.handle(callback, request.headers.get("webhook-id"))
        db.session.commit()
    except xendit_events.Malformed:
        db.session.rollback()
        return jsonify(error="not a callback"), 400
    except (xendit_events.Duplicate, IntegrityError):  # a replay, or a twin that committed first
        db.session.rollback()
        return jsonify(received=True, outcome="duplicate"), 200
    payment_id = reconcile.payment_of_reference(callback["data"].get("reference_id"))
    if outcome == "ok: paid" and payment_id is not None:  # the sale is committed; now Xendit's fee, if it says
        fee = reconcile.book_fee_from_xendit(payment_id)
        db.session.commit()
        if not fee.startswith("ok"):
            current_app.logger.info("xendit fee for payment %s not booked yet: %s", payment_id, fee)
    return jsonify(received=True, outcome=outcome), 200
