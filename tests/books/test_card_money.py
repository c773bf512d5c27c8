"""Card money the books used to lose: Stripe partial refunds (E2), Stripe's real fee (E11) and money for a part
that could no longer be marked paid. The real stripe library talks to the fake Stripe on 127.0.0.1."""
from sqlalchemy import func, select

from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.card import estimated_fees
from shop.ledger.models import JournalEntry, SalesCredit
from shop.ledger.services import balances, trial_balance
from shop.orders.models import Order
from shop.payments import services as payments
from shop.payments.models import Refund
from tests.fixtures.orders import event, session_object
from tests.payments.test_stripe import card_order, deliver


def books(group_id):
    db.session.expire_all()
    return balances(group_id)


def charge(order, refunded, refund_id="re_dash_1"):
    return {"id": "ch_1", "object": "charge", "payment_intent": "pi_test_123", "amount": order.total * 100,
            "amount_refunded": refunded * 100, "currency": "idr", "refunded": refunded == order.total,
            "refunds": {"data": [{"id": refund_id}]}}


def test_e2_a_stripe_partial_refund_is_booked_across_parts_and_lines_exactly(stripe_app, client, make_group,
                                                                             make_product):
    ga, gb = make_group(), make_group()
    a1, a2 = make_product(group=ga, price=100_000), make_product(group=ga, price=200_000)
    b = make_product(group=gb, price=150_000)
    order, payment = card_order([(a1.variants[0], 1), (a2.variants[0], 1), (b.variants[0], 1)])
    deliver(client, event("checkout.session.completed", session_object(order, payment)))
    before_a, before_b = books(ga.id), books(gb.id)
    # 225.001 of 450.000 back: 150.001 of group a's 300.000 and 75.000 of group b's 150.000
    assert deliver(client, event("charge.refunded", charge(order, 225_001))).json["outcome"] == \
        "ok: Rp225001 refunded"
    after_a, after_b = books(ga.id), books(gb.id)
    assert after_a[c.RETUR_PENJUALAN] == 150_001 and after_b[c.RETUR_PENJUALAN] == 75_000
    assert after_a[c.PIUTANG_PLATFORM] == before_a[c.PIUTANG_PLATFORM] - 150_001
    assert after_b[c.PIUTANG_PLATFORM] == before_b[c.PIUTANG_PLATFORM] - 75_000
    credits = dict(db.session.execute(select(SalesCredit.product_id, func.sum(SalesCredit.amount))
                                      .where(SalesCredit.amount < 0).group_by(SalesCredit.product_id)).all())
    assert credits == {a1.id: -50_000, a2.id: -100_001, b.id: -75_000}  # lines split exactly
    assert {p.status for p in db.session.get(Order, order.id).parts} == {"paid"}
    count = db.session.scalar(select(func.count(JournalEntry.id)))
    deliver(client, event("charge.refunded", charge(order, 225_001)))  # the same news again
    assert db.session.scalar(select(func.count(JournalEntry.id))) == count
    # the rest goes back later: both parts refunded in full, to the rupiah
    deliver(client, event("charge.refunded", charge(order, 450_000, "re_dash_2")))
    assert books(ga.id)[c.RETUR_PENJUALAN] == 300_000 and books(gb.id)[c.RETUR_PENJUALAN] == 150_000
    assert {p.status for p in db.session.get(Order, order.id).parts} == {"refunded"}
    assert trial_balance(ga.id) == trial_balance(gb.id) == 0


def test_e11_stripe_real_fee_is_fetched_from_the_balance_transaction(stripe_app, client, fake_stripe,
                                                                     make_product):
    p = make_product(price=100_000)
    order, payment = card_order([(p.variants[0], 1)])
    fake_stripe.fees["pi_test_123"] = 3_450_00  # Rp3.450 (not the 2.9 % estimate of 2.900)
    deliver(client, event("checkout.session.completed", session_object(order, payment)))
    assert books(p.group_id)[c.BIAYA_PEMBAYARAN] == 3_450
    [asked] = [r for r in fake_stripe.requests if r.get("method") == "GET"]
    assert asked["path"] == "/v1/payment_intents/pi_test_123"
    assert "latest_charge.balance_transaction" in asked["query"].values()
    assert estimated_fees(p.group_id) == []


def test_e11_an_estimated_fee_is_marked_and_corrected_when_stripe_settles(stripe_app, client, fake_stripe,
                                                                          make_product):
    p = make_product(price=100_000)
    order, payment = card_order([(p.variants[0], 1)])
    deliver(client, event("checkout.session.completed", session_object(order, payment)))  # not settled yet
    assert books(p.group_id)[c.BIAYA_PEMBAYARAN] == 2_900
    [estimate] = estimated_fees(p.group_id)
    assert estimate.reference.startswith("fee-est:") and "perkiraan" in estimate.memo
    fake_stripe.fees["pi_test_123"] = 3_100_00
    updated = {"id": "ch_1", "object": "charge", "payment_intent": "pi_test_123", "balance_transaction": "txn_1"}
    assert deliver(client, event("charge.updated", updated)).json["outcome"] == "ok: fee booked"
    assert books(p.group_id)[c.BIAYA_PEMBAYARAN] == 3_100 and estimated_fees(p.group_id) == []
    deliver(client, event("charge.updated", updated))  # again: nothing more
    assert books(p.group_id)[c.BIAYA_PEMBAYARAN] == 3_100 and trial_balance(p.group_id) == 0


def test_money_for_a_part_that_could_not_be_marked_paid_is_owed_back_to_the_buyer(stripe_app, client,
                                                                                  make_group, make_product):
    ga, gb = make_group(), make_group()
    a, b = make_product(group=ga, price=100_000), make_product(group=gb, price=250_000)
    order, payment = card_order([(a.variants[0], 1), (b.variants[0], 1)])
    late = next(p for p in order.parts if p.group_id == gb.id)
    payments.cancel_part(late, "Stok habis")
    db.session.commit()
    outcome = deliver(client, event("checkout.session.completed", session_object(order, payment))).json["outcome"]
    assert outcome.startswith("paid with problems")
    held = books(gb.id)
    assert held[c.PIUTANG_PLATFORM] == 250_000 - held[c.BIAYA_PEMBAYARAN] and held[c.UANG_MUKA] == -250_000
    assert books(ga.id)[c.BIAYA_PEMBAYARAN] == 2_900  # the fee is shared with the part owed back, not loaded on a
    # the money goes back through Stripe: the debt to the buyer is cleared, the sale of group a untouched
    deliver(client, event("charge.refunded", charge(order, 250_000)))
    back = books(gb.id)
    assert back[c.UANG_MUKA] == 0 and back[c.PIUTANG_PLATFORM] == -held[c.BIAYA_PEMBAYARAN]
    assert books(ga.id)[c.RETUR_PENJUALAN] == 0
    assert db.session.scalar(select(func.sum(Refund.amount)).where(Refund.part_id == late.id)) == 250_000
    assert trial_balance(ga.id) == trial_balance(gb.id) == 0
