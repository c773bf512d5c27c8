import threading
from datetime import date

import pytest
from sqlalchemy import delete, select, update

from shop.activity.models import ActivityLog
from shop.books.services import save_book_settings
from shop.errors import DomainError, Unbalanced
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.chart import ChartExists, accounts_by_code, book_settings, create_chart
from shop.ledger.events import SaleLine
from shop.ledger.models import BookSettings, JournalEntry, LedgerLocked, Posting, SalesCredit
from shop.ledger.services import (
    YearClosed,
    allocate,
    balance,
    balances,
    lock_year,
    member_balance,
    post_entry,
    reverse_entry,
    trial_balance,
)

D = date(2026, 3, 10)


def test_chart_is_created_once(app, make_group):
    group = make_group()
    accounts = create_chart(group.id)
    assert accounts[c.KAS].name == "Kas" and accounts[c.SIMPANAN_SUKARELA].kind == "liability"
    assert accounts[c.SIMPANAN_WAJIB].kind == "equity"
    with pytest.raises(ChartExists):
        create_chart(group.id)
    assert len(accounts_by_code(group.id)) == len(c.CHART)


def test_unbalanced_and_single_line_entries_are_refused(app, make_books):
    group = make_books()
    with pytest.raises(Unbalanced):
        post_entry(group.id, D, "cash", "salah", [(c.KAS, 1000), (c.PENDAPATAN_LAIN, -999)])
    with pytest.raises(Unbalanced):
        post_entry(group.id, D, "cash", "satu", [(c.KAS, 0), (c.PENDAPATAN_LAIN, 0)])
    assert trial_balance(group.id) == 0 and balance(group.id, c.KAS) == 0


def test_same_reference_posts_once_and_returns_the_entry(app, make_books):
    group = make_books()
    first = post_entry(group.id, D, "cash", "a", [(c.KAS, 500), (c.PENDAPATAN_LAIN, -500)], reference="x1")
    again = post_entry(group.id, D, "cash", "a", [(c.KAS, 500), (c.PENDAPATAN_LAIN, -500)], reference="x1")
    assert again.id == first.id and balance(group.id, c.KAS) == 500


def test_update_and_delete_of_entries_and_postings_are_refused(app, make_books):
    group = make_books()
    entry = post_entry(group.id, D, "cash", "a", [(c.KAS, 500), (c.PENDAPATAN_LAIN, -500)])
    db.session.commit()
    entry.memo = "diubah"
    with pytest.raises(LedgerLocked):
        db.session.flush()
    db.session.rollback()
    entry.postings[0].amount = 1
    with pytest.raises(LedgerLocked):
        db.session.flush()
    db.session.rollback()
    db.session.delete(entry.postings[0])
    with pytest.raises(LedgerLocked):
        db.session.flush()
    db.session.rollback()
    db.session.delete(entry)
    with pytest.raises(LedgerLocked):
        db.session.flush()
    db.session.rollback()
    entry.postings.append(Posting(account=accounts_by_code(group.id)[c.KAS], amount=0))
    with pytest.raises(LedgerLocked):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(LedgerLocked):
        db.session.execute(update(Posting).values(amount=0))
    with pytest.raises(LedgerLocked):
        db.session.execute(delete(JournalEntry))
    db.session.rollback()
    assert balance(group.id, c.KAS) == 500 and db.session.get(JournalEntry, entry.id).memo == "a"


def test_reversing_entry_corrects_a_mistake(app, make_books):
    group = make_books()
    entry = post_entry(group.id, D, "cash", "salah ketik", [(c.KAS, 900), (c.PENDAPATAN_LAIN, -900)])
    reverse_entry(entry, D, "koreksi")
    assert balance(group.id, c.KAS) == 0 and trial_balance(group.id) == 0


def test_no_entry_in_a_closed_year(app, make_books):
    group = make_books()
    lock_year(group.id, 2025)
    with pytest.raises(YearClosed):
        post_entry(group.id, date(2025, 12, 31), "cash", "x", [(c.KAS, 1), (c.PENDAPATAN_LAIN, -1)])
    post_entry(group.id, date(2026, 1, 1), "cash", "x", [(c.KAS, 1), (c.PENDAPATAN_LAIN, -1)])


