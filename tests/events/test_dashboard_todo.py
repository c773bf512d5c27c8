"""The organiser's and the cashier's dashboards list their real work, counted and linked to the page that resolves
it; each count follows the state underneath, and an empty list says what to do."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from shop.events import allocation, settlement
from shop.events import services as events
from shop.extensions import db
from shop.pos import drawer, sales
from shop.timefmt import today_wib
from tests.fixtures.events import new_key, sale_body


def _todo(client) -> list[tuple[str, str]]:
    """(link, text) of each to-do item on the dashboard."""
    html = client.get("/dasbor").get_data(as_text=True)
    section = html.split('id="h-todo"', 1)[1].split("</section>", 1)[0]
    return [(href.replace("&amp;", "&"), text.strip())
            for href, text in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', section)]


def _texts(client) -> list[str]:
    return [text for _link, text in _todo(client)]


def _conflict(bazaar):
    """A sale asking more than the allocation: kept as a conflict, as the till's API does."""
    key, body = new_key(), sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 4)], cash=5_000_000)
    with pytest.raises(sales.SaleConflict) as caught:
        sales.record_sale(bazaar.cashier, bazaar.event.id, key, body)
    db.session.rollback()
    sales.record_conflict(bazaar.cashier, bazaar.event.id, key, body, caught.value)
    db.session.commit()


def test_an_organiser_without_events_is_told_what_to_do(client, make_user, login):
    login(make_user("organiser"))
    html = client.get("/dasbor").get_data(as_text=True)
    assert "Yang perlu dikerjakan" in html and "Buat bazar baru lalu undang kelompok" in html
    assert _todo(client) == []


def test_organiser_todo_counts_follow_invitations_booths_and_stock(client, make_user, make_event, make_books,
                                                                    make_product, login):
    organiser = make_user("organiser")
    soon = today_wib() + timedelta(days=10)
    event = make_event(status="open", name="Bazar Gasibu", starts_on=soon, ends_on=soon, organiser=organiser)
    make_event(status="open", name="Bazar Orang Lain", starts_on=soon, ends_on=soon, organiser=make_user("organiser"))
    groups = [make_books(name=f"Kelompok {n}") for n in range(3)]
    product = make_product(group=groups[0], price=90_000, stock=5)
    events.invite(event, [g.id for g in groups])
    db.session.commit()
    login(organiser)
    todo = _todo(client)
    assert (f"/panitia/bazar/{event.id}#kelompok", "1 bazar akan datang: siapkan kelompok, stan dan kasir") in todo
    assert (f"/panitia/bazar/{event.id}#kelompok", "3 kelompok belum menjawab undangan Bazar Gasibu") in todo
    assert not any("Orang Lain" in text for _l, text in todo)  # another organiser's event is not this one's work

    first, second, _third = sorted(event.participations, key=lambda p: p.group_id)
    events.answer(first, accept=True)
    events.answer(second, accept=False)
    db.session.commit()
    texts = _texts(client)
    assert "1 kelompok belum menjawab undangan Bazar Gasibu" in texts
    assert "1 kelompok di Bazar Gasibu belum punya stan atau stok" in texts

    events.set_booth(event, first.id, "A1")
    db.session.commit()
    assert "1 kelompok di Bazar Gasibu belum punya stan atau stok" in _texts(client)  # a booth, still no stock
    allocation.set_allocation(first, product.variants[0].id, 2)
    db.session.commit()
    assert not any("stan atau stok" in text for text in _texts(client))


def test_organiser_todo_shows_running_bazaars_conflicts_and_hand_overs(client, bazaar, login):
    login(bazaar.organiser)
    todo = _todo(client)
    assert (f"/panitia/bazar/{bazaar.event.id}", "1 bazar berlangsung hari ini") in todo
    assert (f"/panitia/bazar/{bazaar.event.id}#kelompok",
            f"2 kelompok di {bazaar.event.name} belum punya stan atau stok") in todo  # no booths yet
    assert not any("bermasalah" in text for _l, text in todo)

    _conflict(bazaar)
    _conflict(bazaar)
    assert (f"/kasir/{bazaar.event.id}/konflik",
            f"2 penjualan bermasalah di {bazaar.event.name} perlu diselesaikan") in _todo(client)
    for sale in sales.conflicts(bazaar.event):
        sales.resolve(bazaar.cashier, bazaar.event.id, sale.id, "cancel", "Pembeli batal")
    sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(),
                      sale_body(bazaar, [(p.variants[0].sku, 1) for p in bazaar.products]))
    events.transition(bazaar.event, "closed")
    db.session.commit()
    todo = _todo(client)
    assert not any("bermasalah" in text or "berlangsung" in text for _l, text in todo)
    assert (f"/panitia/bazar/{bazaar.event.id}/serah-terima",
            f"2 kelompok menunggu serah terima hasil {bazaar.event.name}") in todo

    settlement.record_settlement(bazaar.event, bazaar.groups[0].id, "cash", today_wib(), "Rina", "Ketua")
    db.session.commit()
    assert f"1 kelompok menunggu serah terima hasil {bazaar.event.name}" in _texts(client)
    settlement.record_settlement(bazaar.event, bazaar.groups[1].id, "cash", today_wib(), "Rina", "Ketua")
    db.session.commit()
    assert _todo(client) == [(f"/panitia/bazar/{bazaar.event.id}",
                              f"{bazaar.event.name} sudah diserahterimakan semua: tandai sudah diselesaikan")]
    events.transition(bazaar.event, "settled")
    db.session.commit()
    assert _todo(client) == []


def test_a_cashier_without_a_running_bazaar_is_told_what_to_do(client, make_user, login):
    login(make_user("cashier"))
    html = client.get("/dasbor").get_data(as_text=True)
    assert "Belum ada bazar berlangsung yang ditugaskan kepada Anda" in html and _todo(client) == []


def test_cashier_todo_opens_the_till_the_drawer_and_the_conflicts(client, bazaar, make_user, login):
    login(bazaar.cashier)
    event = bazaar.event
    assert _todo(client) == [(f"/kasir/{event.id}", f"Buka kasir {event.name} (sedang berlangsung)")]

    drawer.open_drawer(bazaar.till, 100_000, bazaar.cashier.id)
    db.session.commit()
    assert (f"/kasir/{event.id}/laci/{bazaar.till.id}",
            f"Laci kas {bazaar.till.name} di {event.name} masih terbuka: hitung uang lalu tutup setelah berjualan"
            ) in _todo(client)
    session = drawer.open_session(bazaar.till)
    drawer.close_drawer(session, drawer.expected_cash(session), 0, bazaar.cashier.id)
    db.session.commit()
    assert not any("Laci kas" in text for text in _texts(client))
    _conflict(bazaar)
    assert _todo(client)[1:] == [(f"/kasir/{event.id}/konflik",
                                  f"1 penjualan bermasalah di {event.name} perlu diselesaikan")]

    other = make_user("cashier")  # not assigned to this bazaar: none of its work
    client.post_form("/keluar", token_page="/dasbor")
    login(other)
    assert _todo(client) == []
