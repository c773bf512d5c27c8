"""The demo's bazaars are made through the real services: a settled past bazaar whose groups' Piutang panitia
is closed, one running today with an open drawer for the cashier, an upcoming one with answers and booths."""
from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from shop.demo import bazaars, loader
from shop.events.models import Event, TillSale
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.services import balance, trial_balance
from shop.pos.models import DrawerSession
from tests.fixtures.orders import login


def test_demo_bazaars(app, client):
    loader.load_demo(groups=6, progress=False, with_history=False)
    result = bazaars.load(date.today(), random.Random(7), loader.DEMO_ORGANISER, loader.DEMO_CASHIER)
    db.session.commit()
    past, running, upcoming = db.session.scalars(select(Event).order_by(Event.id)).all()
    assert (past.status, running.status, upcoming.status) == ("settled", "running", "published")
    assert result["bazaar_sales"] > 10 and "Gedung Sate" in past.venue
    sold = {p.group_id for p in past.participations if any(i.sold for i in p.items)}
    still_selling = {p.group_id for p in running.participations}  # today's takings are still held
    assert sold - still_selling and all(balance(g, c.PIUTANG_PANITIA) == 0 for g in sold - still_selling)
    assert all(trial_balance(g) == 0 for g in sold)
    assert all(balance(g, c.PENJUALAN_BAZAAR) < 0 for g in sold)
    sessions = db.session.scalars(select(DrawerSession).order_by(DrawerSession.id)).all()
    assert [s.number for s in sessions if s.till.event_id == past.id] == [1, 1, 2, 2]
    assert any(s.open_till_id for s in sessions if s.till.event_id == running.id)
    assert {p.status for p in upcoming.participations} >= {"accepted", "declined", "invited"}
    assert db.session.scalar(select(TillSale).where(TillSale.event_id == running.id))

    organiser = db.session.scalar(select(loader.User).where(loader.User.email == loader.DEMO_ORGANISER))
    login(client, organiser, loader.DEMO_PASSWORD)
    assert past.name in client.get("/panitia/bazar").get_data(as_text=True)
    assert "Rp" in client.get(f"/panitia/bazar/{past.id}/laporan").get_data(as_text=True)
    dashboard = client.get("/dasbor").get_data(as_text=True)  # real work: today's bazaar, the silent groups
    assert "1 bazar berlangsung hari ini" in dashboard and f'href="/panitia/bazar/{running.id}"' in dashboard
    assert f"2 kelompok belum menjawab undangan {upcoming.name}" in dashboard
    client.post_form("/keluar", token_page="/dasbor")
    cashier = db.session.scalar(select(loader.User).where(loader.User.email == loader.DEMO_CASHIER))
    login(client, cashier, loader.DEMO_PASSWORD)
    dashboard = client.get("/dasbor").get_data(as_text=True)  # the till to open, the drawer left open
    assert f'href="/kasir/{running.id}"' in dashboard and f"/kasir/{running.id}/laci/" in dashboard
    catalogue = client.get(f"/kasir/{running.id}/katalog.json").get_json()
    assert len(catalogue["qris"]) == 1  # one group's own QRIS, offered for its items alone
    page = client.get("/kasir/").get_data(as_text=True)
    assert running.name in page and f"/kasir/{running.id}" in page
    assert upcoming.name in client.get("/").get_data(as_text=True)
