"""E18: a refund after the maker was paid their share leaves the member owing the group: a Piutang anggota,
collected with a receipt, never a positive Utang anggota netted against what others are owed."""
from datetime import date

import pytest

from shop.errors import DomainError
from shop.ledger import chart as c
from shop.ledger import costs, events
from shop.ledger.events import SaleLine
from shop.ledger.services import balance, member_balance, trial_balance

D = date(2026, 4, 1)


def test_e18_a_refund_after_the_maker_was_paid_becomes_a_receivable(app, make_books, make_member):
    group = make_books(maker_share_percent=60)
    maker, other = make_member(group), make_member(group)
    events.cash_movement(group.id, D, "pendapatan", "kas", 500_000, "hibah")
    events.part_paid(group.id, 1, D, "bazaar", [SaleLine(390_000, maker.id)])
    events.part_paid(group.id, 2, D, "bazaar", [SaleLine(100_000, other.id)])
    events.maker_paid(group.id, maker.id, D, 234_000)
    events.refund(group.id, 1, "refund:r1", D, 390_000)
    assert member_balance(group.id, c.UTANG_ANGGOTA, maker.id) == 0
    assert member_balance(group.id, c.PIUTANG_ANGGOTA, maker.id) == 234_000
    assert member_balance(group.id, c.UTANG_ANGGOTA, other.id) == -60_000  # untouched
    assert balance(group.id, c.BAGIAN_PENGRAJIN) == 60_000
    with pytest.raises(DomainError):
        costs.member_repaid(group.id, maker.id, D, 234_001)
    costs.member_repaid(group.id, maker.id, D, 234_000, reference="form:repay-1")
    costs.member_repaid(group.id, maker.id, D, 234_000, reference="form:repay-1")  # a double submit
    assert member_balance(group.id, c.PIUTANG_ANGGOTA, maker.id) == 0
    assert balance(group.id, c.KAS) == 500_000 + 390_000 + 100_000 - 234_000 - 390_000 + 234_000
    assert trial_balance(group.id) == 0


def test_e18_a_refund_of_a_share_partly_paid_splits_between_debt_and_receivable(app, make_books, make_member):
    group = make_books(maker_share_percent=50)
    maker = make_member(group)
    events.cash_movement(group.id, D, "pendapatan", "kas", 500_000, "hibah")
    events.part_paid(group.id, 1, D, "bazaar", [SaleLine(200_000, maker.id)])
    events.maker_paid(group.id, maker.id, D, 40_000)  # of 100.000 owed
    events.refund(group.id, 1, "refund:r1", D, 200_000)
    assert member_balance(group.id, c.UTANG_ANGGOTA, maker.id) == 0
    assert member_balance(group.id, c.PIUTANG_ANGGOTA, maker.id) == 40_000
