"""The organiser's and coordinator's bazaar pages through the test client (CSRF on): the whole job from a
draft to a settled event, with the public pages and the home-page link on the way."""
from __future__ import annotations

import json
import re

from sqlalchemy import select

from shop.events import allocation
from shop.events.models import Event, EventItem, EventParticipation, Settlement
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.services import balance
from shop.timefmt import today_wib
from tests.conftest import ShopClient
from tests.fixtures.accounts import PASSWORD
from tests.fixtures.events import new_key

CSRF = re.compile(r'"csrf": "([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _client(app, user):
    db.session.commit()
    app.test_client_class = ShopClient
    client = app.test_client()
    assert client.post_form("/masuk", {"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def test_from_draft_to_settled_through_the_pages(app, make_user, make_books, make_product):
    organiser = make_user("organiser")
    group = make_books(name="Batik Gasibu")
    product = make_product(group=group, price=120_000, stock=6, title="Kain Batik Gasibu")
    coordinator = make_user("coordinator", group=group)
    cashier = make_user("cashier")
    panitia, koordinator, kasir = (_client(app, u) for u in (organiser, coordinator, cashier))

    response = panitia.post_form("/panitia/bazar/baru", {
        "name": "Bazar UKM Disabilitas", "venue": "Lapangan Gasibu", "address": "Jl. Diponegoro, Bandung",
        "map_url": "https://maps.example/gasibu", "starts_on": "2026-12-05", "ends_on": "2026-12-06",
        "opening_hours": "09.00-17.00 WIB", "description": "Bazar karya kelompok binaan."})
    assert response.status_code == 302
    event = db.session.scalar(select(Event))
    url = f"/panitia/bazar/{event.id}"
    bad = panitia.post_form(url + "/ubah", {"name": "X", "venue": "Y", "starts_on": "2026-12-06",
                                            "ends_on": "2026-12-05"})
    assert "Tanggal selesai tidak boleh" in bad.get_data(as_text=True)
    assert panitia.post_form(url + "/status", {"target": "running"}, token_page=url).status_code == 302
    db.session.expire_all()
    assert event.status == "draft"  # not allowed from draft
    panitia.post_form(url + "/status", {"target": "open"}, token_page=url)
    panitia.post_form(url + "/undang", {"groups": [str(group.id)]}, token_page=url)
    page = panitia.get(url).get_data(as_text=True)
    assert "1 kelompok belum menjawab" in page and "Batik Gasibu" in page

    part = db.session.scalar(select(EventParticipation))
    mine = f"/kelola/bazar/{part.id}"
    assert "Bazar UKM Disabilitas" in koordinator.get("/kelola/bazar").get_data(as_text=True)
    koordinator.post_form(mine + "/jawab", {"answer": "accept"}, token_page=mine)
    over = koordinator.post_form(mine + "/stok", {"variant": product.variants[0].id, "quantity": "9"},
                                 token_page=mine, follow_redirects=True)
    assert "tidak bisa dikurangi" in over.get_data(as_text=True)
    koordinator.post_form(mine + "/stok", {"variant": product.variants[0].id, "quantity": "4",
                                           "event_price": "100.000"}, token_page=mine)
    item = db.session.scalar(select(EventItem))
    db.session.refresh(product.variants[0])
    assert (item.quantity, item.event_price, product.variants[0].stock) == (4, 100_000, 2)

    panitia.post_form(url + "/stan", {"participation": part.id, "booth": "A3"}, token_page=url)
    panitia.post_form(url + "/kasir", {"user": cashier.id}, token_page=url)
    panitia.post_form(url + "/status", {"target": "published"}, token_page=url)
    public = app.test_client().get(f"/bazar/{event.slug}").get_data(as_text=True)
    assert "Lapangan Gasibu" in public and "stan A3" in public and "Kain Batik Gasibu" in public
    assert "Bazar UKM Disabilitas" in app.test_client().get("/").get_data(as_text=True)
    panitia.post_form(url + "/status", {"target": "running"}, token_page=url)

    till_page = kasir.get(f"/kasir/{event.id}").get_data(as_text=True)
    till_id = db.session.get(Event, event.id).tills[0].id
    body = {"till": till_id, "method": "qris", "lines": [{"sku": product.variants[0].sku, "qty": 3}]}
    sale = kasir.post(f"/kasir/{event.id}/penjualan", data=json.dumps(body), content_type="application/json",
                      headers={"X-CSRFToken": CSRF.search(till_page).group(1), "Idempotency-Key": new_key()})
    assert sale.status_code == 201, sale.get_data(as_text=True)
    receipt = app.test_client().get(f"/kasir/struk/{sale.get_json()['token']}").get_data(as_text=True)
    assert "Rp300.000" in receipt and "wa.me" in receipt

    report = panitia.get(url + "/laporan").get_data(as_text=True)
    assert "Rp300.000" in report and "QRIS" in report
    csv_text = panitia.get(url + "/laporan.csv").get_data(as_text=True)
    assert "Kain Batik Gasibu" in csv_text and "300000" in csv_text
    assert panitia.get(url + "/laporan.pdf").data[:4] == b"%PDF"
    for path in ("/katalog.pdf?ukuran=a4", "/katalog.pdf?ukuran=a5", "/label.pdf?tata=3x8", "/label.pdf?tata=2x5"):
        response = panitia.get(url + path)
        assert response.status_code == 200 and response.data[:4] == b"%PDF", path

    early = panitia.post_form(url + "/serah-terima", {"group": group.id, "method": "cash",
                                                      "handed_over_on": today_wib().isoformat(), "handed_over_by": "Panitia",
                                                      "received_by": "Ketua"}, follow_redirects=True)
    assert "Tutup bazar dulu" in early.get_data(as_text=True)
    panitia.post_form(url + "/status", {"target": "closed"}, token_page=url)
    db.session.refresh(product.variants[0])
    assert product.variants[0].stock == 3  # the unsold unit is back online
    assert balance(group.id, c.PIUTANG_PANITIA) == 300_000
    panitia.post_form(url + "/serah-terima", {"group": group.id, "method": "cash", "handed_over_on": today_wib().isoformat(),
                                              "handed_over_by": "Panitia", "received_by": "Ketua"})
    assert db.session.scalar(select(Settlement)).amount == 300_000
    assert balance(group.id, c.PIUTANG_PANITIA) == 0 and balance(group.id, c.KAS) == 300_000
    assert panitia.get(url + f"/serah-terima/{group.id}.pdf").data[:4] == b"%PDF"
    panitia.post_form(url + "/status", {"target": "settled"}, token_page=url)
    db.session.expire_all()
    assert db.session.get(Event, event.id).status == "settled"
    assert "Bazar UKM Disabilitas" in app.test_client().get("/bazar").get_data(as_text=True)


def test_another_groups_invitation_is_404_and_organiser_pages_403_for_coordinators(app, make_user, make_event,
                                                                                    make_group):
    from shop.events import services as events

    event = make_event(status="open")
    other = make_group()
    events.invite(event, [other.id])
    part = event.participations[0]
    client = _client(app, make_user("coordinator"))
    assert client.get(f"/kelola/bazar/{part.id}").status_code == 404
    assert client.post_form(f"/kelola/bazar/{part.id}/jawab", {"answer": "accept"},
                            token_page="/kelola/bazar").status_code == 404
    assert client.get(f"/panitia/bazar/{event.id}").status_code == 403
    db.session.expire_all()
    assert db.session.get(EventParticipation, part.id).status == "invited"


def test_the_organisers_qris_is_shown_on_the_till(app, bazaar, make_user):
    import io

    from PIL import Image

    panitia = _client(app, bazaar.organiser)
    url = f"/panitia/bazar/{bazaar.event.id}"
    token = CSRF_FIELD.search(panitia.get(url).get_data(as_text=True)).group(1)
    refused = panitia.post(url + "/qris", data={"csrf_token": token, "qris": (io.BytesIO(b"bukan gambar"), "q.png")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert refused.status_code == 200
    db.session.expire_all()
    assert db.session.get(Event, bazaar.event.id).qris_image is None
    picture = io.BytesIO()
    Image.new("RGB", (600, 600), (0, 0, 0)).save(picture, "PNG")
    picture.seek(0)
    panitia.post(url + "/qris", data={"csrf_token": token, "qris": (picture, "qris.png")},
                 content_type="multipart/form-data")
    db.session.expire_all()
    image = db.session.get(Event, bazaar.event.id).qris_image
    assert image and image.endswith("-480.webp")
    till = _client(app, bazaar.cashier).get(f"/kasir/{bazaar.event.id}").get_data(as_text=True)
    assert f"/media/{image}" in till and "QRIS panitia" in till


def test_public_event_page_shows_cached_cards_filtered_in_a_fixed_number_of_statements(
        app, bazaar, make_product, query_counter):
    """The bazaar's public catalogue: the catalogue's own cards for what its accepted groups bring, filtered by
    group and word; more products held for it do not add statements."""
    client = app.test_client()
    url = f"/bazar/{bazaar.event.slug}"
    page = client.get(url).get_data(as_text=True)
    assert all(p.title in page for p in bazaar.products) and 'class="card' in page
    first, second = bazaar.products
    only = client.get(f"{url}?kelompok={bazaar.groups[1].slug}").get_data(as_text=True)
    assert second.title in only and first.title not in only
    word = client.get(f"{url}?q={first.title.split()[-1]}").get_data(as_text=True)
    assert first.title in word and second.title not in word
    not_held = make_product(group=bazaar.groups[0], title="Tidak Dibawa ke Bazar")
    db.session.commit()
    assert not_held.title not in client.get(url).get_data(as_text=True)

    def count() -> int:
        db.session.expire_all()
        with query_counter() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    client.get(url)
    few = count()
    part = bazaar.event.participations[0]
    for _ in range(12):
        product = make_product(group=bazaar.groups[0], stock=4)
        allocation.set_allocation(part, product.variants[0].id, 2)
    db.session.commit()
    client.get(url)
    many = count()
    assert many == few and many <= 8
