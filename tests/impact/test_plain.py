"""The group's own view on its coordinator's dashboard, in plain Indonesian."""
from __future__ import annotations

from datetime import date, timedelta

from shop.extensions import db
from shop.impact.period import today_wib
from shop.impact.plain import group_lines, month_sentence
from shop.orders import services as orders


def _texts(group_id, day):
    return [line.text for line in group_lines(group_id, day)]


def test_this_month_against_the_same_days_of_last_month(make_group, make_member, make_product, sell):
    group = make_group()
    maker = make_member(group, name="Ani", joined_on=date(2026, 1, 1))
    idle = [make_member(group, name=n, joined_on=date(2026, 1, 1)) for n in ("Budi", "Citra", "Dewi")]
    cheap = make_product(group=group, price=250_000, stock=10, makers=[maker], image=True)
    dear = make_product(group=group, price=280_000, stock=10, makers=[maker], image=True)
    orders.mark_picked_up(sell(cheap.variants[0], date(2026, 10, 10)))
    orders.mark_picked_up(sell(cheap.variants[0], date(2026, 10, 20)))  # after the 15th: not compared
    orders.mark_picked_up(sell(dear.variants[0], date(2026, 11, 3)))
    db.session.commit()
    lines = _texts(group.id, date(2026, 11, 15))
    assert lines[0].startswith("Bulan ini penjualan naik 12% dari bulan lalu")
    assert "3 anggota belum punya penjualan 90 hari terakhir: " + ", ".join(m.name for m in idle) + "." in lines
    assert _texts(group.id, date(2026, 11, 2))[0].startswith("Bulan ini belum ada penjualan")  # Oct 1-2: none


def test_sentences_say_up_down_same_and_nothing():
    assert "turun 20%" in month_sentence(80_000, 100_000, 9)
    assert "sama dengan" in month_sentence(100_000, 100_000, 9)
    assert month_sentence(50_000, 0, 9).startswith("Bulan ini sudah ada penjualan Rp50.000")


def test_the_coordinator_sees_their_own_group_only(client, make_group, make_member, make_product, sell,
                                                   make_user, login):
    today = today_wib()
    mine, theirs = make_group(name="Kelompok Saya"), make_group(name="Kelompok Tetangga")
    ani = make_member(mine, name="Ani Suryani", private_note="Tuna rungu", joined_on=date(2025, 1, 1))
    make_member(mine, name="Budi Santoso", joined_on=date(2025, 1, 1))
    make_member(theirs, name="Orang Tetangga", joined_on=date(2025, 1, 1))
    batik = make_product(group=mine, price=100_000, stock=10, makers=[ani], image=True)
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    orders.mark_picked_up(sell(batik.variants[0], last_month, quantity=2))
    orders.mark_picked_up(sell(batik.variants[0], today.replace(day=1), quantity=3))
    login(make_user("coordinator", group=mine))
    html = client.get("/kelola").get_data(as_text=True)
    assert "Perkembangan kelompok" in html
    assert "Bulan ini penjualan naik 50% dari bulan lalu" in html
    assert "1 anggota belum punya penjualan 90 hari terakhir: Budi Santoso." in html
    assert "Orang Tetangga" not in html and "Tuna rungu" not in html
