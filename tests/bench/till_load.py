"""The bazaar till under load, as the demo's cashier (kasir@pasarkarya.id) at the demo's running bazaar (it starts
on the day the demo is loaded and the cashier is assigned to it): its catalogue JSON driven like the public pages
with the signed-in session cookie, and cash sales of one unit posted as static/js/till.js posts them (JSON body,
a fresh UUID as Idempotency-Key, the CSRF token from token.json in X-CSRFToken) by several cashiers at once for a
fixed time. Afterwards the event items' sold counts rose by exactly the sales recorded and nothing went negative."""
from __future__ import annotations

import http.client
import http.cookiejar
import json
import time
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime
from multiprocessing import Pool

import sqlalchemy as sa

from shop.demo.loader import DEMO_CASHIER, DEMO_PASSWORD
from shop.extensions import db
from tests.bench import pages
from tests.bench.orders import CSRF

PAGE = "till catalogue"
HELD = 1_000_000  # units each item of the bench's copy of the event holds before the sales


def event_id(app) -> int | None:
    """The running bazaar the demo's cashier is assigned to, with items held for it."""
    from shop.accounts.models import User
    from shop.events.models import Event, EventCashier, EventItem

    with app.app_context():
        return db.session.scalar(
            sa.select(Event.id).join(EventCashier, EventCashier.event_id == Event.id)
            .join(User, User.id == EventCashier.user_id)
            .where(Event.status == "running", User.email == DEMO_CASHIER,
                   sa.exists().where(EventItem.event_id == Event.id)).order_by(Event.id.desc()))


def catalogue_path(event: int) -> str:
    return f"/kasir/{event}/katalog.json"


def statements(app, path: str) -> int:
    """SQL statements of the till catalogue for a cashier signed in through the login form (CSRF on)."""
    with app.app_context():
        client = app.test_client()
        token = CSRF.search(client.get("/masuk").get_data(as_text=True)).group(1)
        answer = client.post("/masuk", data={"csrf_token": token, "email": DEMO_CASHIER, "password": DEMO_PASSWORD})
        assert answer.status_code == 302, answer.status_code
        return pages.statements(app, path, client)


def _signed_in(base: str) -> tuple[http.cookiejar.CookieJar, urllib.request.OpenerDirector]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = CSRF.search(opener.open(f"{base}/masuk", timeout=10).read().decode()).group(1)
    form = {"csrf_token": token, "email": DEMO_CASHIER, "password": DEMO_PASSWORD}
    answer = opener.open(f"{base}/masuk", data=urllib.parse.urlencode(form).encode(), timeout=10)
    if "/masuk" in answer.geturl():
        raise RuntimeError(f"the demo cashier {DEMO_CASHIER} could not sign in")
    return jar, opener


def _header(jar: http.cookiejar.CookieJar) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def login(base: str) -> str:
    """Sign the cashier in through /masuk (its form's CSRF token); the session cookie as a Cookie header value."""
    return _header(_signed_in(base)[0])


def _till_session(base: str, event: int) -> tuple[str, str]:
    """A signed-in cashier's cookie and the CSRF token the till fetches from token.json (which puts the token
    into the session: the cookie is read after it)."""
    jar, opener = _signed_in(base)
    with opener.open(f"{base}/kasir/{event}/token.json", timeout=10) as answer:
        token = json.loads(answer.read())["csrf"]
    return _header(jar), token


def _cashier(args) -> tuple[int, int, int]:
    """One cashier's loop on one keep-alive connection: (sales recorded, refused as conflicts, unexpected)."""
    base, cookie, token, event, tills, items, until, index = args
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    recorded = refused = bad = 0
    n = index
    while time.monotonic() < until:
        sku, price = items[n % len(items)]
        body = {"till": tills[n % len(tills)], "method": "cash", "lines": [{"sku": sku, "qty": 1}],
                "made_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                "cash": -(-price // 50_000) * 50_000}  # paid in notes, rounded up to Rp50.000
        n += 1
        try:
            conn.request("POST", f"/kasir/{event}/penjualan", body=json.dumps(body),
                         headers={"Content-Type": "application/json", "Cookie": cookie, "X-CSRFToken": token,
                                  "Idempotency-Key": str(uuid.uuid4())})
            answer = conn.getresponse()
            payload = answer.read()
        except OSError:
            bad += 1
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            continue
        if answer.status == 201 and json.loads(payload).get("status") == "recorded":
            recorded += 1
        elif answer.status == 409:
            refused += 1
        else:
            bad += 1
    conn.close()
    return recorded, refused, bad


def _counts(conn, event: int) -> tuple[dict[int, tuple[int, int]], int]:
    rows = conn.execute(sa.text("SELECT id, quantity, sold FROM event_item WHERE event_id = :e"), {"e": event})
    sales = conn.scalar(sa.text("SELECT count(*) FROM till_sale WHERE event_id = :e AND status = 'recorded'"),
                        {"e": event})
    return {row[0]: (row[1], row[2]) for row in rows}, sales


def run(base: str, database_url: str, event: int, cashiers: int, seconds: float) -> dict:
    """Give every item of the event HELD units, let `cashiers` sell one unit a sale for `seconds`, then compare."""
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE event_item SET quantity = :q WHERE event_id = :e"), {"q": HELD, "e": event})
    with engine.connect() as conn:
        before, sales_before = _counts(conn, event)
    sessions = [_till_session(base, event) for _ in range(cashiers)]  # each cashier signed in on its own
    with urllib.request.urlopen(urllib.request.Request(
            base + catalogue_path(event), headers={"Cookie": sessions[0][0]}), timeout=10) as answer:
        catalogue = json.loads(answer.read())
    items = [(item["sku"], item["price"]) for item in catalogue["items"]]
    tills = [till["id"] for till in catalogue["tills"]]
    until = time.monotonic() + seconds
    start = time.monotonic()
    with Pool(cashiers) as pool:
        results = pool.map(_cashier, [(base, cookie, token, event, tills, items, until, i)
                                      for i, (cookie, token) in enumerate(sessions)])
    elapsed = time.monotonic() - start
    with engine.connect() as conn:
        after, sales_after = _counts(conn, event)
    engine.dispose()
    recorded = sum(r[0] for r in results)
    sold = sum(after[i][1] - before[i][1] for i in before)
    taken = sum(before[i][0] - after[i][0] for i in before)
    negative = any(q < 0 or s < 0 for q, s in after.values())
    return {"cashiers": cashiers, "seconds": round(elapsed, 1), "items": len(items), "tills": len(tills),
            "sales": recorded, "sales_in_db": sales_after - sales_before, "sales_per_s": round(recorded / elapsed, 1),
            "refusals": sum(r[1] for r in results), "unexpected": sum(r[2] for r in results),
            "consistent": sold == taken == recorded == sales_after - sales_before and not negative,
            "negative": negative}
