"""QRIS and virtual accounts: the real xendit-python SDK against a fake Xendit on 127.0.0.1; callbacks carry the
real X-CALLBACK-TOKEN header and are posted to /webhooks/xendit through the test client (CSRF on)."""
from __future__ import annotations

import threading
import uuid

from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.services import balances, trial_balance
from shop.mail.models import OutboxMessage
from shop.orders import services as orders
from shop.orders.models import Order
from shop.payments import services as payments
from shop.payments.models import Payment, ProcessedEvent
from tests.fixtures.orders import BUYER
from tests.fixtures.xendit import CALLBACK_TOKEN, fee_for

HOOK = "/webhooks/xendit"


def xendit_order(items, method="xendit_qris", shipping="pickup"):
    groups = {v.product.group_id for v, _q in items}
    order = orders.place_order([(v.id, q, v.price) for v, q in items], orders.Buyer(**BUYER),
                               {g: shipping for g in groups}, method)
    attempt = payments.open_payments(order)
    db.session.commit()
    payments.start_hosted(attempt)
    db.session.commit()
    return order, attempt


def deliver(client, payload: dict, token: str | None = CALLBACK_TOKEN, webhook_id: str | None = None):
    headers = {"webhook-id": webhook_id or f"whk-{uuid.uuid4()}"}
    if token is not None:
        headers["X-CALLBACK-TOKEN"] = token
    return client.post(HOOK, json=payload, headers=headers)


def snapshot(order):
    db.session.expire_all()
    o = db.session.get(Order, order.id)
    return (o.status, [(p.status, p.paid_at) for p in o.parts],
            [(p.status, p.provider_payment_id, p.fee, p.note) for p in o.payments],
            [db.session.get(Variant, p.lines[0].variant_id).stock for p in o.parts],
            db.session.scalar(select(func.count(OutboxMessage.id))),
            [balances(p.group_id) for p in o.parts])


def two_groups(make_product, price_a=120_000, price_b=80_000):
    return make_product(price=price_a, stock=5), make_product(price=price_b, stock=5)


def test_no_key_hides_qris_and_va(client, make_product):
    p = make_product()
    db.session.commit()
    client.post_form("/keranjang/tambah", {"variant_id": p.variants[0].id, "quantity": 1},
                     token_page=f"/produk/{p.slug}")
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="xendit_qris"' not in page and 'value="xendit_va_bca"' not in page
    assert "QRIS" not in client.get("/tentang").get_data(as_text=True)
    form = dict(BUYER, payment_method="xendit_qris", **{f"delivery-{p.group_id}": "pickup"})
    assert client.post_form("/checkout", form).status_code == 200
    assert db.session.scalar(select(Order.id)) is None


def test_checkout_by_qris_shows_the_code_amount_and_expiry(xendit_app, client, fake_xendit, make_product):
    a, b = two_groups(make_product)
    db.session.commit()
    for p in (a, b):
        client.post_form("/keranjang/tambah", {"variant_id": p.variants[0].id, "quantity": 1},
                         token_page=f"/produk/{p.slug}")
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="xendit_qris"' in page and 'value="xendit_va_mandiri"' in page
    about = client.get("/tentang").get_data(as_text=True)
    assert "QRIS" in about and "virtual account (BCA, BNI, BRI, Mandiri, Permata)" in about
    form = dict(BUYER, payment_method="xendit_qris", **{f"delivery-{a.group_id}": "pickup",
                                                          f"delivery-{b.group_id}": "courier"})
    response = client.post_form("/checkout", form)
    order = db.session.scalar(select(Order))
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/pesanan/{order.token}#bayar")
    sent = fake_xendit.posts("/payment_requests")
    assert len(sent) == 1
    body, payment = sent[0]["json"], order.payments[0]
    assert body["amount"] == order.total and body["currency"] == "IDR" and order.shipping_total > 0
    assert body["reference_id"] == f"pk-pay-{payment.id}"
    assert body["payment_method"]["type"] == "QR_CODE"
    assert body["payment_method"]["qr_code"]["channel_code"] == "QRIS"
    assert sent[0]["headers"]["idempotency-key"] == f"pasar-karya-xendit-{payment.id}"
    assert payment.provider_session_id.startswith("pr-") and payment.payment_code.startswith("000201")
    html = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert '<svg role="img" aria-label="Kode QRIS pesanan ini"' in html and 'class="qr"' in html
    assert "WIB" in html and "Muat ulang halaman ini" in html and "order-status.js" in html
    assert "Rp200.000" not in html or order.total == 200_000
    from shop.money import format_idr
    assert format_idr(order.total) in html
    assert "Tampilkan kode QRIS" not in html  # the code is open: no button to make another
    status = client.get(f"/pesanan/{order.token}/status")
    assert status.json == {"status": "placed", "paid": False}


