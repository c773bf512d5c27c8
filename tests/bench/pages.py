"""Which URLs the bench measures, and what it measures in-process: SQL statements and page weight."""
from __future__ import annotations

import gzip
import re
import urllib.request

import sqlalchemy as sa

from shop.extensions import db

ASSET_RE = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')
IMG_RE = re.compile(r'<img[^>]+?src="([^"]+)"[^>]*?srcset="([^"]+)"')
TRIVIAL = "/bench/trivial"


def add_trivial_route(app) -> None:
    """A route that only returns a short text: the same app (its before- and after-request hooks, session,
    security headers, compression) behind the same server, doing no work of its own. `/sehat`, the health check,
    asks the database twice, so it is not a floor."""
    app.add_url_rule(TRIVIAL, "bench_trivial", lambda: "ok")


def urls(app) -> tuple[dict[str, str], list[str]]:
    """The pages measured, chosen from the data so they exist on every backend and size; plus notes on pages
    that cannot be measured here, which are skipped. The till catalogue is a signed-in cashier's JSON
    (tests/bench/till_load.py)."""
    from shop.catalog.models import Product
    from shop.groups.models import Group
    from tests.bench import till_load  # it builds on this module

    with app.app_context():
        group = db.session.scalar(sa.select(Group).join(Product).where(Group.status == "active")
                                  .group_by(Group.id).order_by(sa.func.count(Product.id).desc()))
        product = db.session.scalar(sa.select(Product).where(Product.slug.not_like("bench-%"),
                                                             Product.status == "published").order_by(Product.id))
        rare = db.session.scalar(sa.select(Product.id).where(Product.slug.like("bench-%"))
                                 .order_by(Product.id.desc()))
        total = db.session.scalar(sa.select(sa.func.count(Product.id)).where(Product.status == "published"))
    deep = max(1, total // app.config["PER_PAGE"] * 3 // 4)
    pages = {
        "home": "/",
        "catalogue p1": "/katalog",
        "catalogue deep": f"/katalog?page={deep}",
        "catalogue filtered": "/katalog?craft=batik_tulis&kind=ready_made&price_min=100000&price_max=900000"
                              "&in_stock=1&sort=price_asc",
        "search common": "/katalog?q=batik",
        "search rare": f"/katalog?q={rare}" if rare else "/katalog?q=zamrud",  # a bench product's own number
        "product": f"/produk/{product.slug}",
        "group": f"/kelompok/{group.slug}",
    }
    notes = []
    event = _public_event(app)
    if event:
        pages["event page"] = f"/bazar/{event}"
    else:
        notes.append("event page: skipped, no published bazaar with stock held in this catalogue")
    till = till_load.event_id(app)
    if till:
        pages[till_load.PAGE] = till_load.catalogue_path(till)  # driven signed in as the demo's cashier
    else:
        notes.append("till catalogue: skipped, the demo's cashier has no running bazaar with items here")
    return pages, notes


def till(app) -> tuple[str | None, str]:
    """The till of the bazaar the demo cashier sells at today, signed in as that cashier (Lighthouse scores it):
    (path, note), path None when there is none, the note saying why."""
    from shop.accounts.models import User
    from shop.demo.loader import DEMO_CASHIER
    from shop.pos import access

    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == DEMO_CASHIER, User.active.is_(True)))
        running = [e.id for e in access.events_for(user) if e.status == "running"] if user else []
        db.session.remove()
    if not user:
        return None, f"till: not scored, no active demo cashier {DEMO_CASHIER} in this database"
    if not running:
        return None, (f"till: not scored, {DEMO_CASHIER} has no running bazaar (the demo's is dated the day the "
                      "demo was loaded)")
    return f"/kasir/{running[0]}", f"till: /kasir/{running[0]}, signed in as {DEMO_CASHIER}"


def _public_event(app) -> str | None:
    """The slug of the public bazaar page that shows the most products."""
    from shop.events.models import Event, EventItem
    from shop.events.queries import PUBLIC

    with app.app_context():
        return db.session.scalar(sa.select(Event.slug).join(EventItem, EventItem.event_id == Event.id)
                                 .where(Event.status.in_(PUBLIC)).group_by(Event.id, Event.slug)
                                 .order_by(sa.func.count(EventItem.id).desc(), Event.id))


def statements(app, url: str, client=None) -> int:
    """SQL statements of one request for url, after a first request warmed the caches; `client` (a signed-in
    test client) or an anonymous one."""
    counted: list[str] = []

    def before(conn, cursor, statement, *args):
        counted.append(statement)

    with app.app_context():
        client = client or app.test_client()
        client.get(url)
        sa.event.listen(db.engine, "before_cursor_execute", before)
        try:
            response = client.get(url)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", before)
        assert response.status_code == 200, (url, response.status_code)
    return len(counted)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def weight(base: str, path: str) -> dict:
    """HTML + linked CSS and JS as served, plain and gzip-compressed (level 6, as nginx's default compression
    would send them), and the images the page refers to (img src and every srcset candidate)."""
    html = _get(base + path)
    text = html.decode()
    assets = {a or b: _get(base + (a or b)) for a, b in ASSET_RE.findall(text)}
    plain = len(html) + sum(len(body) for body in assets.values())
    compressed = len(gzip.compress(html, 6)) + sum(len(gzip.compress(body, 6)) for body in assets.values())
    sources, candidates = set(), set()
    for src, srcset in IMG_RE.findall(text):
        sources.add(src)
        candidates.update(part.strip().split(" ")[0] for part in srcset.split(","))
    sizes = {url: len(_get(base + url)) for url in sources | candidates}
    largest = max(sizes.items(), key=lambda kv: kv[1]) if sizes else ("", 0)
    return {"html": len(html), "css_js": plain - len(html), "total": plain, "total_gzip": compressed,
            "images": len(sources), "largest_image": largest[1], "largest_image_url": largest[0],
            "largest_src_image": max((sizes[u] for u in sources), default=0),
            "all_webp": all(u.endswith(".webp") for u in sizes)}
