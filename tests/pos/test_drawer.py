"""Cash drawer: one open session per till, float, paid in/out with reasons, expected cash, counted cash and the
difference; closing refused while sales wait on the device or a cash conflict is open; numbers without gaps."""
from __future__ import annotations

import pytest

from shop.errors import DomainError
from shop.extensions import db
from shop.pos import drawer, sales
from tests.fixtures.events import new_key, sale_body


def test_expected_cash_is_float_plus_cash_sales_plus_in_minus_out(bazaar):
    session = drawer.open_drawer(bazaar.till, 200_000, bazaar.cashier.id)
    with pytest.raises(DomainError, match="masih terbuka"):
        drawer.open_drawer(bazaar.till, 0, bazaar.cashier.id)
    sku = bazaar.products[0].variants[0].sku
    sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(), sale_body(bazaar, [(sku, 1)], cash=200_000))
    sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(), sale_body(bazaar, [(sku, 1)], method="qris"))
    drawer.add_movement(session, "in", 50_000, "Tambah uang kecil")
    drawer.add_movement(session, "out", 20_000, "Beli kantong plastik")
    with pytest.raises(DomainError, match="alasan"):
        drawer.add_movement(session, "out", 1_000, " ")
    with pytest.raises(DomainError, match="melebihi"):
        drawer.add_movement(session, "out", 10_000_000, "Terlalu banyak")
    assert drawer.expected_cash(session) == 200_000 + 150_000 + 50_000 - 20_000
    with pytest.raises(DomainError, match="belum terkirim"):
        drawer.close_drawer(session, 380_000, waiting_on_device=2, user_id=bazaar.cashier.id)
    closed = drawer.close_drawer(session, 375_000, waiting_on_device=0, user_id=bazaar.cashier.id)
    assert (closed.cash_sales, closed.expected_cash, closed.counted_cash, closed.difference) == \
        (150_000, 380_000, 375_000, -5_000)
    again = drawer.open_drawer(bazaar.till, 0, bazaar.cashier.id)
    assert [s.number for s in drawer.sessions(bazaar.till)] == [1, 2] and again.open_till_id == bazaar.till.id


def test_a_cash_conflict_on_the_till_blocks_closing(bazaar):
    session = drawer.open_drawer(bazaar.till, 0, bazaar.cashier.id)
    db.session.commit()
    key, body = new_key(), sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 9)], cash=2_000_000)
    with pytest.raises(sales.SaleConflict) as caught:
        sales.record_sale(bazaar.cashier, bazaar.event.id, key, body)
    db.session.rollback()
    sales.record_conflict(bazaar.cashier, bazaar.event.id, key, body, caught.value)
    with pytest.raises(DomainError, match="konflik"):
        drawer.close_drawer(session, 0, waiting_on_device=0, user_id=None)


def test_drawer_pages(app, bazaar, login, client):
    login(bazaar.cashier)
    url = f"/kasir/{bazaar.event.id}/laci/{bazaar.till.id}"
    assert "Buka laci kas" in client.get(url).get_data(as_text=True)
    client.post_form(url + "/buka", {"opening_float": "100.000"}, token_page=url)
    client.post_form(url + "/gerak", {"kind": "out", "amount": "abc", "reason": "x"}, token_page=url)
    page = client.get(url).get_data(as_text=True)
    assert "Rp100.000" in page and "Isi jumlah rupiah" in page
    refused = client.post_form(url + "/tutup", {"counted": "100.000", "waiting": "1"}, token_page=url,
                               follow_redirects=True)
    assert "belum terkirim" in refused.get_data(as_text=True)
    client.post_form(url + "/tutup", {"counted": "90.000", "waiting": "0"}, token_page=url)
    assert "-Rp10.000" in client.get(url).get_data(as_text=True)