def test_virtual_account_shows_bank_number_and_instructions(xendit_app, client, fake_xendit, make_product):
    p = make_product(price=175_000)
    order, payment = xendit_order([(p.variants[0], 1)], method="xendit_va_bri")
    body = fake_xendit.posts("/payment_requests")[0]["json"]["payment_method"]
    assert body["type"] == "VIRTUAL_ACCOUNT" and body["virtual_account"]["channel_code"] == "BRI"
    assert body["virtual_account"]["amount"] == 175_000
    assert body["virtual_account"]["channel_properties"]["customer_name"] == BUYER["name"]
    html = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert payment.payment_code in html and "virtual account BRI" in html and "m-banking BRI" in html
    assert "Bayar sebelum" in html and "<svg" not in html


def test_gateway_down_at_checkout_then_the_buyer_opens_the_code(xendit_app, client, fake_xendit, make_product):
    p = make_product(stock=3)
    db.session.commit()
    client.post_form("/keranjang/tambah", {"variant_id": p.variants[0].id, "quantity": 1},
                     token_page=f"/produk/{p.slug}")
    fake_xendit.fail_next = True
    form = dict(BUYER, payment_method="xendit_qris", **{f"delivery-{p.group_id}": "pickup"})
    response = client.post_form("/checkout", form)
    order = db.session.scalar(select(Order))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/pesanan/{order.token}")
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "Tampilkan kode QRIS untuk membayar" in page and "<svg" not in page
    opened = client.post_form(f"/pesanan/{order.token}/bayar-kartu", {}, token_page=f"/pesanan/{order.token}")
    assert opened.status_code == 303
    keys = [r["headers"]["idempotency-key"] for r in fake_xendit.posts("/payment_requests")]
    assert len(keys) == 2 and keys[0] == keys[1]  # the same attempt: Xendit never opens two codes
    assert "<svg" in client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert db.session.scalar(select(func.count(Payment.id))) == 1


def test_paid_callback_marks_both_groups_paid_and_books_xendit_fee(xendit_app, client, fake_xendit,
                                                                   make_product):
    a, b = two_groups(make_product)
    order, payment = xendit_order([(a.variants[0], 1), (b.variants[0], 1)])
    fake_xendit.simulate(payment.provider_session_id)  # no callback_url: the test posts the callback itself
    payload = fake_xendit.callback(payment.provider_session_id, "payment.succeeded")
    response = deliver(client, payload, webhook_id="whk-1")
    assert response.status_code == 200 and response.json["outcome"] == "ok: paid"
    state = snapshot(order)
    assert state[0] == "paid" and all(s == "paid" and at for s, at in state[1])
    fee = sum(fee_for(order.total))
    assert state[2] == [("paid", payload["data"]["id"], fee, "")]
    ba, bb = state[5]
    assert ba[c.PIUTANG_PLATFORM] + ba[c.BIAYA_PEMBAYARAN] == 120_000 and ba[c.PENJUALAN_ONLINE] == -120_000
    assert bb[c.PIUTANG_PLATFORM] + bb[c.BIAYA_PEMBAYARAN] == 80_000 and bb[c.PENJUALAN_ONLINE] == -80_000
    assert ba[c.BIAYA_PEMBAYARAN] + bb[c.BIAYA_PEMBAYARAN] == fee  # split exactly, 120 : 80
    assert abs(ba[c.BIAYA_PEMBAYARAN] - fee * 0.6) < 1 and trial_balance(a.group_id) == trial_balance(b.group_id) == 0
    assert client.get(f"/pesanan/{order.token}/status").json == {"status": "paid", "paid": True}
    # a replay (same webhook id) and the same news under another id change nothing
    assert deliver(client, payload, webhook_id="whk-1").json["outcome"] == "duplicate"
    assert deliver(client, payload, webhook_id="whk-2").json["outcome"] == "ok: already paid"
    late = deliver(client, fake_xendit.expire(payment.provider_session_id))  # out of order: expiry after payment
    assert late.json["outcome"] == "ok: already paid"
    assert snapshot(order) == state


