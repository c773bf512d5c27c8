"""Each flag from a constructed history: raised on the day its rule is met, and NOT one day earlier."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from shop.extensions import db
from shop.impact import flags
from shop.impact.figures import overview
from shop.impact.period import Period
from shop.impact.scope import Scope
from shop.orders import services as orders
from tests.impact.conftest import at_wib


def codes(group, day: date) -> set[str]:
    result = overview(Scope(group_id=group.id), Period(day))
    flags.attach(result.groups)
    return {f.code for f in result.groups[0].flags}


def raised_from(group, code: str, day: date) -> None:
    assert code in codes(group, day), day
    assert code not in codes(group, day - timedelta(days=1)), day - timedelta(days=1)


@pytest.fixture
def shop_group(make_group, make_member, make_product):
    def make(members=1, joined_on=date(2026, 1, 1), stock=50):
        group = make_group()
        makers = [make_member(group, joined_on=joined_on) for _ in range(members)]
        item = make_product(group=group, price=100_000, stock=stock, makers=makers[:1], image=True)
        return group, makers, item.variants[0]

    return make


def _monthly(sell, variant, counts: dict[tuple[int, int], int]) -> None:
    for (year, month), quantity in counts.items():
        if quantity:
            part = sell(variant, date(year, month, 5), quantity=quantity)
            orders.mark_picked_up(part)


def test_sales_fell_three_months_running(shop_group, sell):
    group, _m, variant = shop_group()
    _monthly(sell, variant, {(2026, 8): 4, (2026, 9): 3, (2026, 10): 2, (2026, 11): 1})
    db.session.commit()
    raised_from(group, "sales_fell", date(2026, 11, 30))  # the day November is a whole month
    assert "growth_sales" not in codes(group, date(2026, 11, 30))


def test_growth_sales_up_three_months_running(shop_group, sell):
    group, _m, variant = shop_group()
    _monthly(sell, variant, {(2026, 7): 2, (2026, 8): 1, (2026, 9): 2, (2026, 10): 3, (2026, 11): 4})
    db.session.commit()
    raised_from(group, "growth_sales", date(2026, 11, 30))  # Jul..Oct (2, 1, 2, 3) is not a rise


def test_no_sale_in_60_days(shop_group, sell, make_group):
    group, _m, variant = shop_group()
    orders.mark_picked_up(sell(variant, date(2026, 9, 1)))
    never = make_group()
    never.created_at = at_wib(date(2026, 9, 1))
    db.session.commit()
    raised_from(group, "no_sale_60", date(2026, 10, 31))
    raised_from(never, "no_sale_60", date(2026, 10, 31))


def test_member_without_a_credited_sale_in_90_days(shop_group, sell, make_member):
    group, (maker,), variant = shop_group()
    orders.mark_picked_up(sell(variant, date(2026, 8, 1)))
    newcomer = make_member(group, joined_on=date(2026, 9, 15))
    db.session.commit()
    raised_from(group, "member_idle_90", date(2026, 10, 30))
    result = overview(Scope(group_id=group.id), Period(date(2026, 10, 30)))
    assert [m.id for m in flags.idle(result.groups[0])] == [maker.id]  # the newcomer has had no 90 days yet
    assert {m.id for m in flags.idle(overview(Scope(group_id=group.id), Period(date(2026, 12, 14)))
                                     .groups[0])} == {maker.id, newcomer.id}


def test_listing_without_photo_for_30_days(make_group, make_product):
    group = make_group()
    product = make_product(group=group, image=False)
    product.created_at = at_wib(date(2026, 10, 1))
    db.session.commit()
    raised_from(group, "listing_30", date(2026, 10, 31))


def test_listing_without_stock_30_days_after_its_last_sale(shop_group, sell):
    group, _m, variant = shop_group(stock=1)
    variant.product.created_at = at_wib(date(2026, 9, 1))
    orders.mark_picked_up(sell(variant, date(2026, 10, 5)))  # the last one: stock 0 from 5 October
    db.session.commit()
    raised_from(group, "listing_30", date(2026, 11, 4))


def test_made_to_order_listing_needs_no_stock(make_group, make_product):
    group = make_group()
    product = make_product(group=group, image=True, stock=0, kind="made_to_order")
    product.created_at = at_wib(date(2026, 1, 1))
    db.session.commit()
    assert "listing_30" not in codes(group, date(2026, 11, 1))


def test_order_waiting_for_the_group_more_than_3_days(shop_group, sell):
    group, _m, variant = shop_group()
    sell(variant, date(2026, 11, 2))  # paid on 2 November, not sent
    orders.mark_picked_up(sell(variant, date(2026, 10, 2)))  # handed over: never waiting
    db.session.commit()
    raised_from(group, "waiting_3", date(2026, 11, 6))
    result = overview(Scope(group_id=group.id), Period(date(2026, 11, 6)))
    assert len(result.groups[0].waiting) == 1


def test_reached_nine_members(shop_group, make_member):
    group, _m, _v = shop_group(members=8)
    make_member(group, joined_on=date(2026, 11, 10))
    db.session.commit()
    raised_from(group, "growth_members", date(2026, 11, 10))
    group.legal_form = "koperasi"
    db.session.commit()
    assert "growth_members" not in codes(group, date(2026, 11, 10))


def test_every_flag_has_its_rule_and_name():
    assert set(flags.RULES) == set(flags.NAMES) == set(flags.WARNINGS + flags.GROWTH)
