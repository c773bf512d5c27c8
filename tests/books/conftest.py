from datetime import date

import pytest

from shop.coop.services import record_contribution
from shop.extensions import db
from shop.ledger import events
from shop.ledger.card import card_fee
from shop.ledger.events import SaleLine


@pytest.fixture(autouse=True)
def request_context(app):
    """Services build translated error messages, which need a request (as in a view or webhook)."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def book(make_books, make_member, make_region):
    """A small group with known postings in 2025 and January 2026 (worked out in tests/books/test_statements.py)."""
    group = make_books(maker_share_percent=40, name="Kelompok Tenun Sari",
                       region=make_region(name="Malang", province="Jawa Timur", kind="kota"))
    ani = make_member(group, name="Ani Rahayu", role="Ketua", joined_on=date(2025, 1, 1))
    budi = make_member(group, name="Budi Santoso", role="bendahara", joined_on=date(2025, 1, 1))
    make_member(group, name="Citra Dewi", joined_on=date(2025, 6, 1))
    record_contribution(group.id, ani.id, "pokok", 100_000, date(2025, 1, 10))
    events.part_paid(group.id, 1, date(2025, 2, 5), "online", [SaleLine(500_000, ani.id, 1, "Tenun ikat")],
                     shipping=20_000)
    card_fee("pi_1", date(2025, 2, 5), [(group.id, 1, 520_000)], fee=15_080)
    events.part_paid(group.id, 2, date(2025, 2, 20), "bazaar", [SaleLine(300_000, budi.id, 2, "Selendang")])
    events.refund(group.id, 1, "refund:r1", date(2025, 3, 3), 100_000)
    events.cash_movement(group.id, date(2025, 3, 10), "biaya", "kas", 50_000, "Benang", category="bahan")
    events.maker_paid(group.id, budi.id, date(2025, 3, 15), 120_000)
    events.cash_movement(group.id, date(2025, 4, 2), "setor", "kas", 100_000, "Setor ke bank")
    events.cash_movement(group.id, date(2025, 12, 5), "biaya", "kas", 10_000, "Listrik", category="listrik")
    events.cash_movement(group.id, date(2026, 1, 15), "pendapatan", "kas", 30_000, "Jasa pelatihan")
    db.session.flush()
    return group
