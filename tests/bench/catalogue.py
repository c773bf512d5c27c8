"""`make bench`: the public pages under load, on catalogues of 2,000 and 20,000 products, SQLite and PostgreSQL.

For each backend (SQLite always; PostgreSQL in a throw-away database when TEST_DATABASE_URL is set or a server
answers on 127.0.0.1:5432) the schema is built by the migrations, the demo is loaded and products are added up to
each size (`BENCH_SIZES`, default 2000,20000). At each size the app is served by gunicorn with the production
settings (gunicorn.conf.py) and a second process (wrk, else a Python generator) drives `BENCH_CONNECTIONS` (16)
connections for `BENCH_SECONDS` (10) at a trivial route (tests/bench/pages.py) and at every page; each page's requests/s is
reported as a fraction of the trivial route's in the same run, so figures compare across machines. Also: SQL
statements per page, page weight and images, orders/s with 16 buyers and till sales/s with `BENCH_CASHIERS` (8)
cashiers on PostgreSQL (stock and sold counts checked), and Lighthouse's mobile score when installed. The till's
catalogue is one of the pages, driven signed in as the demo's cashier (tests/bench/till_load.py). Results:
bench/results/<time>.md and .json, latest.md, printed.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from shop import create_app
from shop.extensions import db
from tests.bench import lighthouse, load, orders, pages, report, till_load
from tests.pg import temporary_database

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "2000,20000").split(",")]
PORT = int(os.environ.get("BENCH_PORT", "5171"))
BUYERS = int(os.environ.get("BENCH_BUYERS", "16"))
CASHIERS = int(os.environ.get("BENCH_CASHIERS", "8"))
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/pasar_karya_test"
LIGHTHOUSE_PAGES = ("home", "catalogue p1", "product", "till")  # the till signed in as the demo cashier


def _pg_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL") or PG_DEFAULT
    try:
        engine = sa.create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
        return url
    except sa.exc.OperationalError:
        return None


@contextmanager
def database(backend: str, workdir: Path):
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    with temporary_database(_pg_url(), "bench") as url:
        yield url


def _fill(app, size: int) -> dict:
    from shop.catalog.models import Product
    from shop.demo.loader import add_products, load_demo

    with app.app_context():
        start = time.perf_counter()
        if not db.session.scalar(sa.select(sa.func.count(Product.id))):
            load_demo(progress=False)
            db.session.commit()
        have = db.session.scalar(sa.select(sa.func.count(Product.id)))
        if size > have:
            add_products(size - have, progress=sys.stderr.isatty())
            db.session.commit()
        db.session.execute(sa.text("ANALYZE"))  # both databases: plan with real table sizes
        db.session.commit()
        count = db.session.scalar(sa.select(sa.func.count(Product.id)))
        db.session.remove()
        db.engine.dispose()
    return {"products": count, "load_s": round(time.perf_counter() - start, 1)}


def _measure(app, env: dict, backend: str, size: int, first: bool, url: str) -> dict:
    urls, notes = pages.urls(app)
    result: dict = {"backend": backend, "size": size, "notes": notes, "pages": {}}
    counts = {name: (till_load.statements if name == till_load.PAGE else pages.statements)(app, path)
              for name, path in urls.items()}
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    with load.gunicorn(env, PORT, app=load.BENCH_APP) as base:
        result["trivial"] = dict(load.drive(base + pages.TRIVIAL), url=pages.TRIVIAL)
        for name, path in urls.items():
            signed_in = {"Cookie": till_load.login(base)} if name == till_load.PAGE else None
            figures = load.drive(base + path, headers=signed_in)
            figures.update(url=path, statements=counts[name],
                           fraction=round(figures["rps"] / result["trivial"]["rps"], 3))
            result["pages"][name] = figures
            print(f"  {backend:10s} {size:>6d} {name:18s} {figures['rps']:8.1f}/s "
                  f"p99 {figures['p99_ms']:6.1f} ms  {figures['fraction']:.3f} of trivial", file=sys.stderr)
        if first:
            result["weight"] = {name: pages.weight(base, urls[name]) for name in ("home", "catalogue p1", "product")}
            why = lighthouse.unavailable()
            result["lighthouse"] = {"unavailable": why} if why else _lighthouse(app, base, urls)
        if first and backend == "postgresql":
            seconds = load.SECONDS
            result["orders"] = orders.run(base, url, BUYERS, seconds)
            print(f"  orders: {result['orders']}", file=sys.stderr)
            event = till_load.event_id(app)
            if event:
                result["till_sales"] = till_load.run(base, url, event, CASHIERS, seconds)
                print(f"  till sales: {result['till_sales']}", file=sys.stderr)
    return result


def _lighthouse(app, base: str, urls: dict[str, str]) -> dict:
    """Each of LIGHTHOUSE_PAGES scored; the till signed in as the demo cashier, or {"skipped": why}."""
    from shop.demo.loader import DEMO_CASHIER, DEMO_PASSWORD

    scores = {}
    for name in LIGHTHOUSE_PAGES:
        cookie = None
        if name == "till":
            path, note = pages.till(app)
            cookie = path and lighthouse.session_cookie(base, DEMO_CASHIER, DEMO_PASSWORD)
            if not cookie:
                scores[name] = {"skipped": note if not path else f"till: {DEMO_CASHIER} could not sign in"}
                continue
        else:
            path = urls[name]
        scores[name] = dict(lighthouse.score(base + path, cookie), url=path)
        print(f"  lighthouse {name:14s} {scores[name]}", file=sys.stderr)
    return scores


def run_backend(backend: str) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="pasar-bench-") as tmp, database(backend, Path(tmp)) as url:
        config = {"DATABASE_URL": url, "UPLOAD_DIR": f"{tmp}/uploads", "MAIL_DIR": f"{tmp}/mail",
                  "SLIP_DIR": f"{tmp}/slips", "RATELIMIT_ENABLED": False}
        env = {f"SHOP_{key}": str(value).lower() if isinstance(value, bool) else str(value)
               for key, value in config.items()}
        env["SHOP_SECRET_KEY"] = "bench-secret"
        app = create_app(config)
        with app.app_context():
            flask_migrate.upgrade()
        for index, size in enumerate(SIZES):
            filled = _fill(app, size)
            print(f"{backend}: {filled['products']:,} products ({filled['load_s']} s)", file=sys.stderr)
            result = _measure(app, env, backend, filled["products"], index == 0, url)
            result["load_s"] = filled["load_s"]
            results.append(result)
    return results


def main() -> int:
    backends = ["sqlite"] + (["postgresql"] if _pg_url() else [])
    print(f"Benchmark on {', '.join(backends)}, sizes {SIZES}, {load.CONNECTIONS} connections, "
          f"{load.SECONDS:g} s per page, gunicorn.conf.py's workers", file=sys.stderr)
    started = time.time()
    load_before = os.getloadavg()
    results = [r for backend in backends for r in run_backend(backend)]
    summary = report.write(results, started, load_before, backends)
    print(summary["markdown"])
    return 0 if summary["all_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
