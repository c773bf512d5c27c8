"""Card payments: the real stripe library against a fake Stripe on 127.0.0.1; webhooks signed the real way."""
from __future__ import annotations

import json
import time

from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.orders import services as orders
from shop.orders.models import Order
from shop.payments import services as payments
from shop.payments.models import Payment, ProcessedEvent
from tests.fixtures.orders import BUYER, event, login, session_object, sign

HOOK = "/webhooks/stripe"


def card_order(items, shipping="pickup"):
    groups = {v.product.group_id for v, _q in items}
    order = orders.place_order([(v.id, q, v.price) for v, q in items], orders.Buyer(**BUYER),
                               {g: shipping for g in groups}, "stripe")
    attempt = payments.order_attempt(order)
    db.session.commit()
    payments.start_hosted(attempt)
    db.session.commit()
    return order, attempt


def deliver(client, payload: str, **kw):
    return client.post(HOOK, data=payload, content_type="application/json",
                       headers={"Stripe-Signature": kw.pop("signature", None) or sign(payload)}, **kw)


def snapshot(order):
    db.session.expire_all()
    o = db.session.get(Order, order.id)
    return (o.status, [(p.status, p.paid_at) for p in o.parts], [(p.status, p.provider_payment_id) for p in o.payments],
            [v.stock for p in o.parts for v in [db.session.get(Variant, p.lines[0].variant_id)]],
            db.session.scalar(select(func.count(OutboxMessage.id))))


def test_checkout_by_card_sends_idr_times_100_with_idempotency_key(stripe_app, client, fake_stripe, make_product):
    a = make_product(price=350_000, stock=3)
    b = make_product(price=125_000, stock=3)
    db.session.commit()
    client.post_form("/keranjang/tambah", {"variant_id": a.variants[0].id, "quantity": 2},
                     token_page=f"/produk/{a.slug}")
    client.post_form("/keranjang/tambah", {"variant_id": b.variants[0].id, "quantity": 1},
                     token_page=f"/produk/{b.slug}")
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="stripe"' in page
    form = dict(BUYER, payment_method="stripe", **{f"delivery-{a.group_id}": "pickup",
                                                    f"delivery-{b.group_id}": "courier"})
    response = client.post_form("/checkout", form)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
    sent = fake_stripe.posts("/v1/checkout/sessions")
    assert len(sent) == 1
    f = sent[0]["form"]
    order = db.session.scalar(select(Order))
    payment = order.payments[0]
    assert f["currency"] == "idr"
    assert f["line_items[0][price_data][unit_amount]"] == "35000000"
    assert f["line_items[0][price_data][currency]"] == "idr"
    assert f["line_items[0][quantity]"] == "2"
    assert f["metadata[order_id]"] == str(order.id) and f["metadata[payment_id]"] == str(payment.id)
    assert sent[0]["headers"]["Idempotency-Key"] == f"pasar-karya-checkout-{payment.id}"
    total_sent = sum(int(f[f"line_items[{i}][price_data][unit_amount]"]) * int(f[f"line_items[{i}][quantity]"])
                     for i in range(3))
    assert total_sent == order.total * 100 and order.shipping_total > 0
    assert payment.provider_session_id.startswith("cs_test_") and order.status == "placed"
    # the return page never marks anything paid
    assert "menunggu konfirmasi" in client.get(f"/pesanan/{order.token}/kembali").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == "placed"


def test_no_key_hides_card_option(client, make_product):
    p = make_product()
    db.session.commit()
    client.post_form("/keranjang/tambah", {"variant_id": p.variants[0].id, "quantity": 1},
                     token_page=f"/produk/{p.slug}")
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="stripe"' not in page and 'value="bank_transfer"' in page
    form = dict(BUYER, payment_method="stripe", **{f"delivery-{p.group_id}": "pickup"})
    response = client.post_form("/checkout", form)
    assert response.status_code == 200 and db.session.scalar(select(Order.id)) is None


def test_retry_after_outage_reuses_the_attempt_key(stripe_app, client, fake_stripe, make_product):
    p = make_product(stock=2)
    order = orders.place_order([(p.variants[0].id, 1, p.variants[0].price)], orders.Buyer(**BUYER), {}, "stripe")
    db.session.commit()
    fake_stripe.fail_next = True
    response = client.post_form(f"/pesanan/{order.token}/bayar-kartu", {}, token_page=f"/pesanan/{order.token}")
    assert response.status_code == 302
    response = client.post_form(f"/pesanan/{order.token}/bayar-kartu", {}, token_page=f"/pesanan/{order.token}")
    assert response.status_code == 303
    keys = [r["headers"]["Idempotency-Key"] for r in fake_stripe.posts("/v1/checkout/sessions")]
    assert len(keys) == 2 and keys[0] == keys[1]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Payment.id))) == 1


