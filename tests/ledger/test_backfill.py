"""The migration structure_books_1 gives groups made before it their chart, book settings and cooperative
settings, keeps whatever they already had, and runs on SQLite and PostgreSQL."""
from __future__ import annotations

import os
from datetime import datetime

import flask_migrate
import pytest
import sqlalchemy as sa

from shop import create_app
from shop.extensions import db
from shop.ledger.chart import CHART
from tests.pg import temporary_database

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BEFORE = "3b0131a39e41"


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backfill.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL backfill test needs TEST_DATABASE_URL")
    with temporary_database(PG_URL, "backfill") as url:
        yield url


def _group(conn, slug: str) -> int:
    conn.execute(sa.text(
        "INSERT INTO maker_group (name, slug, crafts, region_id, story, contact_name, phone, whatsapp, email, "
        "address, bank_name, bank_account_number, bank_account_name, status, legal_form, created_at) "
        "VALUES (:name, :slug, 'batik_tulis', 1, '', '', '', '', '', '', '', '', '', 'active', 'kelompok', "
        ":now)"), {"name": slug, "slug": slug, "now": datetime(2026, 1, 1)})
    return conn.scalar(sa.text("SELECT id FROM maker_group WHERE slug = :slug"), {"slug": slug})


def test_backfill_adds_what_each_group_lacks_and_keeps_what_it_has(fresh_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": fresh_url, "UPLOAD_DIR": str(tmp_path / "u"),
                      "MAIL_DIR": str(tmp_path / "m")})
    with app.app_context():
        try:
            flask_migrate.upgrade(revision=BEFORE)
            with db.engine.begin() as conn:
                conn.execute(sa.text("INSERT INTO region (id, province, name, kind, slug) "
                                     "VALUES (1, 'Jawa Barat', 'Bandung', 'kota', 'kota-bandung')"))
                bare = _group(conn, "tanpa-buku")
                partial = _group(conn, "sebagian")
                conn.execute(sa.text("INSERT INTO ledger_account (group_id, code, name, kind) "
                                     "VALUES (:g, '1101', 'Kas lama', 'asset')"), {"g": partial})
                conn.execute(sa.text("INSERT INTO book_settings (group_id, maker_share_percent, "
                                     "card_fee_basis_points) VALUES (:g, 60, 100)"), {"g": partial})
            flask_migrate.upgrade()
            with db.engine.connect() as conn:
                def codes(g):
                    return set(conn.scalars(sa.text("SELECT code FROM ledger_account WHERE group_id = :g"),
                                            {"g": g}))
                chart = {code for code, _name, _kind in CHART}
                assert codes(bare) == codes(partial) == chart
                assert conn.scalar(sa.text("SELECT name FROM ledger_account WHERE group_id = :g AND code = '1101'"),
                                   {"g": partial}) == "Kas lama"
                settings = dict(conn.execute(sa.text(
                    "SELECT group_id, maker_share_percent FROM book_settings")).all())
                assert settings == {bare: 0, partial: 60}
                coop = dict(conn.execute(sa.text("SELECT group_id, cadangan_percent FROM coop_settings")).all())
                assert coop == {bare: 40, partial: 40}
                assert conn.scalar(sa.text("SELECT count(*) FROM ledger_account")) == 2 * len(CHART)
        finally:
            db.session.remove()
            db.engine.dispose()
