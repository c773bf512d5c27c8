"""A group's own static QRIS at the till: uploaded in the coordinator's profile, offered for a sale of that one
group's items, posted Bank against Penjualan bazaar (the money is in the group's account, not with the organiser),
and shown at settlement as already received by the group: the organiser hands over only the rest."""
from __future__ import annotations

import io
import json
import re

import pytest
from sqlalchemy import func, select

from shop.events import services as events
from shop.events import settlement
from shop.events.models import EventItem, Settlement, TillSale
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import chart as c
from shop.ledger.services import balance, trial_balance
from shop.orders.models import Order
from shop.pos import lines, sales
from shop.timefmt import today_wib
from tests.fixtures.events import new_key, sale_body
from tests.fixtures.workspace import image_bytes

CSRF_FIELD = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _with_qris(group: Group, name: str = "abc123-480.webp") -> None:
    group.qris_image = name
    db.session.commit()


def _sell(bazaar, wanted, method, cash=None):
    answer = sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(),
                               sale_body(bazaar, wanted, method=method, cash=cash))
    db.session.commit()
    return answer


def test_a_sale_paid_to_the_groups_qris_posts_bank_not_piutang_panitia(bazaar):
    batik, _jahit = bazaar.groups
    _with_qris(batik)
    answer = _sell(bazaar, [(bazaar.products[0].variants[0].sku, 2)], "qris_group")
    assert answer.status == 201 and answer.payload["total"] == 300_000
    order = db.session.scalar(select(Order))
    assert order.payment_method == "till_qris_group" and [p.group_id for p in order.parts] == [batik.id]
    assert balance(batik.id, c.BANK) == 300_000 and balance(batik.id, c.PENJUALAN_BAZAAR) == -300_000
    assert balance(batik.id, c.PIUTANG_PANITIA) == 0 and balance(batik.id, c.KAS) == 0
    assert trial_balance(batik.id) == 0
    assert db.session.scalar(select(TillSale)).method == "qris_group"


def test_the_groups_qris_is_refused_for_items_of_two_groups_and_nothing_changes(bazaar):
    _with_qris(bazaar.groups[0])
    _with_qris(bazaar.groups[1], "def456-480.webp")
    body = sale_body(bazaar, [(p.variants[0].sku, 1) for p in bazaar.products], method="qris_group")
    with pytest.raises(lines.BadSale, match="semua barangnya dari satu kelompok"):
        sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(), body)
    db.session.rollback()
    assert _count(Order) == 0 and _count(TillSale) == 0
    assert [db.session.get(EventItem, i.id).quantity for i in bazaar.items] == [3, 3]
    assert balance(bazaar.groups[0].id, c.BANK) == 0


def test_the_api_answers_422_for_a_two_group_sale_on_the_groups_qris(app, bazaar):
    from tests.events.test_event_views import _client

    client = _client(app, bazaar.cashier)
    html = client.get(f"/kasir/{bazaar.event.id}").get_data(as_text=True)
    token = re.search(r'"csrf": "([^"]+)"', html).group(1)
    body = sale_body(bazaar, [(p.variants[0].sku, 1) for p in bazaar.products], method="qris_group")
    response = client.post(f"/kasir/{bazaar.event.id}/penjualan", data=json.dumps(body),
                           headers={"Idempotency-Key": new_key(), "X-CSRFToken": token,
                                    "Content-Type": "application/json"})
    assert response.status_code == 422 and "satu kelompok" in response.get_json()["message"]
    assert _count(TillSale) == 0


