"""POST /webhooks/stripe: CSRF-exempt, trusts nothing but a valid signature on the raw body."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError

from shop.extensions import csrf, db
from shop.payments import webhooks
from shop.payments.providers import stripe as stripe_provider

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
