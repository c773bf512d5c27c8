"""The till on a phone, offline: three sales recorded without a connection survive a reload, a second tab opens,
and once online exactly those sales reach the server and the groups' books, once each. A sale whose bazaar
stock was taken meanwhile comes back as a conflict while the others go through. axe-core on every till and
organiser page, every till button at least 44×44 px, no sideways scrolling at 360 px."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from shop.accounts.models import User
from shop.catalog.models import Variant
from shop.events import allocation
from shop.events import services as events
from shop.events.models import Event, EventItem, TillSale
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import chart as c
from shop.ledger.chart import create_chart
from shop.ledger.models import JournalEntry
from shop.ledger.services import balance
from shop.orders.models import Order
from tests.browser.seed import seed_small_catalogue

PASSWORD = "rahasia-kasir-2026"


@pytest.fixture
def bazaar_server(live_server):
    app = live_server.app
    seed_small_catalogue(app)
    with app.app_context():
        event = events.create_event(events.EventData("Bazar UKM Disabilitas Jawa Barat", "Lapangan Gasibu",
                                                     date(2026, 12, 1), date(2026, 12, 3)), None)
        event.status = "open"
        groups = list(db.session.scalars(select(Group).order_by(Group.id)))
        for g in groups:
            create_chart(g.id)
        events.invite(event, [g.id for g in groups])
        skus = {"B1-0": 3, "B4-1": 3, "B7-0": 1}  # kemeja M, seragam M, tas anyaman (the last one)
        for part in event.participations:
            events.answer(part, accept=True)
        for sku, q in skus.items():
            v = db.session.scalar(select(Variant).where(Variant.sku == sku))
            part = next(p for p in event.participations if p.group_id == v.product.group_id)
            allocation.set_allocation(part, v.id, q)
        event.status = "running"
        users = {}
        for role in ("cashier", "organiser"):
            user = User(email=f"{role}@bazar.id", role=role, name=role.title(), active=True)
            user.set_password(PASSWORD)
            db.session.add(user)
            users[role] = user
        db.session.flush()
        events.assign_cashier(event, users["cashier"].id)
        db.session.commit()
        live_server.event_id = event.id
    return live_server


def _login(page, server, email):
    page.goto(server.url + "/masuk")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dasbor")


def _checks(page, assert_accessible):
    assert_accessible(page)
    small = page.evaluate("""() => [...document.querySelectorAll('main button, main .button, main select')]
        .filter(b => b.offsetParent !== null)
        .map(b => [b.textContent.trim() || b.getAttribute('aria-label'), b.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44).map(([t, r]) => `${t}: ${r.width}x${r.height}`)""")
    assert not small, small
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    page.set_viewport_size({"width": 390, "height": 844})


def _sell(page, sku, cash):
    page.fill("#q", sku)
    page.click("text=Tambah SKU")
    page.fill("#cash", str(cash))
    page.click("#record")
    page.wait_for_selector("#change:has-text('Penjualan disimpan')")


def _waiting(page, n):
    page.wait_for_function(f"document.getElementById('waiting-text').dataset.count === '{n}'")


def _counts(app):
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(Order)),
                db.session.scalar(select(func.count()).select_from(TillSale).where(TillSale.status == "conflict")),
                db.session.scalar(select(func.count()).select_from(JournalEntry)))


def test_offline_sales_reach_the_server_exactly_once(bazaar_server, page, assert_accessible):
    server, app = bazaar_server, bazaar_server.app
    _login(page, server, "cashier@bazar.id")
    till_url = f"{server.url}/kasir/{server.event_id}"
    page.goto(till_url)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function("caches.open('pk-till-v1').then(c => c.keys()).then(k => k.length >= 5)")
    page.wait_for_selector("#results button")
    _checks(page, assert_accessible)

    context = page.context
    context.set_offline(True)
    for sku, cash in (("B1-0", 250_000), ("B4-1", 120_000), ("B1-0", 500_000)):
        _sell(page, sku, cash)
    _waiting(page, 3)
    page.reload()
    _waiting(page, 3)
    assert "Tanpa koneksi" in page.inner_text("#net")
    second = context.new_page()
    second.goto(till_url)
    _waiting(second, 3)
    assert _counts(app) == (0, 0, 0)

    context.set_offline(False)
    _waiting(page, 0)
    _waiting(second, 0)
    page.click("#send-now")  # a resend from either tab changes nothing
    second.click("#send-now")
    _waiting(page, 0)
    orders, conflicts, entries = _counts(app)
    assert (orders, conflicts) == (3, 0)
    assert entries == 3  # one sale entry per group part, each sale of one group
    with app.app_context():
        batik, jahit = (db.session.scalar(select(Group.id).where(Group.slug == s))
                        for s in ("batik-cahaya-garut", "jahit-mandiri-garut"))
        assert balance(batik, c.PIUTANG_PANITIA) == 2 * 225_000 and balance(batik, c.KAS) == 0
        assert balance(jahit, c.PIUTANG_PANITIA) == 120_000

    # the last tas anyaman: this phone sells it offline while another till sells it online
    context.set_offline(True)
    _sell(page, "B7-0", 100_000)
    _sell(page, "B4-1", 120_000)
    _waiting(page, 2)
    with app.app_context():
        item = db.session.scalar(select(EventItem).join(EventItem.variant).where(Variant.sku == "B7-0"))
        assert allocation.take_for_sale(item.id, 1)
        db.session.commit()
    context.set_offline(False)
    _waiting(page, 0)
    page.wait_for_selector("#done :text('Konflik')")
    assert _counts(app)[:2] == (4, 1)
    _checks(page, assert_accessible)

    page.goto(f"{server.url}/kasir/{server.event_id}/konflik")
    _checks(page, assert_accessible)
    page.click("text=Catat sebagai kelebihan jual")
    assert _counts(app)[:2] == (5, 0)
    page.goto(f"{server.url}/kasir/{server.event_id}/laci/1")
    _checks(page, assert_accessible)


def test_organiser_pages_are_accessible(bazaar_server, page, assert_accessible):
    server = bazaar_server
    _login(page, server, "organiser@bazar.id")
    base = f"{server.url}/panitia/bazar"
    for path in ("", "/baru", f"/{server.event_id}", f"/{server.event_id}/laporan",
                 f"/{server.event_id}/serah-terima", f"/{server.event_id}/cetak"):
        page.goto(base + path)
        assert_accessible(page)
        page.set_viewport_size({"width": 360, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        page.set_viewport_size({"width": 390, "height": 844})
    with server.app.app_context():
        slug = db.session.get(Event, server.event_id).slug
    for url in (f"{server.url}/bazar", f"{server.url}/bazar/{slug}"):
        page.goto(url)
        assert_accessible(page)


def test_the_scanner_polyfill_reads_a_price_tag_qr(bazaar_server, page):
    """Debian's Chromium has no BarcodeDetector: the vendored polyfill (loaded on demand, its WebAssembly from
    our own static files) reads the QR code printed on a price tag, which the till turns into a SKU."""
    import base64
    import io

    import segno

    from shop.events.printing import product_url

    server = bazaar_server
    _login(page, server, "cashier@bazar.id")
    page.goto(f"{server.url}/kasir/{server.event_id}")
    with server.app.test_request_context():
        text = product_url("produk-2", "B1-0")
    png = io.BytesIO()
    segno.make(text, error="m").save(png, kind="png", scale=6, border=2)
    data_uri = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    loaded = []
    page.on("request", lambda r: loaded.append(r.url))
    read = page.evaluate("""async (src) => {
        const cfg = JSON.parse(document.getElementById('till-config').textContent);
        const mod = await import(cfg.polyfill);
        mod.prepareZXingModule({ overrides: { locateFile: (p, prefix) => p.endsWith('.wasm') ? cfg.wasm : prefix + p } });
        const img = new Image(); img.src = src; await img.decode();
        const codes = await new mod.BarcodeDetector({ formats: ['qr_code'] }).detect(img);
        return codes.map(c => new URL(c.rawValue).searchParams.get('sku'));
    }""", data_uri)
    assert read == ["B1-0"]
    assert any(url.endswith("/static/vendor/zxing-wasm/zxing_reader.wasm") for url in loaded)
