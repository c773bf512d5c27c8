"""Orders end to end: 16 buyers at once, each in its own process with its own cookie jar, put a product in the
cart, check out and get a bank-transfer order, again and again for a fixed time. Afterwards the stock of every
variant sold equals its stock before less what the orders took, and never went below zero."""
from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from multiprocessing import Pool

import sqlalchemy as sa

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
BUYER = {"name": "Siti Rahma", "email": "siti@contoh.id", "phone": "081234567890", "province": "Jawa Barat",
         "regency": "Bandung", "district": "Coblong", "postal_code": "40132",
         "street": "Jl. Dago No. 10 RT 01/RW 02", "payment_method": "bank_transfer"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _buyer(args) -> tuple[int, int, int]:
    """One buyer's loop: (orders placed, refused as sold out, unexpected answers)."""
    base, products, until, index = args
    placed = refused = bad = 0
    n = index
    while time.monotonic() < until:
        slug, variant_id, group_id = products[n % len(products)]
        n += 1
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                             _NoRedirect)
        try:
            page = opener.open(f"{base}/produk/{slug}", timeout=10).read().decode()
            token = CSRF.search(page).group(1)
            form = {"csrf_token": token, "variant_id": variant_id, "quantity": 1, "back": f"/produk/{slug}"}
            _post(opener, f"{base}/keranjang/tambah", form)
            answer = _post(opener, f"{base}/checkout",
                           dict(BUYER, csrf_token=token, **{f"delivery-{group_id}": "pickup"}))
        except (OSError, AttributeError):
            bad += 1
            continue
        if "/pesanan/" in answer:
            placed += 1
        elif answer.endswith("/keranjang"):
            refused += 1  # sold out meanwhile: the cart says so
        else:
            bad += 1
    return placed, refused, bad


def _post(opener, url: str, form: dict) -> str:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST")
    try:
        opener.open(request, timeout=10).read()
        return ""
    except urllib.error.HTTPError as err:  # 302 arrives as an error without redirect handling
        return err.headers.get("Location", "") if err.code in (301, 302, 303) else f"HTTP {err.code}"


def stock_snapshot(engine, variant_ids: list[int]) -> dict[int, int]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.text("SELECT id, stock FROM variant WHERE id = ANY(:ids)"),
                                 {"ids": variant_ids}).all())


def run(base: str, database_url: str, buyers: int, seconds: float) -> dict:
    """Pick ready-made products, give each variant 40 pieces, and let `buyers` buy for `seconds`."""
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        rows = conn.execute(sa.text(
            "SELECT p.slug, v.id, p.group_id FROM product p JOIN variant v ON v.product_id = p.id "
            "JOIN maker_group g ON g.id = p.group_id WHERE p.status = 'published' AND g.status = 'active' "
            "AND p.kind = 'ready_made' AND v.position = 0 ORDER BY p.id LIMIT 24")).all()
        ids = [row[1] for row in rows]
        conn.execute(sa.text("UPDATE variant SET stock = 40 WHERE id = ANY(:ids)"), {"ids": ids})
        orders_before = conn.scalar(sa.text("SELECT count(*) FROM shop_order"))
        taken_before = dict(conn.execute(sa.text(
            "SELECT variant_id, coalesce(sum(quantity), 0) FROM order_line WHERE variant_id = ANY(:ids) "
            "GROUP BY variant_id"), {"ids": ids}).all())
    before = stock_snapshot(engine, ids)
    products = [(slug, vid, gid) for slug, vid, gid in rows]
    until = time.monotonic() + seconds
    start = time.monotonic()
    with Pool(buyers) as pool:
        results = pool.map(_buyer, [(base, products, until, i) for i in range(buyers)])
    elapsed = time.monotonic() - start
    after = stock_snapshot(engine, ids)
    with engine.connect() as conn:
        orders = conn.scalar(sa.text("SELECT count(*) FROM shop_order")) - orders_before
        taken = dict(conn.execute(sa.text(
            "SELECT variant_id, coalesce(sum(quantity), 0) FROM order_line WHERE variant_id = ANY(:ids) "
            "GROUP BY variant_id"), {"ids": ids}).all())
    engine.dispose()
    placed = sum(r[0] for r in results)
    consistent = all(after[v] >= 0 and before[v] - after[v] == taken.get(v, 0) - taken_before.get(v, 0)
                     for v in ids)
    return {"buyers": buyers, "seconds": round(elapsed, 1), "orders": placed, "orders_in_db": orders,
            "orders_per_s": round(placed / elapsed, 1), "sold_out_refusals": sum(r[1] for r in results),
            "unexpected": sum(r[2] for r in results), "stock_consistent": consistent and orders == placed,
            "oversold": any(after[v] < 0 for v in ids)}
