"""`make bench`: speed, SQL statements and page weight of the public pages on a 20,000-product catalogue.

On a temporary SQLite database (and a temporary PostgreSQL database when TEST_DATABASE_URL is set) the schema is
built by the migrations, the demo (about 400 products) is loaded and every page measured once for its SQL
statement count; then 20,000 products are added (`flask shop demo --products 20000`) and every page is measured
again: statements, median and p95 response time over REPEAT requests, HTML + linked CSS/JS bytes, plain and gzip.

Goals (exit status 1 when one fails): the catalogue page's HTML + CSS + JS under 40 KB uncompressed; every page
runs as many SQL statements on 20,000 products as on the demo; median response under 300 ms on 20,000 products.
Figures go to test-artifacts/bench.json.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from shop import create_app
from shop.extensions import db
from tests.pg import temporary_database

ROOT = Path(__file__).resolve().parents[2]
EXTRA_PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "20000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
WEIGHT_LIMIT = 40_000
SLOW_MS = 300
ASSET_RE = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')


def pages(app) -> dict[str, str]:
    """The URLs measured, chosen from the demo data so that they exist on every backend."""
    from shop.catalog.models import Product
    from shop.groups.models import Group, Region

    with app.app_context():
        group = db.session.scalar(sa.select(Group).order_by(Group.id))
        region = db.session.scalar(sa.select(Region).where(Region.id == group.region_id))
        product = db.session.scalar(sa.select(Product).where(Product.slug.not_like("bench-%"))
                                    .order_by(Product.id))
        total = db.session.scalar(sa.select(sa.func.count(Product.id)))
    deep = max(1, total // app.config["PER_PAGE"] * 3 // 4)
    return {
        "home": "/",
        "catalogue": "/katalog",
        "catalogue filtered": (f"/katalog?q=batik&craft=batik_tulis&region={region.slug}&kind=ready_made"
                               "&price_min=100000&price_max=900000&in_stock=1&sort=price_asc"),
        "catalogue search": "/katalog?q=kemeja+batik&sort=price_desc",
        "catalogue deep page": f"/katalog?page={deep}",
        "product": f"/produk/{product.slug}",
        "group": f"/kelompok/{group.slug}",
        "group page 10": f"/kelompok/{group.slug}?page=10",
    }


@contextmanager
def counting_statements():
    statements: list[str] = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)


def statement_count(app, url: str) -> int:
    with app.app_context():
        client = app.test_client()
        with counting_statements() as statements:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return len(statements)


def weight(client, html: bytes) -> dict:
    assets = [a or b for a, b in ASSET_RE.findall(html.decode())]
    sizes = {"html": len(html), "assets": {}}
    compressed = len(gzip.compress(html, 6))
    for url in assets:
        response = client.get(url.split("?")[0])
        assert response.status_code == 200, (url, response.status_code)
        body = response.get_data()
        response.close()
        sizes["assets"][url] = len(body)
        compressed += len(gzip.compress(body, 6))
    sizes["total"] = sizes["html"] + sum(sizes["assets"].values())
    sizes["total_gzip"] = compressed
    return sizes


def measure(app, url: str) -> dict:
    with app.app_context():
        client = app.test_client()
        times, cpu = [], []
        html = b""
        for _ in range(REPEAT + 1):  # the first request warms caches and is not counted
            db.session.remove()
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            html = response.get_data()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times = sorted(times[1:])
        sizes = weight(client, html)
    return {"url": url, "median_ms": round(statistics.median(times), 1),
            "cpu_median_ms": round(statistics.median(cpu[1:]), 1),
            "p95_ms": round(times[min(len(times) - 1, round(0.95 * len(times)) - 1)], 1), **sizes}


@contextmanager
def database(backend: str, workdir: Path):
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    with temporary_database(os.environ["TEST_DATABASE_URL"], "bench") as url:
        yield url


def run_backend(backend: str) -> dict:
    from shop.demo.loader import add_products, load_demo

    with tempfile.TemporaryDirectory(prefix="pasar-bench-") as tmp, database(backend, Path(tmp)) as url:
        app = create_app({"DATABASE_URL": url, "UPLOAD_DIR": f"{tmp}/uploads", "MAIL_DIR": f"{tmp}/mail",
                          "RATELIMIT_ENABLED": False})
        result: dict = {"backend": backend}
        with app.app_context():
            flask_migrate.upgrade()
            start = time.perf_counter()
            loaded = load_demo(progress=False)
            db.session.commit()
            result["demo_load_s"] = round(time.perf_counter() - start, 1)
            result["demo_products"] = loaded["products"]
        urls = pages(app)
        small = {name: statement_count(app, url) for name, url in urls.items()}
        with app.app_context():
            start = time.perf_counter()
            add_products(EXTRA_PRODUCTS, progress=sys.stderr.isatty())
            db.session.commit()
            result["extra_products_load_s"] = round(time.perf_counter() - start, 1)
            if backend == "postgresql":
                db.session.execute(sa.text("ANALYZE"))
                db.session.commit()
        result["pages"] = {}
        for name, url in urls.items():
            figures = measure(app, url)
            figures["statements_demo"] = small[name]
            figures["statements"] = statement_count(app, url)
            result["pages"][name] = figures
            print(f"  {backend:10s} {name:20s} {figures['median_ms']:7.1f} ms", file=sys.stderr)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    return result


def goals(result: dict) -> list[tuple[str, bool, str]]:
    checks = []
    backend = result["backend"]
    catalogue = result["pages"]["catalogue"]
    checks.append((f"{backend}: catalogue HTML+CSS+JS < 40 KB", catalogue["total"] < WEIGHT_LIMIT,
                   f"{catalogue['total']:,} bytes"))
    for name, page in result["pages"].items():
        checks.append((f"{backend}: {name} statements same as on the demo",
                       page["statements"] == page["statements_demo"],
                       f"{page['statements_demo']} -> {page['statements']}"))
        checks.append((f"{backend}: {name} median < {SLOW_MS} ms", page["median_ms"] < SLOW_MS,
                       f"{page['median_ms']} ms"))
    return checks


def table(result: dict) -> str:
    lines = [f"\n{result['backend']}: demo ({result['demo_products']} products) loaded in {result['demo_load_s']} s, "
             f"{EXTRA_PRODUCTS:,} more products in {result['extra_products_load_s']} s",
             f"{'page':20s} {'SQL (demo)':>11s} {'median ms':>10s} {'p95 ms':>8s} {'cpu ms':>7s} {'HTML B':>8s} "
             f"{'+CSS/JS B':>10s} {'gzip B':>8s}"]
    for name, p in result["pages"].items():
        lines.append(f"{name:20s} {p['statements']:>4d} ({p['statements_demo']:>3d}) {p['median_ms']:>10.1f} "
                     f"{p['p95_ms']:>8.1f} {p['cpu_median_ms']:>7.1f} {p['html']:>8,d} {p['total']:>10,d} {p['total_gzip']:>8,d}")
    return "\n".join(lines)


def main() -> int:
    backends = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
    print(f"Benchmark: demo + {EXTRA_PRODUCTS:,} products, {REPEAT} requests per page, on {', '.join(backends)}",
          file=sys.stderr)
    load_before = os.getloadavg()
    results = [run_backend(backend) for backend in backends]
    checks = [check for result in results for check in goals(result)]
    for result in results:
        print(table(result))
    print("\nGoals:")
    for label, ok, detail in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label} ({detail})")
    load = f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after, {os.cpu_count()} CPUs"
    print(f"\nTimes depend on what else runs on the machine: {load}. 'cpu ms' is this process's CPU time per"
          " request (on SQLite the whole request; PostgreSQL's own work is not in it).")
    failed = [label for label, ok, _ in checks if not ok]
    out = ROOT / "test-artifacts" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"extra_products": EXTRA_PRODUCTS, "repeat": REPEAT, "machine": load,
                               "results": results,
                               "goals": [{"goal": label, "pass": ok, "detail": detail}
                                         for label, ok, detail in checks]}, indent=2))
    print(f"\n{'ALL GOALS MET' if not failed else f'{len(failed)} GOAL(S) FAILED'}; figures in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
