"""The migrations build exactly the schema the models describe, and can be undone and redone.

Each backend gets a brand-new empty database (not the one the other tests share): a fresh SQLite file, and on
PostgreSQL (when TEST_DATABASE_URL is set) a temporary database created and dropped by this test.
"""
from __future__ import annotations

import os

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from shop import create_app
from shop.catalog.search_index import FTS_SHADOW_TABLES
from shop.extensions import db, migrate
from tests.pg import temporary_database

PG_URL = os.environ.get("TEST_DATABASE_URL", "")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL migration test needs TEST_DATABASE_URL "
                    "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/pasar_karya_test)")
    with temporary_database(PG_URL, "mig") as url:
        yield url


def _differences() -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": migrate.alembic_ctx_kwargs["compare_type"],
            "include_object": migrate.alembic_ctx_kwargs["include_object"]})  # the search index is not a model
        return compare_metadata(context, db.metadata)


def _tables() -> set[str]:
    """Tables, less the SQLite FTS5 search index (shop.catalog.search_index), which no model describes."""
    return set(sa.inspect(db.engine).get_table_names()) - FTS_SHADOW_TABLES


def test_migrations_match_models_and_downgrade_cleanly(fresh_database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": fresh_database_url,
                      "UPLOAD_DIR": str(tmp_path / "uploads"), "MAIL_DIR": str(tmp_path / "mail")})
    with app.app_context():
        try:
            assert _tables() == set()
            flask_migrate.upgrade()
            assert _tables() == set(db.metadata.tables) | {"alembic_version"}
            differences = _differences()
            assert differences == [], f"models and migrations differ: {differences}"

            flask_migrate.downgrade(revision="base")
            assert _tables() == {"alembic_version"}

            flask_migrate.upgrade()
            assert _differences() == []
            with db.engine.connect() as conn:
                heads = set(conn.scalars(sa.text("SELECT version_num FROM alembic_version")))
            assert heads == set(ScriptDirectory.from_config(migrate.get_config()).get_heads())
        finally:
            db.session.remove()
            db.engine.dispose()
