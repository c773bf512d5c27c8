"""Service rules of made-to-measure requests: quotes, capacity and lead time, deposit and balance through
ordinary orders, cancellation by the quote's policy, and what each step posts to the group's books."""
from __future__ import annotations

from datetime import timedelta

import pytest

from shop.custom_orders import deposits, messages, quotes, requests, stages, team
from shop.custom_orders.actions import available_actions
from shop.custom_orders.templates import MeasurementError, adjust_template, template_for
from shop.errors import DomainError, InvalidTransition, NotAllowed
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.chart import update_settings
from shop.ledger.models import JournalEntry, SalesCredit
from shop.ledger.queries import balances, member_balance
from shop.mail.models import OutboxMessage
from shop.payments import services as payments
from shop.timefmt import today_wib
from tests.custom_orders.conftest import KEMEJA, contact


def books(group_id):
    b = balances(group_id)
    return {k: b.get(k, 0) for k in (c.BANK, c.UANG_MUKA, c.PENJUALAN_ONLINE, c.PENDAPATAN_LAIN)}


def test_single_request_keeps_measurements_in_cm_and_mails_buyer_and_group(tailor, make_coordinator):
    group, product, _m = tailor
    coordinator = make_coordinator(group=group)
    co = requests.create_single(product, contact(), KEMEJA, measure_on_site=False)
    assert co.status == "new" and co.quantity == 1 and co.garment == "kemeja"
    assert co.people[0].measurements == {"lingkar_dada": 96.0, "lebar_bahu": 44.5, "panjang_punggung": 42.0,
                                         "panjang_baju": 72.0, "panjang_lengan": 58.0}
    to = {m.to for m in db.session.query(OutboxMessage)}
    assert {"rina@contoh.id", coordinator.email, "jahit@contoh.id"} <= to
    buyer_mail = next(m for m in db.session.query(OutboxMessage) if m.to == "rina@contoh.id")
    assert f"/pesanan-ukur/{co.token}" in buyer_mail.body


def test_bad_measurements_name_each_field(tailor):
    _g, product, _m = tailor
    with pytest.raises(MeasurementError) as err:
        requests.create_single(product, contact(), dict(KEMEJA, lingkar_dada="960", lebar_bahu="abc",
                                                        panjang_lengan=""), measure_on_site=False)
    assert set(err.value.errors) == {"lingkar_dada", "lebar_bahu", "panjang_lengan"}
    assert "50–170" in err.value.errors["lingkar_dada"]


def test_group_adjusts_template_range_and_drops_a_field(tailor):
    group, product, _m = tailor
    adjust_template(group.id, "kemeja", {"lingkar_dada": (True, 80, 120, "Di atas kaus."),
                                         "panjang_punggung": (False, 25, 60, "")})
    fields = {f.key: f for f in template_for(group.id, "kemeja")}
    assert "panjang_punggung" not in fields and fields["lingkar_dada"].max_cm == 120
    assert fields["lingkar_dada"].how_to == "Di atas kaus."
    values = {k: v for k, v in KEMEJA.items() if k != "panjang_punggung"}
    co = requests.create_single(product, contact(), values, measure_on_site=False)
    assert "panjang_punggung" not in co.people[0].measurements
    with pytest.raises(MeasurementError):
        requests.create_single(product, contact(), dict(values, lingkar_dada="125"), measure_on_site=False)


def test_measure_on_site_needs_a_future_appointment(tailor):
    _g, product, _m = tailor
    with pytest.raises(MeasurementError):
        requests.create_single(product, contact(), {}, measure_on_site=True, appointment_at=None)
    from datetime import datetime

    co = requests.create_single(product, contact(), {}, measure_on_site=True,
                                appointment_at=datetime.now() + timedelta(days=3))
    assert co.measure_on_site and co.people[0].measurements == {}