@pytest.mark.parametrize("total, weights, expected", [
    (100, [1, 1, 1], [34, 33, 33]),
    (100, [1, 2, 1], [25, 50, 25]),
    (10, [3, 3, 4], [3, 3, 4]),
    (7, [1, 1, 5], [1, 1, 5]),
    (1001, [500, 250, 250], [501, 250, 250]),
    (-101, [1, 1], [-51, -50]),
    (5, [0, 0], [3, 2]),
    (0, [2, 3], [0, 0]),
])
def test_allocate_is_exact_with_the_remainder_to_the_largest(total, weights, expected):
    assert allocate(total, weights) == expected
    assert sum(allocate(total, weights)) == total


def test_online_part_paid_with_maker_shares(app, make_books, make_member):
    group = make_books(maker_share_percent=60)
    ani, budi = make_member(group), make_member(group)
    entry = events.part_paid(group.id, 11, D, "online", [SaleLine(250_000, ani.id, 1, "Batik"),
                                                         SaleLine(100_001, budi.id, 2, "Tas"),
                                                         SaleLine(50_000, None, 3, "Kain kelompok")],
                             shipping=20_000)
    b = balances(group.id)
    assert b[c.PIUTANG_PLATFORM] == 420_001 and b[c.PENJUALAN_ONLINE] == -400_001
    assert b[c.PENDAPATAN_ONGKIR] == -20_000
    assert b[c.BAGIAN_PENGRAJIN] == 210_000  # 60 % of 350.001 floored
    assert member_balance(group.id, c.UTANG_ANGGOTA, ani.id) == -150_000
    assert member_balance(group.id, c.UTANG_ANGGOTA, budi.id) == -60_000
    assert trial_balance(group.id) == 0
    assert events.part_paid(group.id, 11, D, "online", [SaleLine(1)]).id == entry.id
    credits = db.session.query(SalesCredit).filter_by(entry_id=entry.id).all()
    assert sorted(sc.is_member_sale for sc in credits) == [False, True, True]


def test_bazaar_cash_sale_and_refund_in_full(app, make_books, make_member):
    group = make_books(maker_share_percent=50)
    ani = make_member(group)
    events.part_paid(group.id, 5, D, "bazaar", [SaleLine(75_001, ani.id)])
    assert balance(group.id, c.KAS) == 75_001 and balance(group.id, c.PENJUALAN_BAZAAR) == -75_001
    events.refund(group.id, 5, "refund:r1", D, 30_000)
    events.refund(group.id, 5, "refund:r2", D, 45_001)
    events.refund(group.id, 5, "refund:r2", D, 45_001)  # replayed: nothing changes
    b = balances(group.id)
    assert b[c.KAS] == 0 and b[c.RETUR_PENJUALAN] == 75_001
    assert b[c.BAGIAN_PENGRAJIN] == 0 and member_balance(group.id, c.UTANG_ANGGOTA, ani.id) == 0
    with pytest.raises(DomainError):
        events.refund(group.id, 5, "refund:r3", D, 1)
    with pytest.raises(DomainError):
        events.refund(group.id, 99, "refund:r4", D, 1)
    assert trial_balance(group.id) == 0


def test_card_fee_given_is_split_exactly_else_the_rate(app, make_books):
    a, b = make_books(), make_books(card_fee_basis_points=340)
    events.part_paid(a.id, 1, D, "online", [SaleLine(100_000)])
    events.part_paid(b.id, 2, D, "online", [SaleLine(200_000)])
    events.card_fee("pi_1", D, [(a.id, 1, 100_000), (b.id, 2, 200_000)], fee=10_001)
    # largest remainder: 3.333,67 → 3.334 and 6.667,33 → 6.667
    assert balance(a.id, c.BIAYA_PEMBAYARAN) == 3_334 and balance(b.id, c.BIAYA_PEMBAYARAN) == 6_667
    events.card_fee("pi_1", D, [(a.id, 1, 100_000), (b.id, 2, 200_000)], fee=10_001)
    assert balance(b.id, c.PIUTANG_PLATFORM) == 200_000 - 6_667
    events.card_fee("pi_2", D, [(a.id, 1, 100_000), (b.id, 2, 200_000)])
    assert balance(a.id, c.BIAYA_PEMBAYARAN) == 3_334 + 2_900
    assert balance(b.id, c.BIAYA_PEMBAYARAN) == 6_667 + 6_800


def test_payout_clears_what_the_platform_holds(app, make_books):
    group = make_books()
    events.part_paid(group.id, 1, D, "online", [SaleLine(100_000)])
    with pytest.raises(DomainError):
        events.payout(group.id, "TRF-1", D, 100_001)
    with pytest.raises(DomainError):
        events.payout(group.id, "TRF-1", D, 0)
    events.payout(group.id, "TRF-1", D, 60_000)
    events.payout(group.id, "TRF-1", D, 60_000)
    assert balance(group.id, c.PIUTANG_PLATFORM) == 40_000 and balance(group.id, c.BANK) == 60_000


