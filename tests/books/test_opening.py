"""Opening balances: one balanced entry dated the start date, only while the books are empty; equipment becomes
register rows that depreciate; simpanan per member reach the simpanan register; the rest is Ekuitas saldo awal."""
from datetime import date

import pytest
from sqlalchemy import func, select

from shop.coop.models import MemberContribution
from shop.coop.opening import record_opening
from shop.coop.services import savings
from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import assets
from shop.ledger import chart as c
from shop.ledger.models import FixedAsset, JournalEntry
from shop.ledger.opening import Opening, OpeningItem
from shop.ledger.services import balances, member_balance, post_entry, trial_balance

START = date(2026, 1, 1)


def test_the_opening_entry_balances_with_the_rest_in_ekuitas_saldo_awal(make_books, make_member):
    group = make_books()
    ani, budi = make_member(group, name="Ani"), make_member(group, name="Budi")
    opening = Opening(START, kas=1_250_000, bank=3_000_000, piutang_panitia=200_000,
                      equipment=[OpeningItem("Mesin jahit lama", 1_800_000, 24)],
                      savings={(ani.id, "pokok"): 100_000, (budi.id, "pokok"): 100_000,
                               (ani.id, "wajib"): 120_000, (ani.id, "sukarela"): 50_000, (None, "wajib"): 30_000})
    entry = record_opening(group.id, group.name, opening)
    b = balances(group.id)
    # assets 1.250.000 + 3.000.000 + 200.000 + 1.800.000 = 6.250.000; savings 400.000; rest 5.850.000
    assert (b[c.KAS], b[c.BANK], b[c.PIUTANG_PANITIA], b[c.PERALATAN_MESIN]) == (1_250_000, 3_000_000, 200_000,
                                                                                1_800_000)
    assert b[c.SIMPANAN_POKOK] == -200_000 and b[c.SIMPANAN_WAJIB] == -150_000 and b[c.SIMPANAN_SUKARELA] == -50_000
    assert b[c.EKUITAS_SALDO_AWAL] == -5_850_000 and trial_balance(group.id) == 0
    assert entry.date == START and entry.kind == "opening" and entry.reference == "opening"
    assert member_balance(group.id, c.SIMPANAN_POKOK, ani.id) == -100_000
    register = {s.member.id: s for s in savings(group.id, START)}
    assert (register[ani.id].pokok, register[ani.id].wajib, register[ani.id].sukarela) == (100_000, 120_000, 50_000)
    assert db.session.scalar(select(func.count(MemberContribution.id))) == 4  # the total without a member: none
    machine = db.session.scalar(select(FixedAsset))
    assert (machine.funded_by, machine.cost, machine.life_months) == ("saldo_awal", 1_800_000, 24)
    assets.depreciate(group.id, through=(2026, 2))
    assert balances(group.id)[c.BEBAN_PENYUSUTAN] == 150_000


def test_savings_larger_than_assets_leave_a_debit_in_ekuitas_saldo_awal(make_books, make_member):
    group = make_books()
    ani = make_member(group)
    record_opening(group.id, group.name, Opening(START, kas=50_000, savings={(ani.id, "pokok"): 100_000}))
    assert balances(group.id)[c.EKUITAS_SALDO_AWAL] == 50_000 and trial_balance(group.id) == 0


def test_opening_is_refused_once_the_books_have_entries(make_books):
    group = make_books()
    post_entry(group.id, START, "cash", "Pendapatan", [(c.KAS, 10_000), (c.PENDAPATAN_LAIN, -10_000)])
    with pytest.raises(DomainError, match="sebelum ada transaksi"):
        record_opening(group.id, group.name, Opening(START, kas=1_000))
    assert db.session.scalar(select(func.count(JournalEntry.id))) == 1


def test_opening_refuses_an_empty_form_negative_amounts_and_another_groups_member(make_books, make_member):
    group, other = make_books(), make_books()
    stranger = make_member(other)
    for opening in (Opening(START), Opening(START, kas=-5), Opening(START, kas=5, equipment=[OpeningItem("", 5, 3)]),
                    Opening(START, kas=5, savings={(stranger.id, "pokok"): 5})):
        with pytest.raises(DomainError):
            record_opening(group.id, group.name, opening)
    assert db.session.scalar(select(func.count(JournalEntry.id))) == 0


def test_the_opening_form_posts_once_and_then_says_why_not(client, make_books, make_member, make_staff, login):
    group = make_books()
    ani = make_member(group, name="Ani")
    login(make_staff("coordinator", group))
    assert client.get("/kelola/buku/saldo-awal").status_code == 200
    form = {"day": "2026-01-01", "kas": "Rp500.000", "bank": "", "piutang_panitia": "",
            "equipment-0-name": "Mesin jahit", "equipment-0-value": "1.200.000", "equipment-0-life_months": "24",
            f"pokok_{ani.id}": "100000", f"wajib_{ani.id}": "", f"sukarela_{ani.id}": "", "confirm": "y"}
    bad = client.post_form("/kelola/buku/saldo-awal", dict(form, kas="lima ratus"))
    assert bad.status_code == 200 and "rupiah" in bad.get_data(as_text=True)
    assert client.post_form("/kelola/buku/saldo-awal", form).status_code == 302
    db.session.expire_all()
    b = balances(group.id)
    assert b[c.KAS] == 500_000 and b[c.PERALATAN_MESIN] == 1_200_000 and b[c.EKUITAS_SALDO_AWAL] == -1_600_000
    again = client.get("/kelola/buku/saldo-awal").get_data(as_text=True)
    assert "sudah berisi transaksi" in again and "<form method=\"post\"" not in again
