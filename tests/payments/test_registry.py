"""The provider registry (available_methods) and the one card_paid() action."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.extensions import db
from shop.ledger.models import JournalEntry
from shop.mail.models import OutboxMessage
from shop.orders import services as orders
from shop.payments import services as payments
from shop.payments.models import Payment
from shop.payments.providers import PROVIDERS, available_methods, method, provider_of
from tests.fixtures.orders import BUYER, event, session_object
from tests.payments.test_stripe import card_order, deliver


def _codes(subject=None, **kw):
    return [m.code for m in available_methods(subject, **kw)]


def test_every_method_code_is_registered_once():
    codes = [m.code for p in PROVIDERS for m in p.methods]
    assert len(codes) == len(set(codes))
    assert provider_of("stripe").code == "stripe" and method("bank_transfer").per_part
    assert method("nope") is None and provider_of("nope") is None


def test_card_only_with_a_stripe_key(app, monkeypatch):
    assert _codes() == ["bank_transfer", "cash_on_delivery"]
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_fake")
    assert _codes() == ["bank_transfer", "cash_on_delivery"]  # no webhook secret: no order would be marked paid
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", "whsec_test")
    assert _codes() == ["bank_transfer", "cash_on_delivery", "stripe"]
    assert _codes(channel="bazaar") == ["till_cash", "till_qris", "till_edc", "till_qris_group"]  # the till's: never online


def test_an_order_offers_its_own_method_while_it_waits(app, monkeypatch, make_product, make_order):
    p = make_product(stock=5)
    card = orders.place_order([(p.variants[0].id, 1, p.variants[0].price)], orders.Buyer(**BUYER), {}, "stripe")
    transfer = make_order([(p.variants[0], 1)])
    assert _codes(card) == []  # no key: no way to pay by card now
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_fake")
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", "whsec_test")
    assert _codes(card) == ["stripe"] and _codes(transfer) == ["bank_transfer"]
    payments.cancel_part(card.parts[0], "batal")
    assert card.status == "cancelled" and _codes(card) == []


def test_order_page_pay_button_follows_the_registry(app, client, monkeypatch, make_product):
    p = make_product(stock=5)
    order = orders.place_order([(p.variants[0].id, 1, p.variants[0].price)], orders.Buyer(**BUYER), {}, "stripe")
    db.session.commit()
    assert 'data-action="pay_hosted"' not in client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_fake")
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", "whsec_test")
    assert 'data-action="pay_hosted"' in client.get(f"/pesanan/{order.token}").get_data(as_text=True)


def _books_and_mail():
    return (db.session.scalar(select(func.count(JournalEntry.id))),
            db.session.scalar(select(func.count(OutboxMessage.id))))


def test_card_paid_is_idempotent(stripe_app, make_product):
    a, b = make_product(price=100_000), make_product(price=200_000)
    order, payment = card_order([(a.variants[0], 1), (b.variants[0], 1)])
    before = _books_and_mail()
    assert payments.card_paid(payment, "pi_direct_1", fee=9_000) == []
    after = _books_and_mail()
    assert after[0] == before[0] + 4  # in each of the two groups' books: the sale and its share of the fee
    assert order.status == "paid" and payment.status == "paid" and payment.provider_payment_id == "pi_direct_1"
    assert payments.card_paid(payment, "pi_other", fee=1) == []
    assert _books_and_mail() == after and payment.provider_payment_id == "pi_direct_1"


def test_webhook_uses_card_paid_once(stripe_app, client, make_product):
    p = make_product(price=150_000)
    order, payment = card_order([(p.variants[0], 1)])
    before = _books_and_mail()
    assert deliver(client, event("checkout.session.completed", session_object(order, payment))).json[
        "outcome"] == "ok: paid"
    after = _books_and_mail()
    assert after[0] == before[0] + 2  # the sale and the card fee
    again = deliver(client, event("checkout.session.async_payment_succeeded", session_object(order, payment)))
    assert again.json["outcome"] == "ok: already paid"
    db.session.expire_all()
    assert _books_and_mail() == after
    assert db.session.scalar(select(Payment.status).where(Payment.id == payment.id)) == "paid"