def test_completed_marks_every_part_paid_once(stripe_app, client, make_product):
    a, b = make_product(price=100_000), make_product(price=200_000)
    order, payment = card_order([(a.variants[0], 1), (b.variants[0], 1)])
    payload = event("checkout.session.completed", session_object(order, payment))
    response = deliver(client, payload)
    assert response.status_code == 200 and response.json["outcome"] == "ok: paid"
    state = snapshot(order)
    assert state[0] == "paid" and all(s == "paid" and at for s, at in state[1])
    assert state[2] == [("paid", "pi_test_123")]
    replay = deliver(client, payload)  # same event again, freshly signed
    assert replay.status_code == 200 and replay.json["outcome"] == "duplicate"
    again = deliver(client, event("checkout.session.completed", session_object(order, payment)))
    assert again.json["outcome"] == "ok: already paid"  # same news under another event id
    assert snapshot(order) == state


def test_bad_signatures_are_refused_and_change_nothing(stripe_app, client, make_product):
    p = make_product()
    order, payment = card_order([(p.variants[0], 1)])
    payload = event("checkout.session.completed", session_object(order, payment))
    before = snapshot(order)
    tampered = payload.replace('"amount_total": ', '"amount_total": 1')
    assert deliver(client, tampered, signature=sign(payload)).status_code == 400
    assert deliver(client, payload, signature=sign(payload, timestamp=int(time.time()) - 3600)).status_code == 400
    assert deliver(client, payload, signature=sign(payload, secret="whsec_other")).status_code == 400
    assert client.post(HOOK, data=payload, content_type="application/json").status_code == 400
    assert deliver(client, "not json", signature=sign("not json")).status_code == 400
    assert snapshot(order) == before
    assert db.session.scalar(select(func.count(ProcessedEvent.id))) == 0


def test_unknown_order_and_amount_mismatch_mark_nothing_paid(stripe_app, client, make_product):
    p = make_product(price=300_000)
    order, payment = card_order([(p.variants[0], 1)])
    before = snapshot(order)
    unknown = session_object(order, payment)
    unknown["metadata"] = {"order_id": "999999"}
    assert deliver(client, event("checkout.session.completed", unknown)).json["outcome"] == "unknown order or session"
    short = event("checkout.session.completed", session_object(order, payment, amount=100))
    assert deliver(client, short).json["outcome"].startswith("amount mismatch")
    usd = event("checkout.session.completed", session_object(order, payment, currency="usd"))
    assert deliver(client, usd).json["outcome"].startswith("amount mismatch")
    assert snapshot(order)[:4] == before[:4]


def test_async_payment_waits_then_succeeds(stripe_app, client, make_product):
    p = make_product()
    order, payment = card_order([(p.variants[0], 1)])
    first = deliver(client, event("checkout.session.completed", session_object(order, payment, "unpaid")))
    assert first.json["outcome"] == "ok: waiting for the payment to clear"
    assert snapshot(order)[0] == "placed"
    deliver(client, event("checkout.session.async_payment_succeeded", session_object(order, payment)))
    assert snapshot(order)[0] == "paid"


def test_async_failure_and_expiry_return_stock(stripe_app, client, make_product):
    p = make_product(stock=4)
    failed, pay1 = card_order([(p.variants[0], 3)])
    assert db.session.get(Variant, p.variants[0].id).stock == 1
    deliver(client, event("checkout.session.async_payment_failed", session_object(failed, pay1, "unpaid")))
    assert snapshot(failed)[0] == "cancelled" and snapshot(failed)[3] == [4]
    expired, pay2 = card_order([(p.variants[0], 2)])
    obj = session_object(expired, pay2, "unpaid", status="expired")
    assert deliver(client, event("checkout.session.expired", obj)).json["outcome"] == "ok: expired"
    state = snapshot(expired)
    assert state[0] == "expired" and state[3] == [4]
    late = deliver(client, event("checkout.session.expired", obj))  # another delivery under a new id
    assert late.json["outcome"] == "ok: payment already expired"
    assert snapshot(expired) == state