def test_maker_paid_their_share_only_up_to_what_is_owed(app, make_books, make_member):
    group = make_books(maker_share_percent=50)
    ani = make_member(group)
    events.part_paid(group.id, 1, D, "bazaar", [SaleLine(100_000, ani.id)])
    with pytest.raises(DomainError):
        events.maker_paid(group.id, ani.id, D, 50_001)
    events.maker_paid(group.id, ani.id, D, 50_000, paid_from="kas")
    assert member_balance(group.id, c.UTANG_ANGGOTA, ani.id) == 0 and balance(group.id, c.KAS) == 50_000


def test_cash_movements_need_memo_funds_and_positive_amounts(app, make_books):
    group = make_books()
    with pytest.raises(DomainError):
        events.cash_movement(group.id, D, "biaya", "kas", 1_000, "listrik")  # no cash yet
    events.cash_movement(group.id, D, "pendapatan", "kas", 50_000, "Sumbangan pelatihan")
    events.cash_movement(group.id, D, "setor", "kas", 30_000, "Setor ke bank")
    events.cash_movement(group.id, D, "biaya", "bank", 10_000, "Biaya admin bank")
    with pytest.raises(DomainError):
        events.cash_movement(group.id, D, "tarik", "bank", 1_000, "   ")
    with pytest.raises(DomainError):
        events.cash_movement(group.id, D, "tarik", "bank", -5, "x")
    b = balances(group.id)
    assert (b[c.KAS], b[c.BANK]) == (20_000, 20_000)
    assert (b[c.BIAYA_OPERASIONAL], b[c.PENDAPATAN_LAIN]) == (10_000, -50_000)


DELIVERIES = 6


def test_a_cause_delivered_several_times_at_once_posts_once(app, make_books, make_member):
    """Real threads deliver the same paid part at the same moment (a webhook retried while the first is still
    running): one entry and one set of sales credits; every delivery gets that entry back, none fails."""
    group = make_books(maker_share_percent=50)
    ani = make_member(group)
    db.session.commit()
    group_id, ani_id = group.id, ani.id
    start = threading.Barrier(DELIVERIES)
    results: list = []
    lock = threading.Lock()

    def deliver() -> None:
        with app.app_context():
            start.wait()
            try:
                entry = events.part_paid(group_id, 3, D, "online", [SaleLine(80_000, ani_id)])
                db.session.commit()
                outcome = entry.id
            except Exception as err:
                db.session.rollback()
                outcome = f"error: {err!r}"
            finally:
                db.session.remove()
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=deliver) for _ in range(DELIVERIES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert all(isinstance(r, int) for r in results), results
    assert len(results) == DELIVERIES and len(set(results)) == 1
    db.session.expire_all()
    assert db.session.query(JournalEntry).filter_by(group_id=group_id, kind="sale").count() == 1
    assert db.session.query(SalesCredit).filter_by(order_part_id=3).count() == 1


def test_book_settings_ranges_are_the_services_and_changes_are_logged(app, make_books):
    group = make_books()
    for share, fee in ((101, 290), (-1, 290), (50, 1001), (50, -5)):
        with pytest.raises(DomainError):
            save_book_settings(group, share, fee)
    assert (book_settings(group.id).maker_share_percent, book_settings(group.id).card_fee_basis_points) == (0, 290)
    assert save_book_settings(group, 60, 250) == ["maker_share_percent", "card_fee_basis_points"]
    assert list(db.session.scalars(select(ActivityLog.action))) == ["books.settings_updated"]


def test_book_settings_of_a_group_without_a_row_read_the_defaults_without_inserting(app, make_group):
    group = make_group()
    assert book_settings(group.id).card_fee_basis_points == 290
    db.session.flush()
    assert db.session.get(BookSettings, group.id) is None


def test_a_payout_reference_is_recorded_once(app, make_books):
    group = make_books()
    events.part_paid(group.id, 1, D, "online", [SaleLine(100_000, None)])
    events.record_payout(group.id, " TRF-1 ", D, 50_000)
    with pytest.raises(events.DuplicatePayout):
        events.record_payout(group.id, "TRF-1", D, 10_000)
    assert balance(group.id, c.BANK) == 50_000
