"""Fixed assets: buying equipment (funds checked as at the date), straight-line depreciation posted once a
month per asset (the remainder in the last month), never into a closed or locked period, disposal, the
register's book values, the coordinator's pages and `flask shop depreciate`."""
from datetime import date

import pytest
from sqlalchemy import func, select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import assets, periods
from shop.ledger import chart as c
from shop.ledger.models import FixedAsset, JournalEntry
from shop.ledger.services import balance, balances, lock_year, post_entry, trial_balance

TODAY = periods.today_wib()


def funded(make_books, kas=10_000_000, day=date(2025, 1, 2)):
    group = make_books()
    post_entry(group.id, day, "opening", "Saldo awal", [(c.KAS, kas), (c.EKUITAS_SALDO_AWAL, -kas)])
    return group


def test_monthly_amounts_sum_exactly_with_the_remainder_in_the_last_month():
    assert assets.monthly_amounts(1_000_000, 0, 7) == [142_857] * 6 + [142_858]
    assert sum(assets.monthly_amounts(6_000_000, 500_001, 48)) == 5_499_999
    assert assets.monthly_amounts(6_000_000, 0, 48) == [125_000] * 48


def test_buying_from_kas_posts_equipment_against_kas_and_checks_funds_as_at_the_date(make_books):
    group = funded(make_books, kas=2_000_000, day=date(2025, 3, 1))
    with pytest.raises(DomainError, match="tidak cukup"):  # on 1 February the money was not there yet
        assets.buy_asset(group.id, "Mesin jahit", date(2025, 2, 1), 1_500_000, 48)
    with pytest.raises(DomainError, match="tidak cukup"):
        assets.buy_asset(group.id, "Mesin jahit", date(2025, 3, 5), 2_000_001, 48)
    asset = assets.buy_asset(group.id, "Mesin jahit", date(2025, 3, 5), 1_500_000, 48, funded_by="kas")
    b = balances(group.id)
    assert b[c.PERALATAN_MESIN] == 1_500_000 and b[c.KAS] == 500_000
    assert db.session.get(JournalEntry, asset.entry_id).kind == "asset"


def test_bad_asset_input_is_refused_and_changes_nothing(make_books):
    group = funded(make_books)
    for name, cost, months, residual in (("", 100, 1, 0), ("Canting", 0, 12, 0), ("Canting", 100, 0, 0),
                                         ("Canting", 100, 601, 0), ("Canting", 100, 12, 100)):
        with pytest.raises(DomainError):
            assets.buy_asset(group.id, name, date(2025, 3, 1), cost, months, residual)
    assert db.session.scalar(select(func.count(FixedAsset.id))) == 0
    assert balance(group.id, c.PERALATAN_MESIN) == 0


def test_a_grant_in_kind_is_equity_not_income(make_books):
    group = make_books()
    assets.buy_asset(group.id, "Kompor batik (Dinas)", date(2025, 5, 1), 800_000, 24, funded_by="hibah")
    b = balances(group.id)
    assert b[c.PERALATAN_MESIN] == 800_000 and b[c.HIBAH] == -800_000 and b[c.PENDAPATAN_LAIN] == 0


def test_depreciation_posts_each_ended_month_once_dated_its_last_day(make_books):
    group = funded(make_books)
    asset = assets.buy_asset(group.id, "Mesin obras", date(2025, 1, 20), 700_001, 7)
    first = assets.depreciate(group.id, through=(2025, 3))
    assert (first.posted, first.amount) == (3, 300_000)
    assert assets.depreciate(group.id, through=(2025, 3)).posted == 0  # idempotent
    assets.depreciate(group.id)  # every month that has ended: the whole life, the remainder last
    entries = list(db.session.scalars(select(JournalEntry).where(JournalEntry.kind == "depreciation")
                                      .order_by(JournalEntry.date)))
    assert [e.date for e in entries] == [date(2025, m, assets.month_end(2025, m).day) for m in range(1, 8)]
    assert entries[-1].reference == f"depr:{asset.id}:2025-07"
    assert [sum(p.amount for p in e.postings if p.amount > 0) for e in entries] == [100_000] * 6 + [100_001]
    b = balances(group.id)
    assert b[c.BEBAN_PENYUSUTAN] == 700_001 and b[c.AKUM_PENYUSUTAN] == -700_001
    assert assets.register(group.id)[0].book_value == 0 and trial_balance(group.id) == 0


def test_the_running_month_is_not_due(make_books):
    group = funded(make_books, day=TODAY.replace(day=1))
    assets.buy_asset(group.id, "Canting", TODAY.replace(day=1), 120_000, 12)
    result = assets.depreciate(group.id)
    assert result.posted == (1 if assets.month_end(TODAY.year, TODAY.month) == TODAY else 0)


def test_a_locked_month_is_never_posted_into_but_caught_up_in_the_next_open_month(make_books):
    group = funded(make_books)
    asset = assets.buy_asset(group.id, "Mesin jahit", date(2025, 1, 5), 1_200_000, 12)
    periods.lock_month(group.id, date(2025, 2, 1))
    periods.lock_month(group.id, date(2025, 3, 1))
    assets.depreciate(group.id, through=(2025, 4))
    entries = {e.reference: e for e in db.session.scalars(select(JournalEntry).where(
        JournalEntry.kind == "depreciation"))}
    assert entries[f"depr:{asset.id}:2025-02"].date == date(2025, 4, 30)  # February and March wait for April
    assert "susulan" in entries[f"depr:{asset.id}:2025-03"].memo
    assert all(e.date.month not in (2, 3) for e in entries.values())
    assert balance(group.id, c.BEBAN_PENYUSUTAN) == 400_000


