"""A deposit paid by card: the buyer chooses Stripe on the request page, the hosted Checkout page opens
(Checkout opened at once, the real stripe library against the fake server), the signed webhook marks it paid, and the books hold it as
Uang muka pelanggan held by the platform; the card fee is booked as for any card payment. A cancellation before
cutting refunds the deposit less the fee through Stripe."""
from __future__ import annotations

from shop.custom_orders import deposits, stages
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.queries import balances
from shop.orders.models import Order
from shop.payments.models import Payment
from tests.fixtures.orders import event, session_object, sign


def test_deposit_by_card_then_cancel_refunds_through_stripe(stripe_app, client, fake_stripe, tailor, make_request):
    group, _p, _m = tailor
    co = make_request("accepted", cancel_fee=10_000)
    db.session.commit()
    base = f"/pesanan-ukur/{co.token}"
    assert 'value="stripe"' in client.get(base).get_data(as_text=True)
    response = client.post_form(f"{base}/bayar/deposit", {"method": "stripe"}, token_page=base)
    order = db.session.query(Order).filter_by(purpose="deposit").one()
    assert response.status_code == 303  # straight to Stripe's hosted page, as checkout does
    assert response.headers["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
    sent = fake_stripe.posts("/v1/checkout/sessions")[-1]["form"]
    assert sent["line_items[0][price_data][unit_amount]"] == str(100_000 * 100)
    payment = db.session.query(Payment).filter_by(order_id=order.id).one()
    payload = event("checkout.session.completed", session_object(order, payment))
    hook = client.post("/webhooks/stripe", data=payload, content_type="application/json",
                       headers={"Stripe-Signature": sign(payload)})
    assert hook.status_code == 200 and hook.json["outcome"] == "ok: paid"
    db.session.expire_all()
    books = balances(group.id)
    fee = books[c.BIAYA_PEMBAYARAN]
    assert fee > 0 and books[c.UANG_MUKA] == -100_000 and books[c.PIUTANG_PLATFORM] == 100_000 - fee
    co = db.session.merge(co)
    assert deposits.deposit_paid(co)
    stages.set_stage(co, "diukur")
    deposits.cancel(co, "Tidak jadi", "buyer")
    db.session.commit()
    refund = fake_stripe.posts("/v1/refunds")[-1]["form"]
    assert refund["amount"] == str(90_000 * 100) and refund["payment_intent"] == "pi_test_123"
    books = balances(group.id)
    assert books[c.UANG_MUKA] == 0 and books[c.PENDAPATAN_LAIN] == -10_000
    assert books[c.PIUTANG_PLATFORM] == 10_000 - fee