def test_wrong_or_missing_token_is_refused_and_changes_nothing(xendit_app, client, fake_xendit, make_product):
    p = make_product()
    order, payment = xendit_order([(p.variants[0], 1)])
    payload = fake_xendit.callback(payment.provider_session_id, "payment.succeeded")
    before = snapshot(order)
    assert deliver(client, payload, token="xnd-callback-token-lain").status_code == 401
    assert deliver(client, payload, token=CALLBACK_TOKEN[:-1]).status_code == 401
    assert deliver(client, payload, token=None).status_code == 401
    xendit_app.config["XENDIT_CALLBACK_TOKEN"] = ""  # no token configured: nothing is trusted
    assert deliver(client, payload, token="").status_code == 401
    xendit_app.config["XENDIT_CALLBACK_TOKEN"] = CALLBACK_TOKEN
    assert client.post(HOOK, data="not json", content_type="application/json",
                       headers={"X-CALLBACK-TOKEN": CALLBACK_TOKEN}).status_code == 400
    assert snapshot(order) == before
    assert db.session.scalar(select(func.count(ProcessedEvent.id))) == 0


def test_amount_currency_and_reference_mismatches_mark_nothing_paid(xendit_app, client, fake_xendit,
                                                                    make_product):
    p = make_product(price=300_000)
    order, payment = xendit_order([(p.variants[0], 1)])
    request_id = payment.provider_session_id
    before = snapshot(order)
    short = deliver(client, fake_xendit.callback(request_id, "payment.succeeded", amount=order.total - 1))
    assert short.json["outcome"] == "amount mismatch: not marked paid"
    fraction = deliver(client, fake_xendit.callback(request_id, "payment.succeeded", amount=order.total + 0.5))
    assert fraction.json["outcome"] == "amount mismatch: not marked paid"
    usd = deliver(client, fake_xendit.callback(request_id, "payment.succeeded", currency="USD"))
    assert usd.json["outcome"] == "amount mismatch: not marked paid"
    for reference in ("pk-pay-999999", "lain-123", f"pk-pay-{payment.id}x"):
        unknown = deliver(client, fake_xendit.callback(request_id, "payment.succeeded", reference=reference))
        assert unknown.json["outcome"] == "unknown order or reference"
    other = fake_xendit.callback(request_id, "payment.succeeded")
    other["data"]["payment_request_id"] = "pr-someone-else"
    assert deliver(client, other).json["outcome"] == "unknown order or reference"
    after = snapshot(order)
    assert after[:2] == before[:2] and after[3:] == before[3:]
    assert after[2] == [("pending", None, None, "amount or currency does not match the order")]
    ignored = deliver(client, {"event": "capture.succeeded", "data": {"id": "x"}})
    assert ignored.json["outcome"] == "ignored"


def test_expired_callback_returns_stock_and_a_late_duplicate_changes_nothing(xendit_app, client, fake_xendit,
                                                                             make_product):
    p = make_product(stock=4)
    order, payment = xendit_order([(p.variants[0], 3)], method="xendit_va_bca")
    assert db.session.get(Variant, p.variants[0].id).stock == 1
    payload = fake_xendit.expire(payment.provider_session_id)
    assert deliver(client, payload).json["outcome"] == "ok: expired"
    state = snapshot(order)
    assert state[0] == "expired" and state[3] == [4] and state[2][0][0] == "expired"
    assert deliver(client, payload).json["outcome"] == "ok: payment already expired"
    assert snapshot(order) == state
    failed_order, failed = xendit_order([(p.variants[0], 1)])
    outcome = deliver(client, fake_xendit.callback(failed.provider_session_id, "payment.failed"))
    assert outcome.json["outcome"] == "ok: failed, stock returned"
    assert snapshot(failed_order)[0] == "cancelled"


