"""A throw-away PostgreSQL database, for tests and benchmarks that need a brand-new empty one."""
from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def temporary_database(server_url: str, label: str) -> Iterator[str]:
    """Create `<db>_<label>_<random>` on the server of `server_url`, yield its URL, drop it afterwards."""
    base = sa.engine.make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"{base.database}_{label}_{secrets.token_hex(4)}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
