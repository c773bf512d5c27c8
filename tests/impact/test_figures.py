"""The figures against hand sums on a small fixture: two groups in two provinces, sales online and at a
bazaar, a partial refund, a maker's share paid, simpanan, one buyer who bought from both groups."""
from __future__ import annotations

from datetime import date

import pytest

from shop.coop.services import record_contribution
from shop.extensions import db
from shop.impact.figures import overview
from shop.impact.period import Period, quarter_period
from shop.impact.scope import Scope
from shop.ledger import events

UNTIL = date(2026, 11, 20)


@pytest.fixture
def small(make_region, make_group, make_books, make_member, make_product, sell):
    west, east = make_region("Bandung", "Jawa Barat"), make_region("Kediri", "Jawa Timur")
    g1 = make_books(maker_share_percent=10, name="Batik Satu", region=west, crafts="batik_tulis")
    g2 = make_group(name="Jahit Dua", region=east, crafts="jahit")
    m1, m2 = make_member(g1, name="Ani"), make_member(g1, name="Budi")
    m3 = make_member(g1, name="Citra", joined_on=date(2026, 11, 1))
    make_member(g1, name="Dewi (keluar)", left_on=date(2026, 6, 1))
    n1 = make_member(g2, name="Eko")
    p1 = make_product(group=g1, price=200_000, stock=20, makers=[m1])
    p2 = make_product(group=g1, price=150_000, stock=20, makers=[m2], craft="jahit")
    q1 = make_product(group=g2, price=300_000, stock=20, makers=[n1], craft="jahit")
    sell(p1.variants[0], date(2026, 9, 10), email="siti@contoh.id")
    october = sell(p2.variants[0], date(2026, 10, 5), quantity=2, email="budi@contoh.id")
    events.refund(g1.id, october.id, "refund:uji-1", date(2026, 10, 8), 150_000)
    sell(p1.variants[0], date(2026, 11, 2), email="SITI@contoh.id ", channel="bazaar")
    sell(q1.variants[0], date(2026, 11, 3), email="siti@contoh.id")
    sell(q1.variants[0], date(2026, 11, 25), email="later@contoh.id")  # after UNTIL: not counted
    events.maker_paid(g1.id, m1.id, date(2026, 11, 10), 20_000)  # from the bazaar cash
    record_contribution(g1.id, m1.id, "pokok", 100_000, date(2026, 9, 1))
    record_contribution(g1.id, m2.id, "wajib", 30_000, date(2026, 10, 1))
    db.session.commit()
    return g1, g2, (m1, m2, m3)


def test_group_figures_match_hand_sums(small):
    g1, _g2, (m1, m2, _m3) = small
    result = overview(Scope(), Period(UNTIL))
    one, two = sorted(result.groups, key=lambda g: g.group.name)
    assert one.group.id == g1.id
    assert one.sales == 200_000 + (300_000 - 150_000) + 200_000 == 550_000
    assert one.by_channel == {"online": 350_000, "bazaar": 200_000}
    assert one.orders == 3 and one.average_order == 183_333  # 550 000 / 3, rounded
    assert (one.buyers, one.repeat_buyers) == (2, 1)  # siti twice (case and spaces ignored), budi once
    assert [m.name for m in one.members] == ["Ani", "Budi", "Citra"]  # Dewi has left
    assert one.active_ids == {m1.id, m2.id}
    assert one.active_share == 67
    assert one.member_sales == 550_000 and one.sales_per_member == 183_333
    assert one.shares_paid == 20_000 and one.paid_per_member == 6_667
    assert one.simpanan == 130_000 and one.pokok_paid == 1
    assert two.sales == 300_000 and two.orders == 1 and two.buyers == 1


def test_scope_totals_count_a_buyer_once_across_groups(small):
    result = overview(Scope(), Period(UNTIL))
    assert result.total("sales") == 850_000 and result.total("orders") == 4
    assert result.average_order == 212_500
    assert (result.buyers, result.repeat_buyers) == (2, 1)  # siti bought three times in two groups
    assert (result.active, result.members, result.active_share) == (3, 4, 75)
    assert result.by_craft == {"batik_tulis": 400_000, "jahit": 450_000}
    assert dict(result.by_region()) == {"Kabupaten Kediri, Jawa Timur": 300_000,
                                        "Kabupaten Bandung, Jawa Barat": 550_000}
    months = dict(result.month_rows())
    assert months[2026 * 12 + 8] == {"online": 200_000}
    assert months[2026 * 12 + 9] == {"online": 150_000}
    assert months[2026 * 12 + 10] == {"bazaar": 200_000, "online": 300_000}
    active = {key: (a, n) for key, a, n in result.active_by_month}
    assert active[2026 * 12 + 8] == (1, 4) and active[2026 * 12 + 9] == (2, 4) and active[2026 * 12 + 10] == (3, 4)


def test_filters_by_province_region_craft_and_group(small):
    g1, g2, _m = small
    period = Period(UNTIL)
    assert [g.group.id for g in overview(Scope(province="Jawa Timur"), period).groups] == [g2.id]
    assert [g.group.id for g in overview(Scope(region_id=g1.region_id), period).groups] == [g1.id]
    assert [g.group.id for g in overview(Scope(craft="batik_tulis"), period).groups] == [g1.id]
    assert [g.group.id for g in overview(Scope(group_id=g2.id), period).groups] == [g2.id]
    assert overview(Scope(province="Jawa Barat", craft="jahit"), period).groups == []


def test_a_quarter_counts_only_its_months(small):
    period = quarter_period(2026, 4, UNTIL)
    assert (period.since, period.until, period.months) == (date(2026, 10, 1), UNTIL, 2)
    result = overview(Scope(), period)
    assert result.total("sales") == 150_000 + 200_000 + 300_000
    assert quarter_period(2027, 1, UNTIL) is None and quarter_period(2026, 5, UNTIL) is None