def _race(app, payload, ids):
    results = []

    def post(webhook_id):
        with app.app_context():
            r = app.test_client().post(HOOK, json=payload, headers={"X-CALLBACK-TOKEN": CALLBACK_TOKEN,
                                                                   "webhook-id": webhook_id})
            results.append((r.status_code, r.json["outcome"]))
            db.session.remove()

    threads = [threading.Thread(target=post, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_concurrent_duplicate_callbacks_act_once(xendit_app, fake_xendit, make_product):
    a, b = two_groups(make_product)
    order, payment = xendit_order([(a.variants[0], 1), (b.variants[0], 1)])
    fake_xendit.simulate(payment.provider_session_id)
    payload = fake_xendit.callback(payment.provider_session_id, "payment.succeeded")
    same = _race(xendit_app, payload, ["whk-same"] * 4)  # one event delivered four times at once
    assert sorted(code for code, _o in same) == [200] * 4 and [o for _c, o in same].count("ok: paid") == 1
    assert db.session.scalar(select(func.count(ProcessedEvent.id))) == 1
    state = snapshot(order)
    twins = _race(xendit_app, payload, ["whk-a", "whk-b", "whk-c"])  # the same news under other event ids
    assert sorted(o for _c, o in twins) == ["ok: already paid"] * 3
    assert snapshot(order) == state and state[0] == "paid"
    mails = db.session.scalars(select(OutboxMessage.subject)).all()
    assert sum("pembayaran" in s for s in mails) == 2  # one per group's part, once
    assert sum(fee_for(order.total)) == sum(bal[c.BIAYA_PEMBAYARAN] for bal in state[5])


def test_refund_of_a_qris_part_goes_through_xendit(xendit_app, client, fake_xendit, make_product,
                                                    make_coordinator):
    from tests.fixtures.orders import login

    a, b = two_groups(make_product)
    order, payment = xendit_order([(a.variants[0], 1), (b.variants[0], 1)])
    deliver(client, fake_xendit.callback(payment.provider_session_id, "payment.succeeded"))
    coordinator = make_coordinator(b.group)
    db.session.commit()
    login(client, coordinator, "rahasia-koordinator-1")
    part = next(p for p in db.session.get(Order, order.id).parts if p.group_id == b.group_id)
    response = client.post_form(f"/kelola/pesanan/{part.id}/refund", {"reason": "Ukuran salah"})
    assert response.status_code == 302
    sent = fake_xendit.posts("/refunds")
    assert len(sent) == 1 and sent[0]["json"]["amount"] == part.total
    assert sent[0]["json"]["payment_request_id"] == payment.provider_session_id
    assert sent[0]["headers"]["idempotency-key"] == f"pasar-karya-refund-{part.id}"
    books = balances(b.group_id)
    assert books[c.RETUR_PENJUALAN] == 80_000 and books[c.PENJUALAN_ONLINE] == -80_000
    assert trial_balance(b.group_id) == 0
    db.session.expire_all()
    assert {p.group_id: p.status for p in db.session.get(Order, order.id).parts} == {
        a.group_id: "paid", b.group_id: "refunded"}


def test_virtual_account_refund_is_recorded_for_a_transfer_by_hand(xendit_app, client, fake_xendit,
                                                                   make_product):
    p = make_product(price=90_000)
    order, payment = xendit_order([(p.variants[0], 1)], method="xendit_va_permata")
    deliver(client, fake_xendit.callback(payment.provider_session_id, "payment.succeeded"))
    db.session.expire_all()
    refund = payments.refund_part(db.session.get(Order, order.id).parts[0], None, reason="Batal")
    db.session.commit()
    assert fake_xendit.posts("/refunds") == [] and refund.provider_refund_id is None
    assert balances(p.group_id)[c.RETUR_PENJUALAN] == 90_000


def test_sweep_expires_xendit_orders_whose_code_never_opened(xendit_app, fake_xendit, make_product):
    from datetime import timedelta

    from shop.models_base import utcnow

    p = make_product(stock=3)
    stuck = orders.place_order([(p.variants[0].id, 1, p.variants[0].price)], orders.Buyer(**BUYER), {},
                               "xendit_qris")
    payments.open_payments(stuck)
    opened, _attempt = xendit_order([(p.variants[0], 1)], method="xendit_va_bni")
    for order in (stuck, opened):
        db.session.get(Order, order.id).created_at = utcnow() - timedelta(hours=49)
    db.session.commit()
    assert payments.expire_unpaid() == 1
    assert (stuck.status, opened.status) == ("expired", "placed")


def test_create_qris_for_an_amount_and_reference(xendit_app, fake_xendit):
    from shop.payments.providers import xendit

    code = xendit.create_qris(45_000, "pk-till-7-0001")
    sent = fake_xendit.posts("/payment_requests")[0]
    assert sent["json"]["amount"] == 45_000 and sent["json"]["reference_id"] == "pk-till-7-0001"
    assert sent["headers"]["idempotency-key"] == "pasar-karya-pk-till-7-0001"
    assert code.amount == 45_000 and code.code.startswith("000201") and code.expires_at is not None


def test_a_code_past_its_expiry_is_not_shown_for_paying(xendit_app, client, fake_xendit, make_product):
    from datetime import timedelta

    from shop.models_base import utcnow

    p = make_product()
    order, payment = xendit_order([(p.variants[0], 1)])
    db.session.get(Payment, payment.id).expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    html = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "Waktu pembayaran habis" in html and "<svg" not in html and "Bayar sebelum" not in html
    assert client.get("/pesanan/no-such-token/status").status_code == 404
