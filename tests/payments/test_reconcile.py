"""`flask shop reconcile-payments`: a lost callback loses nothing. Real SDKs against the fake Xendit and Stripe."""
from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.services import balances, trial_balance
from shop.orders.models import Order
from shop.payments.models import Payment
from tests.fixtures.xendit import fee_for
from tests.payments.test_stripe import card_order
from tests.payments.test_xendit import deliver, snapshot, xendit_order


def reconcile(app) -> str:
    result = app.test_cli_runner().invoke(args=["shop", "reconcile-payments"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def test_lost_paid_callback_is_completed_with_xendit_fee(xendit_app, fake_xendit, make_product):
    a, b = make_product(price=150_000), make_product(price=50_000)
    order, payment = xendit_order([(a.variants[0], 1), (b.variants[0], 2)])
    fake_xendit.simulate(payment.provider_session_id)  # paid at Xendit; the callback never arrived
    output = reconcile(xendit_app)
    assert f"payment {payment.id}: ok: paid" in output
    o = db.session.get(Order, order.id)
    assert o.status == "paid" and all(p.status == "paid" for p in o.parts)
    fee = sum(fee_for(order.total))
    assert db.session.get(Payment, payment.id).fee == fee
    assert sum(balances(p.group_id)[c.BIAYA_PEMBAYARAN] for p in o.parts) == fee
    assert all(trial_balance(p.group_id) == 0 for p in o.parts)
    before = snapshot(order)
    assert "Reconciled 0 payment(s)." in reconcile(xendit_app)  # nothing left to ask
    assert snapshot(order) == before


def test_lost_expiry_is_applied_and_open_codes_stay_open(xendit_app, fake_xendit, make_product):
    p = make_product(stock=5)
    gone, expired = xendit_order([(p.variants[0], 2)], method="xendit_va_mandiri")
    waiting, still_open = xendit_order([(p.variants[0], 1)])
    fake_xendit.expire(expired.provider_session_id)
    output = reconcile(xendit_app)
    assert f"payment {expired.id}: ok: expired" in output and f"payment {still_open.id}: ok: still open" in output
    assert db.session.get(Order, gone.id).status == "expired"
    assert db.session.get(Order, waiting.id).status == "placed"
    assert p.variants[0].stock == 4


def test_fee_not_reported_at_callback_time_is_booked_later(xendit_app, client, fake_xendit, make_product):
    p = make_product(price=200_000)
    order, payment = xendit_order([(p.variants[0], 1)])
    payload = fake_xendit.callback(payment.provider_session_id, "payment.succeeded")  # not yet in transactions
    assert deliver(client, payload).json["outcome"] == "ok: paid"
    db.session.expire_all()
    assert db.session.get(Payment, payment.id).fee is None
    assert balances(p.group_id).get(c.BIAYA_PEMBAYARAN, 0) == 0  # no guessed rate for Xendit
    fake_xendit.payments[payment.provider_session_id] = {"id": payload["data"]["id"]}
    fake_xendit.payment_requests[payment.provider_session_id]["status"] = "SUCCEEDED"
    assert f"payment {payment.id}: ok: fee {sum(fee_for(200_000))} booked" in reconcile(xendit_app)
    assert balances(p.group_id)[c.BIAYA_PEMBAYARAN] == sum(fee_for(200_000))
    assert "Reconciled 0 payment(s)." in reconcile(xendit_app)


def test_gateway_unreachable_changes_nothing(xendit_app, fake_xendit, make_product):
    p = make_product()
    order, payment = xendit_order([(p.variants[0], 1)])
    fake_xendit.simulate(payment.provider_session_id)
    before = snapshot(order)
    fake_xendit.fail_next = True
    assert f"payment {payment.id}: provider unreachable" in reconcile(xendit_app)
    assert snapshot(order) == before


def test_stripe_session_completed_meanwhile_is_marked_paid(stripe_app, fake_stripe, make_product):
    p = make_product(price=100_000)
    order, payment = card_order([(p.variants[0], 1)])
    expired_order, expired = card_order([(p.variants[0], 1)])
    fake_stripe.sessions[payment.provider_session_id].update(status="complete", payment_status="paid",
                                                             payment_intent="pi_test_lost")
    fake_stripe.sessions[expired.provider_session_id].update(status="expired")
    output = reconcile(stripe_app)
    assert f"payment {payment.id}: ok: paid" in output and f"payment {expired.id}: ok: expired" in output
    got = [r for r in fake_stripe.requests if r.get("method") == "GET"]
    assert len(got) == 2 and all(r["path"].startswith("/v1/checkout/sessions/cs_test_") for r in got)
    assert db.session.get(Order, order.id).status == "paid"
    assert db.session.get(Payment, payment.id).provider_payment_id == "pi_test_lost"
    assert db.session.get(Order, expired_order.id).status == "expired"
    assert balances(p.group_id)[c.BIAYA_PEMBAYARAN] == 2_900  # no balance transaction: the group's card rate
    assert db.session.scalar(select(Payment.status).where(Payment.id == expired.id)) == "expired"


def test_stripe_amount_mismatch_is_not_marked_paid(stripe_app, fake_stripe, make_product):
    p = make_product(price=100_000)
    order, payment = card_order([(p.variants[0], 1)])
    fake_stripe.sessions[payment.provider_session_id].update(status="complete", payment_status="paid",
                                                             amount_total=100)
    assert "amount mismatch: not marked paid" in reconcile(stripe_app)
    assert db.session.get(Order, order.id).status == "placed"
