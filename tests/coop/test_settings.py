"""The cooperative rule is enforced by its service, whatever calls it: the six SHU parts sum to 100 (else
Cadangan, which takes the leftover, could go negative), amounts and percentages in range; every change is
logged; the AD/ART flag too; and a year is not closed on a split that breaks the rule."""
from datetime import date

import pytest
from sqlalchemy import select

from shop.activity.models import ActivityLog
from shop.coop import cycle
from shop.coop.models import CoopSettings
from shop.coop.settings import SettingsInput, coop_settings, set_adart_drafted, update_settings
from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.ledger.models import JournalEntry

GOOD = dict(pokok_amount=50_000, wajib_amount=5_000, wajib_start=date(2026, 1, 1), cadangan_percent=30,
            jasa_anggota_percent=50, pengurus_percent=5, karyawan_percent=5, pendidikan_percent=5,
            sosial_percent=5, jasa_usaha_percent=60)


def _actions() -> list[str]:
    return list(db.session.scalars(select(ActivityLog.action).order_by(ActivityLog.id)))


@pytest.mark.parametrize("changes", [
    {"cadangan_percent": 10, "jasa_anggota_percent": 90, "pengurus_percent": 20, "karyawan_percent": 10,
     "pendidikan_percent": 10, "sosial_percent": 10},  # 150 %: Cadangan would get −40 % of the SHU
    {"cadangan_percent": 20},  # 90 %
    {"cadangan_percent": -10, "jasa_anggota_percent": 90},  # sums to 100 with a negative part
    {"jasa_usaha_percent": 101}, {"pokok_amount": 0}, {"wajib_amount": -1}])
def test_a_broken_rule_is_refused_and_changes_nothing(app, make_books, changes):
    group = make_books()
    with pytest.raises(DomainError):
        update_settings(group.id, SettingsInput(**dict(GOOD, **changes)))
    db.session.expire_all()
    assert coop_settings(group.id).cadangan_percent == 40 and coop_settings(group.id).pokok_amount == 100_000
    assert _actions() == []


def test_a_valid_rule_is_saved_and_logged(app, make_books):
    group = make_books()
    update_settings(group.id, SettingsInput(**GOOD))
    db.session.expire_all()
    saved = coop_settings(group.id)
    assert (saved.cadangan_percent, saved.jasa_anggota_percent, saved.pokok_amount) == (30, 50, 50_000)
    assert _actions() == ["coop.settings_updated"]
    update_settings(group.id, SettingsInput(**GOOD))  # nothing changed: nothing logged
    assert _actions() == ["coop.settings_updated"]


def test_adart_flag_is_logged(app, make_books):
    group = make_books()
    set_adart_drafted(group.id, True)
    set_adart_drafted(group.id, True)
    assert coop_settings(group.id).adart_drafted is True
    assert _actions() == ["coop.adart_drafted"]


def test_a_division_is_not_decided_on_a_split_over_100(app, make_books, make_member):
    group = make_books()
    ani = make_member(group, name="Ani")
    events.part_paid(group.id, 1, date(2025, 6, 1), "bazaar", [SaleLine(1_000_000, ani.id)])
    row = db.session.get(CoopSettings, group.id)  # written around the service, as an old row could be
    row.cadangan_percent, row.pengurus_percent = 10, 65
    db.session.flush()
    cycle.close_year(group.id, 2025, today=date(2026, 1, 10))
    with pytest.raises(DomainError, match="100%"):
        cycle.record_decision(group.id, 2025, cycle.Decision(date(2026, 1, 20), 1, "Ani", "Notulen", None,
                                                             cycle.proposal_rule(group.id)))
    with pytest.raises(DomainError):
        cycle.post_division(group.id, 2025, date(2026, 1, 20))
    assert db.session.scalar(select(JournalEntry.id).where(JournalEntry.kind == "shu_division")) is None


def test_getter_of_a_group_without_a_row_reads_defaults_and_inserts_nothing(app, make_group):
    group = make_group()
    assert coop_settings(group.id).pokok_amount == 100_000 and coop_settings(group.id).cadangan_percent == 40
    db.session.flush()
    assert db.session.get(CoopSettings, group.id) is None
