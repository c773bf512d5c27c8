"""Partial refunds from the coordinator's order page, for every method: an amount, how it went back and when."""
from datetime import timedelta

from sqlalchemy import func, select

from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.models import JournalEntry
from shop.ledger.periods import today_wib
from shop.mail.models import OutboxMessage
from shop.orders.models import OrderPart
from shop.payments.models import Refund
from tests.fixtures.orders import event, login, session_object
from tests.ledger.test_wiring import PASSWORD, books, confirm, part_of, two_groups
from tests.payments.test_stripe import card_order, deliver


def refund_page(part_id):
    return f"/kelola/pesanan/{part_id}/refund"


def mails_with(text):
    return db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.body.contains(text)))


def cod_part(client, make_group, make_member, make_product, make_order, make_coordinator):
    a, b, _maker = two_groups(make_group, make_member, make_product)
    order = make_order([(b.variants[0], 2)], method="cash_on_delivery")  # 500.000
    coordinator = make_coordinator(b.group)
    db.session.commit()
    part = part_of(order, b.group_id)
    login(client, coordinator, PASSWORD)
    assert confirm(client, part.id).status_code == 302
    return part, b.group_id


def test_a_cash_refund_in_part_then_the_rest(client, make_group, make_member, make_product, make_order,
                                            make_coordinator):
    part, group_id = cod_part(client, make_group, make_member, make_product, make_order, make_coordinator)
    yesterday = today_wib() - timedelta(days=1)
    page = client.get(refund_page(part.id)).get_data(as_text=True)
    assert "Rp500.000" in page and 'name="how"' in page and 'value="card"' not in page
    form = {"amount": "200.000", "how": "kas", "day": yesterday.isoformat(), "reason": "Satu cacat"}
    response = client.post_form(refund_page(part.id), form)  # the cash came in today, not yesterday
    assert response.status_code == 400 and "Saldo Kas tidak cukup" in response.get_data(as_text=True)
    form["day"] = today_wib().isoformat()
    assert client.post_form(refund_page(part.id), form).status_code == 302
    after = books(group_id)
    assert after[c.RETUR_PENJUALAN] == 200_000 and after[c.KAS] == 300_000
    entry = db.session.scalar(select(JournalEntry).where(JournalEntry.kind == "refund"))
    assert entry.date == today_wib()
    assert db.session.get(OrderPart, part.id).status == "paid"
    assert mails_with("dana Rp200.000 dikembalikan") == 1
    # the bank holds nothing: a transfer refund is refused and changes nothing (E17)
    response = client.post_form(refund_page(part.id), {"amount": "100.000", "how": "bank", "reason": "Sisa"})
    assert response.status_code == 400 and books(group_id) == after
    assert "Saldo Bank tidak cukup" in response.get_data(as_text=True)
    # the rest, in cash, with the goods back in stock
    response = client.post_form(refund_page(part.id), {"how": "kas", "reason": "Batal", "restock": "y"})
    assert response.status_code == 302
    assert books(group_id)[c.RETUR_PENJUALAN] == 500_000 and books(group_id)[c.KAS] == 0
    assert db.session.get(OrderPart, part.id).status == "refunded"
    assert db.session.scalar(select(func.sum(Refund.amount)).where(Refund.part_id == part.id)) == 500_000


def test_a_double_submitted_refund_refunds_once(client, make_group, make_member, make_product, make_order,
                                                make_coordinator):
    part, group_id = cod_part(client, make_group, make_member, make_product, make_order, make_coordinator)
    form = {"amount": "50.000", "how": "kas", "reason": "Kurang satu", "once": "r" * 24}
    assert client.post_form(refund_page(part.id), form).status_code == 302
    assert client.post_form(refund_page(part.id), form).status_code == 302
    assert books(group_id)[c.RETUR_PENJUALAN] == 50_000
    assert db.session.scalar(select(func.count(Refund.id)).where(Refund.part_id == part.id)) == 1


def test_restock_needs_the_whole_part_and_bad_amounts_change_nothing(client, make_group, make_member,
                                                                      make_product, make_order, make_coordinator):
    part, group_id = cod_part(client, make_group, make_member, make_product, make_order, make_coordinator)
    before = books(group_id)
    for form in ({"amount": "100.000", "how": "kas", "reason": "x", "restock": "y"},
                 {"amount": "900.000", "how": "kas", "reason": "x"},
                 {"amount": "nol", "how": "kas", "reason": "x"},
                 {"amount": "10.000", "how": "card", "reason": "x"}):
        response = client.post_form(refund_page(part.id), form)
        assert response.status_code == 400, form
        assert books(group_id) == before


def test_a_card_refund_in_part_goes_through_stripe(stripe_app, client, fake_stripe, make_group, make_member,
                                                   make_product, make_coordinator):
    a, b, _maker = two_groups(make_group, make_member, make_product)
    order, payment = card_order([(a.variants[0], 1), (b.variants[0], 1)])
    deliver(client, event("checkout.session.completed", session_object(order, payment)))
    coordinator = make_coordinator(b.group)
    db.session.commit()
    part = part_of(order, b.group_id)
    login(client, coordinator, PASSWORD)
    page = client.get(refund_page(part.id)).get_data(as_text=True)
    assert 'value="card"' in page and 'name="day"' not in page  # the card refund happens now
    held = books(b.group_id)[c.PIUTANG_PLATFORM]
    assert client.post_form(refund_page(part.id), {"amount": "100.000", "reason": "Salah warna"}).status_code == 302
    [sent] = fake_stripe.posts("/v1/refunds")
    assert sent["form"] == {"payment_intent": "pi_test_123", "amount": "10000000"}
    assert sent["headers"]["Idempotency-Key"] == f"pasar-karya-refund-{part.id}-1"
    assert books(b.group_id)[c.PIUTANG_PLATFORM] == held - 100_000
    # Stripe then reports the 100.000 refunded: already booked, nothing new
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_test_123", "amount": order.total * 100,
              "amount_refunded": 100_000 * 100, "currency": "idr", "refunded": False, "refunds": {"data": []}}
    assert deliver(client, event("charge.refunded", charge)).json["outcome"] == "ok: nothing new refunded"


def test_the_couriers_charge_asked_at_shipping_is_booked_as_biaya_kirim(client, make_group, make_member,
                                                                         make_product, make_order, make_coordinator):
    _a, b, _maker = two_groups(make_group, make_member, make_product)
    order = make_order([(b.variants[0], 1)], method="cash_on_delivery", shipping="courier")
    coordinator = make_coordinator(b.group)
    db.session.commit()
    part = part_of(order, b.group_id)
    login(client, coordinator, PASSWORD)
    detail = f"/kelola/pesanan/{part.id}"
    assert confirm(client, part.id).status_code == 302
    assert 'name="cost"' in client.get(detail).get_data(as_text=True)
    response = client.post_form(detail + "/kirim", {"courier": "JNE", "tracking_number": "JN1", "cost": "18.000",
                                                    "cost_from": "kas"}, token_page=detail)
    assert response.status_code == 302
    after = books(b.group_id)
    assert after[c.BIAYA_KIRIM] == 18_000 and after[c.KAS] == part.total - 18_000
