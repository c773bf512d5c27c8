"""SQLite savepoints that nest, as on PostgreSQL.

Python's sqlite3 module (legacy transaction control, Python 3.11) opens a transaction only before a data-changing
statement, and not before SAVEPOINT. A `session.begin_nested()` issued first in a request therefore becomes the
outermost transaction, and releasing it commits: a later rollback (a DomainError after the savepoint) keeps what
the savepoint wrote. Before every SAVEPOINT on SQLite we open the real transaction if none is open, so the release
is a release and the rollback undoes everything (tests/unit/test_sqlite_savepoints.py).
"""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "savepoint")
def _open_the_transaction_first(conn, name) -> None:
    if conn.dialect.name != "sqlite":
        return
    raw = conn.connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        raw.execute("BEGIN")
