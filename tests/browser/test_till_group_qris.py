"""The group's own QRIS on the till: offered only while every item of the sale is from that one group, its image
kept for offline use like the organiser's, and a sale paid to it reaches the group's books as money in its bank."""
from __future__ import annotations

from sqlalchemy import select

from shop.accounts.models import User
from shop.events.models import EventOrganiser, TillSale
from shop.extensions import db
from shop.groups import services as groups
from shop.groups.models import Group
from shop.ledger import chart as c
from shop.ledger.services import balance
from tests.browser import test_till_offline as offline
from tests.fixtures.workspace import image_bytes

bazaar_server = offline.bazaar_server  # the till offline test's bazaar: three groups' stock, a cashier
_login, _waiting = offline._login, offline._waiting


def _option_shown(page) -> bool:
    return page.evaluate("!document.getElementById('qris-group-option').hidden")


def _add(page, sku):
    page.fill("#q", sku)
    page.click("text=Tambah SKU")


def test_the_groups_qris_is_offered_only_for_one_groups_items(bazaar_server, page, assert_accessible):
    server, app = bazaar_server, bazaar_server.app
    with app.app_context():
        batik = db.session.scalar(select(Group).where(Group.slug == "batik-cahaya-garut"))
        groups.set_qris(batik, image_bytes("PNG", (500, 500), (0, 0, 0)))
        db.session.commit()
        batik_id, image = batik.id, batik.qris_image
    _login(page, server, "cashier@bazar.id")
    assert page.is_visible(f"a[href='/kasir/{server.event_id}']")  # the dashboard's to-do: open the till
    assert_accessible(page)
    page.goto(f"{server.url}/kasir/{server.event_id}")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function(f"caches.open('pk-till-v1').then(c => c.match('/media/{image}')).then(r => !!r)")
    page.wait_for_selector("#results button")
    assert not _option_shown(page)  # an empty sale

    _add(page, "B1-0")  # batik, which has its own QRIS
    assert _option_shown(page)
    page.check("input[value=qris_group]")
    assert page.is_visible("#qris-group-note") and f"/media/{image}" in page.get_attribute("#qris-group-img", "src")
    assert_accessible(page)
    _add(page, "B4-1")  # jahit's too: two groups, only the organiser's QRIS
    assert not _option_shown(page) and page.is_checked("input[value=cash]")
    assert not page.is_visible("#qris-group-note")
    page.click("#clear")
    _add(page, "B4-1")  # jahit alone: it has no QRIS of its own
    assert not _option_shown(page)
    page.click("#clear")

    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("#results button")
    _add(page, "B1-0")
    page.check("input[value=qris_group]")
    page.wait_for_function("document.getElementById('qris-group-img').naturalWidth > 0")  # from the cache
    page.click("#record")
    _waiting(page, 1)
    page.context.set_offline(False)
    _waiting(page, 0)
    with app.app_context():
        assert db.session.scalar(select(TillSale.method)) == "qris_group"
        assert balance(batik_id, c.BANK) == 225_000 and balance(batik_id, c.PIUTANG_PANITIA) == 0


def test_the_organisers_dashboard_lists_its_work_accessibly(bazaar_server, page, assert_accessible):
    with bazaar_server.app.app_context():
        organiser = db.session.scalar(select(User).where(User.email == "organiser@bazar.id"))
        db.session.add(EventOrganiser(event_id=bazaar_server.event_id, user_id=organiser.id))
        db.session.commit()
    _login(page, bazaar_server, "organiser@bazar.id")
    assert "1 bazar berlangsung hari ini" in page.inner_text("#h-todo + ul")
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
