"""The one view transaction idiom: commit once, or roll back and show the DomainError's message."""
from __future__ import annotations

import pytest
from flask import get_flashed_messages
from sqlalchemy import func, select

from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Region
from shop.transactions import unit_of_work


def _regions() -> int:
    return db.session.scalar(select(func.count()).select_from(Region))


def test_success_commits_once_and_flashes(app):
    with app.test_request_context("/"):
        with unit_of_work("Tersimpan.") as work:
            db.session.add(Region(province="Jawa Barat", kind="kota", name="Bandung", slug="kota-bandung"))
        assert work.ok and work.error is None
        db.session.rollback()  # nothing left to roll back: the row was committed
        assert _regions() == 1
        assert get_flashed_messages(with_categories=True) == [("success", "Tersimpan.")]


def test_domain_error_rolls_back_and_flashes_its_message(app):
    with app.test_request_context("/"):
        with unit_of_work("Tersimpan.") as work:
            db.session.add(Region(province="Jawa Barat", kind="kota", name="Bandung", slug="kota-bandung"))
            db.session.flush()
            raise DomainError("Tidak boleh.")
        assert not work.ok and str(work.error) == "Tidak boleh."
        assert _regions() == 0
        assert get_flashed_messages(with_categories=True) == [("error", "Tidak boleh.")]


def test_domain_error_goes_to_the_field_when_given(app):
    class Field:
        errors = ()

    field = Field()
    with app.test_request_context("/"):
        with unit_of_work(field=field) as work:
            raise DomainError("Jumlah salah.")
        assert not work.ok
        assert field.errors == ["Jumlah salah."]
        assert get_flashed_messages() == []


def test_other_errors_roll_back_and_propagate(app):
    with app.test_request_context("/"):
        with pytest.raises(ZeroDivisionError), unit_of_work():
            db.session.add(Region(province="Jawa Barat", kind="kota", name="Bandung", slug="kota-bandung"))
            db.session.flush()
            1 / 0  # noqa: B018
        assert _regions() == 0