def test_minimum_order_applies_to_bulk_and_refuses_single(tailor, make_request):
    _g, product, _m = tailor
    product.min_order = 10
    with pytest.raises(DomainError, match="minimal 10"):
        requests.create_single(product, contact(), KEMEJA, measure_on_site=False)
    with pytest.raises(DomainError, match="minimal 10"):
        make_request(people=["M"] * 9)
    co = make_request(people=["M"] * 30 + ["L"] * 25)  # far beyond the cart's 20 per option
    assert co.quantity == 55 and co.size_counts() == {"M": 30, "L": 25}


def test_quote_per_item_and_per_size_with_deposit(make_request):
    co = make_request("quoted", unit_price=150_000, deposit_percent=50)
    assert (co.quote_total, co.deposit_amount, co.balance_amount) == (150_000, 75_000, 75_000)
    bulk = make_request(people=["S"] * 3 + ["XL"] * 2)
    quotes.send_quote(bulk, "size", 0, {"S": 100_001, "XL": 120_000}, 33, 21, today_wib(), 0)
    assert bulk.quote_total == 3 * 100_001 + 2 * 120_000
    assert bulk.deposit_amount == (bulk.quote_total * 33 + 50) // 100
    with pytest.raises(DomainError, match="XL"):
        quotes.send_quote(bulk, "size", 0, {"S": 100_000}, 50, 21, today_wib(), 0)
    with pytest.raises(DomainError):  # fee larger than the deposit
        quotes.send_quote(co, "item", 100_000, {}, 50, 14, today_wib(), 60_000)
    with pytest.raises(DomainError):
        quotes.send_quote(co, "item", 100_000, {}, 50, 14, today_wib() - timedelta(days=1), 0)


def test_lead_time_counts_accepted_work_at_weekly_capacity(tailor, make_request):
    group, _p, _m = tailor
    new = make_request(people=["M"] * 20)
    assert quotes.suggested_lead_days(new) == 14  # no capacity set: the product's lead time
    quotes.set_capacity(group.id, 10)
    assert quotes.suggested_lead_days(new) == 14  # 20 pieces, 2 weeks
    make_request("accepted", people=["L"] * 25)  # accepted work not finished yet
    make_request("quoted", people=["L"] * 40)    # only quoted: does not take capacity
    assert quotes.backlog(group.id, new.id) == 25
    assert quotes.suggested_lead_days(new) == 35  # (25 + 20) / 10 → 5 weeks


def test_quote_accept_refused_after_validity_and_transitions_checked(make_request):
    co = make_request("quoted", valid_until=today_wib())
    with pytest.raises(NotAllowed):
        deposits.accept(co, today=today_wib() + timedelta(days=1))
    assert "accept" not in available_actions(co, "buyer", today=today_wib() + timedelta(days=1))
    deposits.accept(co)
    with pytest.raises(InvalidTransition):
        deposits.accept(co)


def test_deposit_and_balance_go_to_uang_muka_and_become_a_sale_on_delivery(tailor, make_request):
    group, _p, members = tailor
    co = make_request("accepted")
    assert available_actions(co, "buyer") >= {"pay_deposit", "cancel"}
    order, _attempt = deposits.start_payment(co, "deposit", "bank_transfer")
    assert order.purpose == "deposit" and order.total == 100_000 and order.parts[0].group_id == group.id
    assert "pay_deposit" not in available_actions(co, "buyer")
    with pytest.raises(NotAllowed):
        stages.set_stage(co, "diukur")  # no work before the deposit is paid
    payments.confirm_payment(order.parts[0], None)
    assert deposits.deposit_paid(co)
    assert books(group.id) == {c.BANK: 100_000, c.UANG_MUKA: -100_000, c.PENJUALAN_ONLINE: 0, c.PENDAPATAN_LAIN: 0}
    team.assign_makers(co, [members[0].id, members[1].id])
    for stage in ("diukur", "dijahit", "siap"):  # stages may be skipped, never go back
        stages.set_stage(co, stage)
    assert co.status == "ready" and [s.stage for s in co.stages] == ["diukur", "dijahit", "siap"]
    with pytest.raises(NotAllowed):
        stages.set_stage(co, "dipotong")
    with pytest.raises(NotAllowed, match="Pelunasan"):
        deposits.hand_over(co)
    balance, _attempt = deposits.start_payment(co, "balance", "cash_on_delivery")
    payments.confirm_payment(balance.parts[0], None)
    assert books(group.id)[c.UANG_MUKA] == -200_000
    deposits.hand_over(co)
    assert co.status == "delivered"
    assert books(group.id) == {c.BANK: 100_000, c.UANG_MUKA: 0, c.PENJUALAN_ONLINE: -200_000, c.PENDAPATAN_LAIN: 0}
    assert balances(group.id)[c.KAS] == 100_000
    credits = db.session.query(SalesCredit).filter_by(group_id=group.id).all()
    assert sorted((sc.member_id, sc.amount) for sc in credits) == sorted(
        [(members[0].id, 100_000), (members[1].id, 100_000)])
    assert {o.status for o in (co.deposit_order, co.balance_order)} == {"completed"}


