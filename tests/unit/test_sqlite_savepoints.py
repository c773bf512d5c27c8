"""A savepoint issued first in a request nests inside the request's transaction on every database: rolling the
request back undoes what the savepoint wrote (on SQLite the release used to commit it)."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Region
from shop.transactions import unit_of_work


def _regions() -> int:
    return db.session.scalar(select(func.count()).select_from(Region))


def test_a_released_savepoint_is_undone_by_the_rollback_after_it(app):
    with app.test_request_context("/"):
        db.session.remove()  # a fresh session: nothing has been read or written in this transaction yet
        with unit_of_work() as work:
            with db.session.begin_nested():  # first statement of the transaction
                db.session.add(Region(province="Jawa Barat", kind="kota", name="Bandung", slug="kota-bandung"))
            raise DomainError("Gagal sesudah savepoint.")
        assert not work.ok
        db.session.remove()
        assert _regions() == 0


def test_a_savepoint_rolled_back_alone_keeps_the_rest_of_the_transaction(app):
    with app.test_request_context("/"):
        db.session.remove()
        with unit_of_work() as work:
            db.session.add(Region(province="Jawa Barat", kind="kabupaten", name="Garut", slug="kab-garut"))
            db.session.flush()
            try:
                with db.session.begin_nested():
                    db.session.add(Region(province="Jawa Barat", kind="kota", name="Bandung", slug="kota-bandung"))
                    db.session.flush()
                    raise DomainError("hanya bagian ini")
            except DomainError:
                pass
        assert work.ok
        db.session.remove()
        assert [r.slug for r in db.session.scalars(select(Region))] == ["kab-garut"]
