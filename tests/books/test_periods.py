"""Period control (E1, E8, E16), one-time form keys (E7) and refunds that need the money (E17)."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger import events, forms, periods
from shop.ledger.events import SaleLine
from shop.ledger.models import JournalEntry
from shop.ledger.periods import PeriodClosed, lock_history, lock_month, reopen_month, today_wib
from shop.ledger.services import balance, lock_year, post_entry

INCOME = [(c.KAS, 50_000), (c.PENDAPATAN_LAIN, -50_000)]


def test_e1_nothing_posts_on_or_before_the_last_closed_year_end(app, make_books):
    group = make_books()
    lock_year(group.id, 2025)
    for day in (date(2024, 6, 1), date(2025, 12, 31)):
        with pytest.raises(PeriodClosed):
            post_entry(group.id, day, "cash", "x", INCOME)
    post_entry(group.id, date(2026, 1, 1), "cash", "x", INCOME)


def test_e1_nothing_posts_more_than_a_day_ahead_of_today_in_wib(app, make_books):
    group = make_books()
    with pytest.raises(PeriodClosed):
        post_entry(group.id, date(2062, 1, 1), "cash", "x", INCOME)
    with pytest.raises(PeriodClosed):
        post_entry(group.id, today_wib() + timedelta(days=2), "cash", "x", INCOME)
    post_entry(group.id, today_wib() + timedelta(days=1), "cash", "x", INCOME)


def test_e1_years_close_only_in_order(app, make_books):
    group = make_books()
    post_entry(group.id, date(2024, 3, 1), "cash", "x", INCOME)
    with pytest.raises(PeriodClosed):
        lock_year(group.id, 2025)  # 2024 has entries and is still open
    lock_year(group.id, 2024)
    lock_year(group.id, 2025)
    other = make_books()
    lock_year(other.id, 2025)
    with pytest.raises(PeriodClosed):
        lock_year(other.id, 2024)  # closing an earlier year after a later one


def test_a_soft_locked_month_refuses_entries_until_reopened_with_a_reason(app, make_books, make_staff):
    group = make_books()
    user = make_staff("coordinator", group)
    lock_month(group.id, date(2026, 3, 15), user.id)
    with pytest.raises(PeriodClosed):
        post_entry(group.id, date(2026, 3, 10), "cash", "x", INCOME)
    post_entry(group.id, date(2026, 4, 1), "cash", "x", INCOME)
    with pytest.raises(DomainError):
        reopen_month(group.id, date(2026, 3, 1), "  ", user.id)
    reopen_month(group.id, date(2026, 3, 1), "Nota bahan Maret terlambat", user.id)
    post_entry(group.id, date(2026, 3, 10), "cash", "x", INCOME)
    [lock] = lock_history(group.id)
    assert lock.reopen_reason == "Nota bahan Maret terlambat" and lock.reopened_by_id == user.id
    with pytest.raises(DomainError):
        lock_month(group.id, today_wib())  # the running month cannot be locked


def test_e8_a_back_dated_payment_cannot_overdraw_kas_on_that_date(app, make_books):
    group = make_books()
    events.cash_movement(group.id, date(2026, 6, 1), "pendapatan", "kas", 8_500_000, "hibah")
    with pytest.raises(DomainError):  # Kas held nothing on 2 May
        events.cash_movement(group.id, date(2026, 5, 2), "biaya", "kas", 8_500_000, "bahan")
    events.cash_movement(group.id, date(2026, 6, 2), "biaya", "kas", 8_000_000, "bahan")
    with pytest.raises(DomainError):  # enough on 1 June, but 2 June would go below zero
        events.cash_movement(group.id, date(2026, 6, 1), "biaya", "kas", 600_000, "bahan")
    assert balance(group.id, c.KAS) == 500_000


def test_e16_form_dates_default_to_today_in_wib(app, monkeypatch):
    monkeypatch.setattr(periods, "utcnow", lambda: datetime(2026, 12, 31, 18, 30))  # 01:30 WIB on 1 January
    assert forms.today() == date(2027, 1, 1)


def test_e17_a_cash_refund_needs_the_cash(app, make_books):
    group = make_books()
    events.part_paid(group.id, 3, date(2026, 5, 1), "bazaar", [SaleLine(100_000)], received_into="kas")
    events.cash_movement(group.id, date(2026, 5, 2), "setor", "kas", 100_000, "setor ke bank")
    with pytest.raises(DomainError):
        events.refund(group.id, 3, "refund:x", date(2026, 5, 3), 40_000)
    assert balance(group.id, c.KAS) == 0


@pytest.fixture
def coordinator(make_books, make_staff, login):
    group = make_books(name="Kelompok Kas")
    events.cash_movement(group.id, date(2026, 3, 1), "pendapatan", "kas", 200_000, "hibah")
    login(make_staff("coordinator", group))
    return group


def entries(group_id):
    return db.session.scalar(select(func.count(JournalEntry.id)).where(JournalEntry.group_id == group_id))


def test_e7_the_same_form_key_posted_twice_posts_once(client, coordinator):
    assert 'name="once"' in client.get("/kelola/buku/kas").get_data(as_text=True)
    before = entries(coordinator.id)
    form = {"movement": "biaya", "account": "kas", "day": "2026-03-10", "amount": "75.000", "memo": "Benang",
            "once": "k" * 24}
    assert client.post_form("/kelola/buku/kas", form).status_code == 302
    assert client.post_form("/kelola/buku/kas", form).status_code == 302
    assert entries(coordinator.id) == before + 1
    assert balance(coordinator.id, c.KAS) == 125_000
    form["once"] = "m" * 24
    client.post_form("/kelola/buku/kas", form)
    assert entries(coordinator.id) == before + 2


def test_e7_a_money_form_without_its_key_changes_nothing(client, coordinator):
    before = entries(coordinator.id)
    response = client.post_form("/kelola/buku/kas", {"movement": "biaya", "account": "kas", "day": "2026-03-10",
                                                      "amount": "75.000", "memo": "Benang", "once": ""})
    assert response.status_code == 200 and entries(coordinator.id) == before


def test_the_months_page_locks_and_reopens_with_a_reason_logged(client, coordinator):
    from shop.activity.models import ActivityLog

    page = client.get("/kelola/buku/periode")
    assert page.status_code == 200 and "Kunci bulan" in page.get_data(as_text=True)
    month = (today_wib().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    assert client.post_form("/kelola/buku/periode", {"month": month, "action": "lock"}).status_code == 302
    day = date.fromisoformat(month + "-10")
    with pytest.raises(PeriodClosed):
        events.cash_movement(coordinator.id, day, "pendapatan", "kas", 1_000, "x")
    refused = client.post_form("/kelola/buku/periode", {"month": month, "action": "reopen", "reason": ""})
    assert refused.status_code == 200 and "Tulis alasan" in refused.get_data(as_text=True)
    assert client.post_form("/kelola/buku/periode", {"month": month, "action": "reopen",
                                                     "reason": "Nota listrik terlambat"}).status_code == 302
    events.cash_movement(coordinator.id, day, "pendapatan", "kas", 1_000, "x")
    logged = db.session.scalars(select(ActivityLog.detail).where(ActivityLog.action == "books.month_reopened"))
    assert [f"{month}: Nota listrik terlambat"] == list(logged)
    assert "Nota listrik terlambat" in client.get("/kelola/buku/periode").get_data(as_text=True)


def test_expenses_are_booked_by_category(client, coordinator):
    form = {"movement": "biaya", "account": "kas", "category": "bahan", "day": "2026-03-10", "amount": "40.000",
            "memo": "Kain mori"}
    assert client.post_form("/kelola/buku/kas", form).status_code == 302
    form.update(category="listrik", amount="10.000", memo="Token listrik")
    assert client.post_form("/kelola/buku/kas", form).status_code == 302
    assert balance(coordinator.id, c.BIAYA_BAHAN) == 40_000 and balance(coordinator.id, c.BIAYA_LISTRIK) == 10_000
    assert balance(coordinator.id, c.BIAYA_OPERASIONAL) == 0


def test_a_mistaken_entry_is_reversed_from_the_journal_with_a_reason(client, coordinator):
    from shop.activity.models import ActivityLog

    wrong = events.cash_movement(coordinator.id, date(2026, 3, 2), "biaya", "kas", 90_000, "salah ketik",
                                 category="alat")
    html = client.get("/kelola/buku/jurnal").get_data(as_text=True)
    assert f"/kelola/buku/jurnal/{wrong.id}/koreksi" in html
    url = f"/kelola/buku/jurnal/{wrong.id}/koreksi"
    assert client.post_form(url, {"reason": ""}).status_code == 200 and balance(coordinator.id, c.KAS) == 110_000
    assert client.post_form(url, {"reason": "Seharusnya 9.000"}).status_code == 302
    assert balance(coordinator.id, c.KAS) == 200_000 and balance(coordinator.id, c.BIAYA_ALAT) == 0
    assert client.post_form(url, {"reason": "Sekali lagi"}).status_code == 200  # once only
    assert balance(coordinator.id, c.KAS) == 200_000
    assert db.session.scalar(select(ActivityLog.detail).where(ActivityLog.action == "books.entry_reversed")) == \
        f"{wrong.id}: Seharusnya 9.000"
    sale = events.part_paid(coordinator.id, 9, date(2026, 3, 3), "bazaar", [SaleLine(10_000)])
    assert client.post_form(f"/kelola/buku/jurnal/{sale.id}/koreksi", {"reason": "bukan jurnal manual"}) \
        .status_code == 200  # a sale is corrected by a refund on the order page
