"""Deterministic measures, in-process (no server, no load generator): for each page of the bench, SQL statements
and milliseconds per request through the test client with warm caches; for the order path (product page → add to
cart → checkout → bank-transfer order), statements and milliseconds per order; and with `--profile` the functions
that take the time (cProfile, cumulative). The machine's load moves the milliseconds, never the statement counts.

    python -m tests.bench.profile                       # SQLite and, when it answers, PostgreSQL; 2,000 products
    PROFILE_DATABASE_URL=postgresql+psycopg://… python -m tests.bench.profile --profile order
      (an existing database already filled by a previous run is reused: quicker when iterating)
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext

import flask_migrate
import sqlalchemy as sa

from shop import create_app
from shop.extensions import db
from tests.bench import orders as order_bench
from tests.bench import pages

SIZE = int(os.environ.get("PROFILE_SIZE", "2000"))
REPEAT = int(os.environ.get("PROFILE_REPEAT", "30"))


@contextmanager
def counting(app):
    counted: list[str] = []

    def before(conn, cursor, statement, *args):
        counted.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        yield counted
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)


def _fill(app) -> None:
    from shop.catalog.models import Product
    from shop.demo.loader import add_products, load_demo

    with app.app_context():
        flask_migrate.upgrade()
        if not db.session.scalar(sa.select(sa.func.count(Product.id))):
            load_demo(progress=False)
            db.session.commit()
        have = db.session.scalar(sa.select(sa.func.count(Product.id)))
        if have < SIZE:
            add_products(SIZE - have, progress=False)
            db.session.commit()
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
        db.session.remove()


def _profiled(enabled: bool):
    return cProfile.Profile() if enabled else None


def _top(profile, limit: int = 35) -> str:
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(limit)
    return out.getvalue()


def measure_pages(app, profile: bool) -> dict:
    urls, _notes = pages.urls(app)
    client = app.test_client()
    result = {}
    for name, path in urls.items():
        for _ in range(3):
            assert client.get(path).status_code == 200, path  # warm the fragment cache and the plans
        with counting(app) as counted:
            client.get(path, headers={"Accept-Encoding": "gzip"})
        prof = _profiled(profile)
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(REPEAT):
            if prof:
                prof.enable()
            client.get(path, headers={"Accept-Encoding": "gzip"})
            if prof:
                prof.disable()
        ms = (time.perf_counter() - start) * 1000 / REPEAT
        cpu_ms = (time.process_time() - cpu) * 1000 / REPEAT
        result[name] = {"statements": len(counted), "ms": round(ms, 2), "cpu_ms": round(cpu_ms, 2)}
        print(f"  {name:20s} {len(counted):3d} statements  {ms:7.2f} ms/request  {cpu_ms:7.2f} ms CPU",
              file=sys.stderr)
        if prof:
            print(_top(prof), file=sys.stderr)
    client = app.test_client()
    client.get(pages.TRIVIAL)
    start = time.perf_counter()
    for _ in range(REPEAT * 3):
        client.get(pages.TRIVIAL)
    result["trivial"] = {"ms": round((time.perf_counter() - start) * 1000 / REPEAT / 3, 3)}
    print(f"  {'trivial':20s}      {result['trivial']['ms']:7.3f} ms/request", file=sys.stderr)
    return result


def _one_order(client, slug: str, variant_id: int, group_id: int) -> str:
    page = client.get(f"/produk/{slug}").get_data(as_text=True)
    token = order_bench.CSRF.search(page).group(1)
    client.post("/keranjang/tambah", data={"csrf_token": token, "variant_id": variant_id, "quantity": 1,
                                           "back": f"/produk/{slug}"})
    answer = client.post("/checkout", data=dict(order_bench.BUYER, csrf_token=token,
                                                **{f"delivery-{group_id}": "pickup"}))
    return answer.headers.get("Location", "")


def measure_orders(app, profile: bool, count: int = REPEAT) -> dict:
    from shop.catalog.models import Variant

    with app.app_context():
        rows = db.session.execute(sa.text(
            "SELECT p.slug, v.id, p.group_id FROM product p JOIN variant v ON v.product_id = p.id "
            "JOIN maker_group g ON g.id = p.group_id WHERE p.status = 'published' AND g.status = 'active' "
            "AND p.kind = 'ready_made' AND v.position = 0 ORDER BY p.id LIMIT 24")).all()
        db.session.execute(sa.update(Variant).where(Variant.id.in_([r[1] for r in rows])).values(stock=1000))
        db.session.commit()
        db.session.remove()
    _one_order(app.test_client(), *rows[0])  # warm
    with counting(app) as counted:
        placed = _one_order(app.test_client(), *rows[1])
    assert "/pesanan/" in placed, placed
    kinds: dict[str, int] = {}
    for statement in counted:
        word = re.match(r"\s*(\w+)", statement).group(1).upper()
        kinds[word] = kinds.get(word, 0) + 1
    prof = _profiled(profile)
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(count):
        client = app.test_client()
        if prof:
            prof.enable()
        assert "/pesanan/" in _one_order(client, *rows[i % len(rows)])
        if prof:
            prof.disable()
    ms = (time.perf_counter() - start) * 1000 / count
    cpu_ms = (time.process_time() - cpu) * 1000 / count
    result = {"statements": len(counted), "kinds": kinds, "ms_per_order": round(ms, 1), "cpu_ms": round(cpu_ms, 1),
              "orders_per_s_one_process": round(1000 / ms, 1)}
    print(f"  order: {len(counted)} statements {kinds}, {ms:.1f} ms per order ({cpu_ms:.1f} ms CPU) "
          f"({1000 / ms:.1f}/s in one process)", file=sys.stderr)
    if prof:
        print(_top(prof, 60), file=sys.stderr)
    return result


def run(url: str, what: str, profile: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="pasar-profile-") as tmp:
        app = create_app({"DATABASE_URL": url, "UPLOAD_DIR": f"{tmp}/uploads", "MAIL_DIR": f"{tmp}/mail",
                          "SLIP_DIR": f"{tmp}/slips", "RATELIMIT_ENABLED": False, "SECRET_KEY": "p" * 32})
        pages.add_trivial_route(app)
        _fill(app)
        result = {}
        if what in ("pages", "all"):
            result["pages"] = measure_pages(app, profile)
        if what in ("order", "all"):
            result["order"] = measure_orders(app, profile)
        with app.app_context():
            db.engine.dispose()
        return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", nargs="?", default="all", choices=("all", "pages", "order"))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    from tests.bench.catalogue import _pg_url
    from tests.pg import temporary_database

    given = os.environ.get("PROFILE_DATABASE_URL")
    if given:
        print(run(given, args.what, args.profile))
        return 0
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            print("sqlite", file=sys.stderr)
            print(run(f"sqlite:///{tmp}/profile.sqlite3", args.what, args.profile))
    pg = _pg_url()
    if args.backend in ("postgresql", "both") and pg:
        with temporary_database(pg, "profile") if pg else nullcontext() as url:
            print("postgresql", file=sys.stderr)
            print(run(url, args.what, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
