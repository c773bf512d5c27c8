"""Checkout posts to the groups' books through the real services, views and signed webhooks; replays post nothing."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.models import JournalEntry, SalesCredit
from shop.ledger.services import balances, trial_balance
from shop.orders.models import Order, OrderPart
from tests.fixtures.orders import event, login, session_object
from tests.payments.test_stripe import card_order, deliver

PASSWORD = "rahasia-koordinator-1"


def books(group_id):
    db.session.expire_all()
    return balances(group_id)


def entry_count():
    return db.session.scalar(select(func.count(JournalEntry.id)))


def confirm(client, part_id):
    detail = f"/kelola/pesanan/{part_id}"
    return client.post_form(detail + "/konfirmasi-bayar", {}, token_page=detail)


def two_groups(make_group, make_member, make_product, price_a=100_000, price_b=250_000):
    ga, gb = make_group(), make_group()
    maker = make_member(ga)
    a = make_product(group=ga, price=price_a, stock=10, makers=[maker])
    b = make_product(group=gb, price=price_b, stock=10)
    return a, b, maker


def part_of(order, group_id):
    return next(p for p in db.session.get(Order, order.id).parts if p.group_id == group_id)


def test_bank_transfer_confirmed_by_coordinator_posts_once(client, make_group, make_member, make_product,
                                                           make_order, make_coordinator):
    a, b, maker = two_groups(make_group, make_member, make_product)
    order = make_order([(a.variants[0], 2), (b.variants[0], 1)], method="bank_transfer", shipping="courier")
    coordinator = make_coordinator(a.group)
    db.session.commit()
    part = part_of(order, a.group_id)
    login(client, coordinator, PASSWORD)
    assert confirm(client, part.id).status_code == 302
    after = books(a.group_id)
    part = db.session.get(OrderPart, part.id)
    assert part.shipping_fee > 0
    assert after[c.BANK] == 200_000 + part.shipping_fee
    assert after[c.PENJUALAN_ONLINE] == -200_000 and after[c.PENDAPATAN_ONGKIR] == -part.shipping_fee
    assert trial_balance(a.group_id) == 0
    credit = db.session.scalar(select(SalesCredit).where(SalesCredit.order_part_id == part.id))
    assert (credit.member_id, credit.product_id, credit.amount) == (maker.id, a.id, 200_000)
    assert books(b.group_id).get(c.BANK, 0) == 0  # the other group's part is not paid yet
    count = entry_count()
    confirm(client, part.id)  # the coordinator clicks twice
    assert entry_count() == count and books(a.group_id) == after


def test_card_payment_posts_sales_and_stripe_fee_once(stripe_app, client, make_group, make_member, make_product):
    a, b, _maker = two_groups(make_group, make_member, make_product)
    order, payment = card_order([(a.variants[0], 1), (b.variants[0], 1)])
    session = session_object(order, payment)
    session["payment_intent"] = {"id": "pi_test_123", "latest_charge": {
        "id": "ch_1", "balance_transaction": {"id": "txn_1", "fee": 1_015_000, "currency": "idr"}}}
    payload = event("checkout.session.completed", session)
    assert deliver(client, payload).json["outcome"] == "ok: paid"
    ba, bb = books(a.group_id), books(b.group_id)
    # Stripe's fee Rp10.150 split by part amount (100.000 : 250.000)
    assert ba[c.BIAYA_PEMBAYARAN] + bb[c.BIAYA_PEMBAYARAN] == 10_150
    assert (ba[c.BIAYA_PEMBAYARAN], bb[c.BIAYA_PEMBAYARAN]) == (2_900, 7_250)
    assert ba[c.PIUTANG_PLATFORM] == 100_000 - 2_900 and ba[c.PENJUALAN_ONLINE] == -100_000
    assert bb[c.PIUTANG_PLATFORM] == 250_000 - 7_250 and bb[c.PENJUALAN_ONLINE] == -250_000
    assert trial_balance(a.group_id) == trial_balance(b.group_id) == 0
    count = entry_count()
    assert deliver(client, payload).json["outcome"] == "duplicate"
    again = deliver(client, event("checkout.session.completed", session_object(order, payment)))
    assert again.json["outcome"] == "ok: already paid"
    assert entry_count() == count and books(a.group_id) == ba and books(b.group_id) == bb


def test_card_fee_at_configured_rate_without_balance_transaction(stripe_app, client, make_product):
    p = make_product(price=100_000)
    order, payment = card_order([(p.variants[0], 1)])
    deliver(client, event("checkout.session.completed", session_object(order, payment)))
    assert books(p.group_id)[c.BIAYA_PEMBAYARAN] == 2_900  # 2.9% default rate


def test_cash_on_delivery_and_refund_reverse_the_sale(client, make_group, make_member, make_product, make_order,
                                                      make_coordinator):
    a, b, _maker = two_groups(make_group, make_member, make_product)
    order = make_order([(a.variants[0], 1), (b.variants[0], 2)], method="cash_on_delivery")
    coordinator = make_coordinator(b.group)
    db.session.commit()
    part = part_of(order, b.group_id)
    login(client, coordinator, PASSWORD)
    assert confirm(client, part.id).status_code == 302
    paid = books(b.group_id)
    assert paid[c.KAS] == 500_000 and paid[c.PENJUALAN_ONLINE] == -500_000
    url = f"/kelola/pesanan/{part.id}/refund"
    assert client.post_form(url, {"reason": "Barang rusak"}).status_code == 302
    after = books(b.group_id)
    assert after[c.KAS] == 0 and after[c.RETUR_PENJUALAN] == 500_000
    assert after[c.PENJUALAN_ONLINE] + after[c.RETUR_PENJUALAN] == 0  # net sales = paid − refunded
    assert trial_balance(b.group_id) == 0
    net = db.session.scalar(select(func.sum(SalesCredit.amount)).where(SalesCredit.order_part_id == part.id))
    assert net == 0
    count = entry_count()
    assert client.post_form(url, {"reason": "Barang rusak"}).status_code in (302, 400)  # twice: refused
    assert entry_count() == count and books(b.group_id) == after


def test_card_refund_by_coordinator_and_dashboard_replay(stripe_app, client, make_group, make_member,
                                                         make_product, make_coordinator):
    a, b, _maker = two_groups(make_group, make_member, make_product)
    order, payment = card_order([(a.variants[0], 1), (b.variants[0], 1)])
    deliver(client, event("checkout.session.completed", session_object(order, payment)))
    coordinator = make_coordinator(b.group)
    db.session.commit()
    part = part_of(order, b.group_id)
    login(client, coordinator, PASSWORD)
    assert client.post_form(f"/kelola/pesanan/{part.id}/refund", {"reason": "Salah ukuran"}).status_code == 302
    bb = books(b.group_id)
    assert bb[c.RETUR_PENJUALAN] == 250_000 and bb[c.PIUTANG_PLATFORM] == -bb[c.BIAYA_PEMBAYARAN]
    entry = db.session.scalar(select(JournalEntry).where(JournalEntry.kind == "refund"))
    assert entry.reference.startswith("refund:re_test_") and entry.reverses_id is not None
    # Stripe then reports the whole charge refunded: only the part still paid is refunded, once
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_test_123", "amount": order.total * 100,
              "amount_refunded": order.total * 100, "currency": "idr", "refunded": True,
              "refunds": {"data": [{"id": "re_dash_1"}]}}
    payload = event("charge.refunded", charge)
    assert deliver(client, payload).json["outcome"] == "ok: 1 part(s) refunded"
    ba = books(a.group_id)
    assert ba[c.RETUR_PENJUALAN] == 100_000 and ba[c.PENJUALAN_ONLINE] == -100_000
    count = entry_count()
    deliver(client, payload)
    deliver(client, event("charge.refunded", charge))
    assert entry_count() == count and books(a.group_id) == ba and books(b.group_id) == bb
    assert trial_balance(a.group_id) == trial_balance(b.group_id) == 0


def test_new_group_gets_its_chart_and_settings(app):
    from shop.coop.models import CoopSettings
    from shop.coop.settings import coop_settings
    from shop.groups.models import Region
    from shop.groups.services import GroupData, create_group
    from shop.ledger.chart import accounts_by_code
    from shop.ledger.models import BookSettings

    region = Region(province="Jawa Barat", name="Bandung", kind="kota", slug="kota-bandung-wiring")
    db.session.add(region)
    db.session.flush()
    group = create_group(GroupData(name="Kelompok Buku Baru", region_id=region.id, crafts=["batik_tulis"]))
    assert set(accounts_by_code(group.id)) == {code for code, _n, _k in c.CHART}
    assert db.session.get(BookSettings, group.id).card_fee_basis_points == 290
    # the cooperative settings live above groups: none is stored yet, the pure getter gives the defaults
    assert db.session.get(CoopSettings, group.id) is None
    assert coop_settings(group.id).cadangan_percent == 40