def test_settlement_counts_the_groups_qris_as_already_received(app, bazaar):
    batik, jahit = bazaar.groups
    _with_qris(batik)
    a, b = (p.variants[0].sku for p in bazaar.products)
    _sell(bazaar, [(a, 1)], "cash", cash=200_000)        # Rp150.000 held by the organiser
    _sell(bazaar, [(a, 2)], "qris_group")                # Rp300.000 straight into the group's bank
    _sell(bazaar, [(b, 1)], "qris")                      # Rp75.000 on the organiser's QRIS
    events.transition(bazaar.event, "closed")
    db.session.commit()
    rows = {r.group_id: r for r in settlement.takings(bazaar.event)}
    assert rows[batik.id].total == 450_000 and rows[batik.id].by_method == {"cash": 150_000, "qris_group": 300_000}
    assert rows[batik.id].received_directly == 300_000 and rows[batik.id].owed == rows[batik.id].held == 150_000
    assert rows[jahit.id].received_directly == 0 and rows[jahit.id].held == 75_000
    assert balance(batik.id, c.PIUTANG_PANITIA) == 150_000 and balance(batik.id, c.BANK) == 300_000

    from tests.events.test_event_views import _client
    page = _client(app, bazaar.organiser).get(f"/panitia/bazar/{bazaar.event.id}/serah-terima")
    html = page.get_data(as_text=True)
    assert "Sudah diterima kelompok lewat QRIS kelompok" in html and "Rp300.000" in html
    assert "Catat serah terima Rp150.000" in html and "Catat serah terima Rp450.000" not in html

    done = settlement.record_settlement(bazaar.event, batik.id, "cash", today_wib(), "Rina", "Ketua Batik")
    db.session.commit()
    assert done.amount == 150_000
    assert balance(batik.id, c.PIUTANG_PANITIA) == 0 and balance(batik.id, c.KAS) == 150_000
    assert balance(batik.id, c.BANK) == 300_000 and balance(batik.id, c.PENJUALAN_BAZAAR) == -450_000
    assert trial_balance(batik.id) == 0


def test_a_group_paid_only_to_its_own_qris_has_nothing_to_hand_over(bazaar):
    batik, jahit = bazaar.groups
    _with_qris(batik)
    _sell(bazaar, [(bazaar.products[0].variants[0].sku, 1)], "qris_group")
    _sell(bazaar, [(bazaar.products[1].variants[0].sku, 1)], "cash", cash=75_000)
    events.transition(bazaar.event, "closed")
    db.session.commit()
    assert [r.group_id for r in settlement.unsettled_groups(bazaar.event)] == [jahit.id]
    with pytest.raises(Exception, match="sudah di rekening kelompok"):
        settlement.record_settlement(bazaar.event, batik.id, "cash", today_wib(), "Rina", "Ketua")
    db.session.rollback()
    assert _count(Settlement) == 0 and balance(batik.id, c.BANK) == 150_000
    settlement.record_settlement(bazaar.event, jahit.id, "cash", today_wib(), "Rina", "Ketua")
    events.transition(bazaar.event, "settled")  # no group is still owed anything
    db.session.commit()
    assert bazaar.event.status == "settled"


def test_the_till_gets_each_groups_qris_and_keeps_it_offline(app, bazaar):
    from tests.events.test_event_views import _client

    batik, jahit = bazaar.groups
    _with_qris(batik)
    client = _client(app, bazaar.cashier)
    html = client.get(f"/kasir/{bazaar.event.id}").get_data(as_text=True)
    config = json.loads(re.search(r'<script type="application/json" id="till-config">(.*?)</script>', html,
                                  re.S).group(1))
    assert "/media/abc123-480.webp" in config["assets"]  # cached by the service worker like the organiser's
    assert 'id="qris-group-option" hidden' in html and 'value="qris_group"' in html  # shown by the till's script
    catalogue = client.get(f"/kasir/{bazaar.event.id}/katalog.json").get_json()
    assert catalogue["qris"] == {str(batik.id): "/media/abc123-480.webp"}
    assert {i["gid"] for i in catalogue["items"]} == {batik.id, jahit.id}


def test_coordinator_uploads_and_removes_the_groups_qris(coordinator):
    client, group, _user = coordinator
    page = client.get("/kelola/profil").get_data(as_text=True)
    assert "Belum ada QRIS kelompok" in page
    token = CSRF_FIELD.search(page).group(1)
    refused = client.post("/kelola/profil/qris", data={"csrf_token": token,
                                                       "qris": (io.BytesIO(b"bukan gambar"), "q.png")},
                          content_type="multipart/form-data", follow_redirects=True)
    assert refused.status_code == 200
    db.session.expire_all()
    assert db.session.get(Group, group.id).qris_image is None
    client.post("/kelola/profil/qris", data={"csrf_token": token, "qris": (io.BytesIO(image_bytes("PNG")), "q.png")},
                content_type="multipart/form-data")
    db.session.expire_all()
    image = db.session.get(Group, group.id).qris_image
    assert image and image.endswith("-480.webp")
    page = client.get("/kelola/profil").get_data(as_text=True)
    assert f"/media/{image}" in page and "Hapus QRIS kelompok" in page
    client.post_form("/kelola/profil/qris/hapus", token_page="/kelola/profil")
    db.session.expire_all()
    assert db.session.get(Group, group.id).qris_image is None