def test_makers_share_owed_to_assigned_makers(tailor, make_request):
    group, _p, members = tailor
    update_settings(group.id, 60, 290)
    co = make_request("balance_paid", unit_price=100_001)
    team.assign_makers(co, [members[2].id])
    deposits.hand_over(co)
    assert member_balance(group.id, c.UTANG_ANGGOTA, members[2].id) == -(100_001 * 60 // 100)


def test_cancel_before_cutting_refunds_deposit_less_fee(tailor, make_request):
    group, _p, _m = tailor
    co = make_request("diukur", cancel_fee=20_000)
    terms = deposits.cancel_terms(co)
    assert (terms.refund, terms.kept) == (80_000, 20_000)
    deposits.cancel(co, "Acara batal", "buyer")
    assert co.status == "cancelled" and co.deposit_order.parts[0].status == "refunded"
    assert books(group.id) == {c.BANK: 20_000, c.UANG_MUKA: 0, c.PENJUALAN_ONLINE: 0, c.PENDAPATAN_LAIN: -20_000}
    refund = db.session.query(JournalEntry).filter_by(group_id=group.id, kind="refund").one()
    assert refund.reverses_id is not None


def test_cancel_after_cutting_keeps_the_deposit(tailor, make_request):
    group, _p, _m = tailor
    co = make_request("dipotong")
    assert deposits.cancel_terms(co).refund == 0
    deposits.cancel(co, "Tidak jadi", "group")
    assert books(group.id) == {c.BANK: 100_000, c.UANG_MUKA: 0, c.PENJUALAN_ONLINE: 0, c.PENDAPATAN_LAIN: -100_000}


def test_cancel_before_deposit_cancels_the_unpaid_order_and_posts_nothing(tailor, make_request):
    group, _p, _m = tailor
    co = make_request("accepted")
    order, _attempt = deposits.start_payment(co, "deposit", "bank_transfer")
    deposits.cancel(co, "Salah pilih", "buyer")
    assert order.parts[0].status == "cancelled"
    assert db.session.query(JournalEntry).filter_by(group_id=group.id).count() == 0


def test_no_cancel_once_the_balance_is_paid(make_request):
    co = make_request("balance_paid")
    assert "cancel" not in available_actions(co, "buyer")
    with pytest.raises(NotAllowed):
        deposits.cancel(co, "Terlambat", "buyer")


def test_messages_mail_the_other_side_and_close_with_the_request(tailor, make_request):
    co = make_request()
    messages.post(co, "group", "Lengan panjang atau pendek?")
    assert messages.awaiting_buyer(co)
    last = db.session.query(OutboxMessage).order_by(OutboxMessage.id.desc()).first()
    assert last.to == "rina@contoh.id" and "Lengan panjang" in last.body
    messages.post(co, "buyer", "Panjang, terima kasih.")
    assert not messages.awaiting_buyer(co)
    quotes.decline(co, "Kain habis")
    with pytest.raises(NotAllowed):
        messages.post(co, "buyer", "Halo?")


def test_previous_measurements_reused_by_secret_link(tailor, make_request):
    _g, product, _m = tailor
    co = make_request()
    assert requests.previous_measurements(co.token, product)["lebar_bahu"] == 44.5
    assert requests.previous_measurements("nope", product) == {}
