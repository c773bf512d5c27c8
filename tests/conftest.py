"""Test set-up: an app per test from create_app({...}), on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL.

Every test that uses `app` runs once per backend. The schema is built once per backend and worker; after each
test every table is emptied, so tests never see each other's data. CSRF stays on: `client.post_form` sends the
token the way a browser would.
"""
from __future__ import annotations

import hashlib
import os
import re

import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask.testing import FlaskClient

from shop import create_app
from shop.extensions import db

pytest_plugins = ["tests.fixtures.catalog", "tests.fixtures.accounts", "tests.fixtures.orders", "tests.fixtures.xendit",
                  "tests.fixtures.workspace", "tests.fixtures.ledger", "tests.fixtures.events"]

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
# The PostgreSQL variant of a test carries the `postgres` marker: `-m postgres` runs only those, `-m "not postgres"`
# only SQLite. Without TEST_DATABASE_URL there is no PostgreSQL variant; the report header says so.
BACKENDS = ["sqlite"] + ([pytest.param("postgresql", marks=pytest.mark.postgres)] if PG_URL else [])
_SCHEMA_READY: set[str] = set()
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def pytest_report_header(config):
    if PG_URL:
        return "databases: SQLite and PostgreSQL (TEST_DATABASE_URL)"
    return ("databases: SQLite only; PostgreSQL variants do not run: set TEST_DATABASE_URL, e.g. "
            "postgresql+psycopg://postgres@127.0.0.1:5432/pasar_karya_test")


def _pg_worker_url() -> str:
    """One PostgreSQL database per xdist worker, created on first use."""
    url = sa.engine.make_url(PG_URL).set(drivername="postgresql+psycopg")
    checkout = hashlib.sha1(os.path.dirname(os.path.dirname(os.path.abspath(__file__))).encode()).hexdigest()[:6]
    name = f"{url.database}_{checkout}_{WORKER}"  # checkouts and workers never share a database
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / f'test-{WORKER}.sqlite3'}"
    return _pg_worker_url()


def _empty_all_tables() -> None:
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(tables):
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app with extra config; every app built in a test is cleaned up after it."""
    apps = []

    def build(overrides: dict | None = None):
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "MAIL_DIR": str(tmp_path / "mail"),
            "SLIP_DIR": str(tmp_path / "slips"),
            "RATELIMIT_STORAGE_URI": "memory://",
            # tests post many anonymous forms from one address; tests/hardening/test_limits.py sets real limits
            **{name: "10000 per minute" for name in ("ANON_POST_LIMIT", "CHECKOUT_LIMIT", "SLIP_LIMIT",
                                                      "SLIP_PER_ORDER_LIMIT", "ORDER_LOOKUP_LIMIT",
                                                      "ORDER_FIND_LIMIT")},
            "SERVER_NAME": None,
        }
        config.update(overrides or {})
        application = create_app(config)
        with application.app_context():
            if database_url not in _SCHEMA_READY:
                db.drop_all()
                db.create_all()
                _SCHEMA_READY.add(database_url)
        apps.append(application)
        return application

    yield build
    for application in apps[:1]:
        with application.app_context():
            db.session.rollback()
            _empty_all_tables()
    for application in apps:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    application = make_app()
    with application.app_context():
        yield application


class ShopClient(FlaskClient):
    """A test client that behaves like a browser with respect to CSRF tokens."""

    def open(self, *args, **kwargs):
        # The test keeps an app context pushed, so flask.g outlives a request; a browser's next request would not
        # see the CSRF token Flask-WTF cached in g (it is stale once login clears the session).
        kwargs.setdefault("buffered", True)  # read the body and close it, as a browser does (file responses)
        if has_app_context():
            g.pop("csrf_token", None)
            g.pop("_login_user", None)  # Flask-Login's cached user, likewise
            g.pop("_flask_babel", None)  # and Flask-Babel's cached locale (the language cookie may have changed)
        return super().open(*args, **kwargs)

    def csrf_token(self, page: str = "/masuk") -> str:
        html = self.get(page).get_data(as_text=True)
        match = CSRF_RE.search(html)
        assert match, f"no csrf_token on {page}"
        return match.group(1) or match.group(2)

    def post_form(self, url: str, data: dict | None = None, token_page: str | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token(token_page or url))
        return self.post(url, data=data, **kwargs)


@pytest.fixture
def client(app) -> ShopClient:
    app.test_client_class = ShopClient
    return app.test_client()


@pytest.fixture
def query_counter(app):
    """Counts SQL statements run inside the `with` block: `with query_counter() as q: ...; q.count`."""
    from contextlib import contextmanager

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def counting():
        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, *args):
            counter.count += 1
            counter.statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", before)

    return counting