def test_a_closed_year_gets_no_depreciation_and_its_months_come_later(make_books):
    group = funded(make_books, day=date(2024, 6, 1))
    assets.buy_asset(group.id, "Mesin jahit", date(2024, 11, 3), 480_000, 48)
    lock_year(group.id, 2024)
    result = assets.depreciate(group.id, through=(2025, 1))
    entries = list(db.session.scalars(select(JournalEntry).where(JournalEntry.kind == "depreciation")))
    assert result.posted == 3 and all(e.date == date(2025, 1, 31) for e in entries)


def test_disposal_stops_depreciation_and_takes_the_asset_off_the_books(make_books):
    group = funded(make_books)
    asset = assets.buy_asset(group.id, "Mesin jahit", date(2025, 1, 5), 1_200_000, 12)
    assets.dispose_asset(group.id, asset.id, date(2025, 4, 10))  # January-March depreciated: 300.000
    b = balances(group.id)
    assert b[c.PERALATAN_MESIN] == 0 and b[c.AKUM_PENYUSUTAN] == 0 and b[c.BEBAN_PENYUSUTAN] == 1_200_000
    assert assets.depreciate(group.id).posted == 0
    with pytest.raises(DomainError):
        assets.dispose_asset(group.id, asset.id, date(2025, 5, 1))
    assert assets.register(group.id)[0].book_value == 0 and trial_balance(group.id) == 0


@pytest.fixture
def coordinator(make_books, make_staff, login):
    group = funded(make_books)
    login(make_staff("coordinator", group))
    return group


def test_asset_pages_record_list_and_depreciate(client, coordinator):
    group = coordinator
    assert client.get("/kelola/buku/aset").status_code == 200
    bad = client.post_form("/kelola/buku/aset/baru", {"name": "Mesin jahit", "acquired_on": "2025-01-10",
                                                      "cost": "Rp6.000.000", "life_months": "0",
                                                      "residual": "", "funded_by": "kas"})
    assert bad.status_code == 200 and "Umur manfaat" in bad.get_data(as_text=True)
    page = client.get("/kelola/buku/aset/baru").get_data(as_text=True)
    once = page.split('name="once"')[1].split('value="')[1].split('"')[0]
    data = {"name": "Mesin jahit", "acquired_on": "2025-01-10", "cost": "Rp6.000.000", "life_months": "48",
            "residual": "", "funded_by": "kas", "once": once}
    assert client.post_form("/kelola/buku/aset/baru", data, token_page="/kelola/buku/aset/baru").status_code == 302
    assert client.post_form("/kelola/buku/aset/baru", data, token_page="/kelola/buku/aset/baru").status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(func.count(FixedAsset.id))) == 1  # the same form twice: one asset
    assert client.post_form("/kelola/buku/penyusutan", {}, token_page="/kelola/buku/aset").status_code == 302
    db.session.expire_all()
    months = (TODAY.year - 2025) * 12 + TODAY.month - 1  # January 2025 up to last month
    assert balance(group.id, c.BEBAN_PENYUSUTAN) == 125_000 * min(months, 48)
    html = client.get("/kelola/buku/aset").get_data(as_text=True)
    assert "Mesin jahit" in html and f"Rp{6_000_000 - 125_000 * min(months, 48):,}".replace(",", ".") in html


def test_depreciation_button_needs_the_csrf_token(client, coordinator):
    assert client.post("/kelola/buku/penyusutan").status_code == 400


def test_another_groups_asset_cannot_be_disposed(client, coordinator, make_books):
    other = funded(make_books)
    asset = assets.buy_asset(other.id, "Mesin lain", date(2025, 2, 1), 100_000, 10)
    db.session.commit()
    response = client.post_form(f"/kelola/buku/aset/{asset.id}/hapus", {"day": "2025-06-01", "confirm": "y"},
                                token_page="/kelola/buku/aset")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(FixedAsset, asset.id).disposed_on is None


def test_cli_depreciates_every_group_through_a_month(app, make_books):
    one, two = funded(make_books), funded(make_books)
    assets.buy_asset(one.id, "Mesin A", date(2025, 1, 3), 1_200_000, 12)
    assets.buy_asset(two.id, "Mesin B", date(2025, 2, 1), 240_000, 24)
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["shop", "depreciate", "--through", "2025-03"])
    assert result.exit_code == 0, result.output
    assert "Posted 5 month(s)" in result.output and "Rp320.000" in result.output
    assert balance(one.id, c.BEBAN_PENYUSUTAN) == 300_000 and balance(two.id, c.BEBAN_PENYUSUTAN) == 20_000
    again = runner.invoke(args=["shop", "depreciate", "--through", "2025-03"])
    assert "Posted 0 month(s)" in again.output
    bad = runner.invoke(args=["shop", "depreciate", "--through", "March"])
    assert bad.exit_code != 0 and "YYYY-MM" in bad.output

