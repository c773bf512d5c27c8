"""Chart geometry and channels: bars scale to the top gridline, a channel the books add later (made-to-measure
as "custom") is counted and labelled without code changes."""
from __future__ import annotations

from datetime import date

from sqlalchemy import insert

from shop.extensions import db
from shop.impact import charts, tables
from shop.impact.figures import channel_order, overview
from shop.impact.period import Period
from shop.impact.scope import Scope
from shop.ledger.models import JournalEntry, SalesCredit


def test_columns_scale_to_a_round_top_and_stack_in_order():
    chart = charts.columns("c", "Uji", [("Jan 2026", {"online": 300_000, "bazaar": 100_000}),
                                        ("Feb 2026", {"online": 900_000})], ["online", "bazaar"])
    assert charts.nice_max(900_000) == 1_000_000 and charts.nice_max(0) == 1
    jan, feb = chart.bars
    assert [s.series for s in jan.segments] == ["online", "bazaar"]
    plot = chart.ticks[0][0] - chart.ticks[-1][0]  # from the 0 line up to the top gridline
    assert abs(feb.segments[0].h - plot * 0.9) < 0.2 and abs(jan.segments[1].y + jan.segments[1].h
                                                               - jan.segments[0].y) < 0.2
    assert [t[1] for t in chart.ticks] == ["0", "500 rb", "1 jt"]


def test_a_custom_channel_is_counted_and_labelled(make_group):
    group = make_group()
    entry = db.session.scalars(insert(JournalEntry).returning(JournalEntry.id), [
        {"group_id": group.id, "date": date(2026, 10, 3), "kind": "sale"}]).one()
    db.session.execute(insert(SalesCredit), [
        {"group_id": group.id, "entry_id": entry, "date": date(2026, 10, 3), "channel": channel,
         "amount": amount, "is_member_sale": False} for channel, amount in (("custom", 450_000), ("online", 50_000))])
    result = overview(Scope(), Period(date(2026, 10, 31)))
    assert result.groups[0].by_channel == {"custom": 450_000, "online": 50_000}
    assert channel_order({"zzz", "custom", "online"}) == ["online", "custom", "zzz"]
    chart = tables.sales_chart(result)
    assert [label for _k, label, _c in chart.series] == ["Online", "Pesanan khusus (ukur badan)"]
