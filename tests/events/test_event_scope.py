"""Events are scoped to the organisers who run them, through the test client with CSRF on: an organiser sees and
manages only its own events (another organiser's is 404 and nothing changes), an admin sees every event, a
co-organiser added to an event then sees it, and the till opens only for the events a user runs or is assigned to."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.events.models import Event, EventCashier, EventOrganiser
from shop.extensions import db
from tests.conftest import ShopClient
from tests.fixtures.accounts import PASSWORD


def _client(app, user):
    db.session.commit()
    app.test_client_class = ShopClient
    client = app.test_client()
    assert client.post_form("/masuk", {"email": user.email, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def two(app, make_user, make_event):
    """Two organisers, each running one event."""
    class Two:
        pass

    t = Two()
    t.ani, t.budi = make_user("organiser", name="Ani"), make_user("organiser", name="Budi")
    t.mine = make_event(name="Bazar Ani", organiser=t.ani, status="open")
    t.theirs = make_event(name="Bazar Budi", organiser=t.budi, status="open")
    db.session.commit()
    return t


def test_the_organiser_who_creates_an_event_runs_it(app, make_user):
    ani = make_user("organiser")
    panitia = _client(app, ani)
    response = panitia.post_form("/panitia/bazar/baru", {"name": "Bazar Baru", "venue": "Gedung Sate",
                                                         "starts_on": "2026-12-05", "ends_on": "2026-12-06"})
    assert response.status_code == 302
    event = db.session.scalar(select(Event).where(Event.name == "Bazar Baru"))
    assert db.session.scalars(select(EventOrganiser.user_id).where(EventOrganiser.event_id == event.id)).all() \
        == [ani.id]


def test_an_organiser_lists_only_its_own_events_and_an_admin_lists_all(app, two, make_user):
    ani = _client(app, two.ani).get("/panitia/bazar").get_data(as_text=True)
    assert "Bazar Ani" in ani and "Bazar Budi" not in ani
    admin = _client(app, make_user("admin")).get("/panitia/bazar").get_data(as_text=True)
    assert "Bazar Ani" in admin and "Bazar Budi" in admin


@pytest.mark.parametrize("suffix", ["", "/ubah", "/laporan", "/laporan.csv", "/laporan.pdf", "/serah-terima",
                                    "/cetak", "/katalog.pdf", "/label.pdf"])
def test_another_organisers_event_pages_are_404(app, two, suffix):
    panitia = _client(app, two.ani)
    assert panitia.get(f"/panitia/bazar/{two.theirs.id}{suffix}").status_code == 404
    assert panitia.get(f"/panitia/bazar/{two.mine.id}{suffix}").status_code == 200


def test_another_organisers_event_cannot_be_changed(app, two, make_user, make_group):
    panitia = _client(app, two.ani)
    url = f"/panitia/bazar/{two.theirs.id}"
    token_page = f"/panitia/bazar/{two.mine.id}"
    cashier = make_user("cashier")
    group = make_group()
    db.session.commit()
    posts = {"/ubah": {"name": "Diambil alih", "venue": "X", "starts_on": "2026-12-05", "ends_on": "2026-12-06"},
             "/status": {"target": "published"}, "/undang": {"groups": [str(group.id)]},
             "/kasir": {"user": cashier.id}, "/mesin": {"name": "Kasir Liar"}, "/panitia": {"organiser": two.ani.id}}
    for suffix, data in posts.items():
        assert panitia.post_form(url + suffix, data, token_page=token_page).status_code == 404, suffix
    db.session.expire_all()
    theirs = db.session.get(Event, two.theirs.id)
    assert (theirs.name, theirs.status, len(theirs.participations), len(theirs.tills)) == ("Bazar Budi", "open", 0, 1)
    assert db.session.scalar(select(EventCashier.id).where(EventCashier.event_id == theirs.id)) is None
    assert db.session.scalars(select(EventOrganiser.user_id).where(EventOrganiser.event_id == theirs.id)).all() \
        == [two.budi.id]


def test_an_organiser_adds_a_co_organiser_who_then_sees_the_event(app, two, make_user):
    citra = make_user("organiser", name="Citra")
    cashier = make_user("cashier")
    db.session.commit()
    citra_client = _client(app, citra)
    assert citra_client.get(f"/panitia/bazar/{two.mine.id}").status_code == 404
    panitia = _client(app, two.ani)
    url = f"/panitia/bazar/{two.mine.id}"
    bad = panitia.post_form(url + "/panitia", {"organiser": cashier.id}, follow_redirects=True)
    assert "Pilih akun panitia yang aktif." in bad.get_data(as_text=True)
    assert panitia.post_form(url + "/panitia", {"organiser": citra.id}).status_code == 302
    assert citra_client.get(url).status_code == 200
    assert "Bazar Ani" in citra_client.get("/panitia/bazar").get_data(as_text=True)
    assert "Citra" in panitia.get(url).get_data(as_text=True)


def test_an_admin_adds_the_organiser_of_an_event_the_admin_made(app, make_user):
    admin, ani = make_user("admin"), make_user("organiser")
    client = _client(app, admin)
    client.post_form("/panitia/bazar/baru", {"name": "Bazar Dinas", "venue": "Gedung Sate",
                                             "starts_on": "2026-12-05", "ends_on": "2026-12-06"})
    event = db.session.scalar(select(Event).where(Event.name == "Bazar Dinas"))
    assert _client(app, ani).get(f"/panitia/bazar/{event.id}").status_code == 404
    client.post_form(f"/panitia/bazar/{event.id}/panitia", {"organiser": ani.id})
    assert _client(app, ani).get(f"/panitia/bazar/{event.id}").status_code == 200


def test_the_till_opens_only_for_the_organisers_own_events(app, bazaar, make_user):
    stranger = make_user("organiser")
    db.session.commit()
    own = _client(app, bazaar.organiser)
    assert own.get(f"/kasir/{bazaar.event.id}").status_code == 200
    assert bazaar.event.name in own.get("/kasir/").get_data(as_text=True)
    other = _client(app, stranger)
    assert other.get(f"/kasir/{bazaar.event.id}").status_code == 403
    assert other.get(f"/kasir/{bazaar.event.id}/katalog.json").status_code == 403
    assert bazaar.event.name not in other.get("/kasir/").get_data(as_text=True)


def test_a_cashier_sees_only_the_events_it_is_assigned_to(app, bazaar, make_user, make_event):
    elsewhere = make_event(name="Bazar Lain", status="running", organiser=bazaar.organiser)
    db.session.commit()
    kasir = _client(app, bazaar.cashier)
    listing = kasir.get("/kasir/").get_data(as_text=True)
    assert bazaar.event.name in listing and "Bazar Lain" not in listing
    assert kasir.get(f"/kasir/{elsewhere.id}").status_code == 403
    assert kasir.get(f"/panitia/bazar/{bazaar.event.id}").status_code == 403