def test_refund_of_card_part_goes_through_stripe(stripe_app, client, fake_stripe, make_product, make_coordinator):
    a, b = make_product(price=100_000, stock=2), make_product(price=250_000, stock=2)
    order, payment = card_order([(a.variants[0], 1), (b.variants[0], 1)])
    deliver(client, event("checkout.session.completed", session_object(order, payment)))
    coordinator = make_coordinator(b.group)
    db.session.commit()
    login(client, coordinator, "rahasia-koordinator-1")
    part = next(p for p in db.session.get(Order, order.id).parts if p.group_id == b.group_id)
    assert client.get(f"/kelola/pesanan/{part.id}/refund").status_code == 200
    response = client.post_form(f"/kelola/pesanan/{part.id}/refund", {"reason": "Warna tidak sesuai",
                                                                        "restock": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)
    sent = fake_stripe.posts("/v1/refunds")
    assert len(sent) == 1
    assert sent[0]["form"] == {"payment_intent": "pi_test_123", "amount": "25000000"}
    assert sent[0]["headers"]["Idempotency-Key"] == f"pasar-karya-refund-{part.id}"
    db.session.expire_all()
    o = db.session.get(Order, order.id)
    assert {p.group_id: p.status for p in o.parts} == {a.group_id: "paid", b.group_id: "refunded"}
    assert db.session.get(Variant, b.variants[0].id).stock == 2
    other = next(p for p in o.parts if p.group_id == a.group_id)
    assert client.get(f"/kelola/pesanan/{other.id}/refund").status_code == 404  # another group's part


def test_charge_refunded_in_dashboard_refunds_remaining_parts(stripe_app, client, fake_stripe, make_product):
    p = make_product(price=100_000)
    order, payment = card_order([(p.variants[0], 1)])
    deliver(client, event("checkout.session.completed", session_object(order, payment)))
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_test_123", "amount": order.total * 100,
              "amount_refunded": order.total * 100, "currency": "idr", "refunded": True,
              "refunds": {"data": [{"id": "re_dash_1"}]}}
    assert deliver(client, event("charge.refunded", charge)).json["outcome"] == "ok: Rp100000 refunded"
    assert snapshot(order)[0] == "refunded"
    assert fake_stripe.posts("/v1/refunds") == []  # Stripe already did it


def test_concurrent_duplicate_deliveries_act_once(stripe_app, make_product):
    import threading

    p = make_product()
    order, payment = card_order([(p.variants[0], 1)])
    payload = event("checkout.session.completed", session_object(order, payment))
    header = sign(payload)
    codes = []

    def post():
        with stripe_app.app_context():
            c = stripe_app.test_client()
            r = c.post(HOOK, data=payload, content_type="application/json", headers={"Stripe-Signature": header})
            codes.append((r.status_code, r.json["outcome"]))
            db.session.remove()

    threads = [threading.Thread(target=post) for _i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(c for c, _o in codes) == [200] * 6
    assert [o for _c, o in codes].count("ok: paid") == 1
    assert db.session.scalar(select(func.count(ProcessedEvent.id))) == 1
    mails = db.session.scalars(select(OutboxMessage.subject)).all()
    assert sum("pembayaran" in s for s in mails) == 1
    assert json.loads(payload)["type"] == "checkout.session.completed"



def test_sweep_expires_card_orders_whose_session_never_opened(stripe_app, fake_stripe, make_product):
    from datetime import timedelta

    from shop.models_base import utcnow

    p = make_product(stock=3)
    stuck = orders.place_order([(p.variants[0].id, 1, p.variants[0].price)], orders.Buyer(**BUYER), {}, "stripe")
    payments.order_attempt(stuck)
    opened, _attempt = card_order([(p.variants[0], 1)])
    for order in (stuck, opened):
        db.session.get(Order, order.id).created_at = utcnow() - timedelta(hours=49)
    db.session.commit()
    assert payments.expire_unpaid() == 1
    assert (stuck.status, opened.status) == ("expired", "placed")
    assert db.session.get(Variant, p.variants[0].id).stock == 2


def test_other_event_types_are_recorded_and_ignored(stripe_app, client, make_product):
    p = make_product()
    order, _payment = card_order([(p.variants[0], 1)])
    before = snapshot(order)
    response = deliver(client, event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200 and response.json["outcome"] == "ignored"
    assert snapshot(order) == before
    assert db.session.scalar(select(ProcessedEvent.event_type)) == "customer.created"
