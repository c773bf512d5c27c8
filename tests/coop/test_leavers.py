"""Paying out a leaving member's held simpanan (2109 Utang simpanan anggota keluar) through the test client with
CSRF on: the list of owed leavers, Kas or Bank, a one-time form key, period control, the receipt (page and PDF),
and every bad input refused with a message and nothing posted."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shop.coop import exits
from shop.coop.services import record_contribution
from shop.coop.settings import coop_settings
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.models import JournalEntry
from shop.ledger.periods import lock_month, today_wib
from shop.ledger.services import balance, member_balance, trial_balance
from shop.money import format_idr

URL = "/kelola/buku/koperasi/anggota-keluar"
TODAY = today_wib()
START = TODAY - timedelta(days=70)


@pytest.fixture
def leaver(make_books, make_member, make_staff, login):
    """Sri paid pokok 100.000 and wajib 60.000 into Kas, left; the group's rule holds it (2109 owes 160.000).
    Ani stays and also paid pokok, so Kas holds 260.000 before any payout."""
    group = make_books(name="Kelompok Tahan")
    coop_settings(group.id).exit_rule = "tahan"
    sri, ani = make_member(group, name="Sri Lestari"), make_member(group, name="Ani")
    for m in (sri, ani):
        record_contribution(group.id, m.id, "pokok", 100_000, START)
    record_contribution(group.id, sri.id, "wajib", 60_000, START)
    sri.left_on = START + timedelta(days=10)
    exits.settle_exit(group.id, sri.id)
    login(make_staff("coordinator", group))
    db.session.commit()
    return group, sri, ani


def _payouts(group_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(JournalEntry.id)).where(JournalEntry.group_id == group_id,
                                                                       JournalEntry.kind == "exit_paid"))


def _form(member_id: int, amount: str, cash: str = "kas", day=TODAY) -> dict:
    return {"member": member_id, "amount": amount, "cash": cash, "day": day.isoformat()}


def test_the_page_lists_owed_leavers_and_the_simpanan_page_links_it(client, leaver):
    _group, sri, ani = leaver
    page = client.get(URL).get_data(as_text=True)
    assert "Sri Lestari" in page and format_idr(160_000) in page and "Ani" not in page.split("<form")[0]
    assert URL in client.get("/kelola/buku/simpanan").get_data(as_text=True)


def test_a_payout_posts_dr_2109_cr_kas_once_with_a_receipt(client, leaver):
    group, sri, _ani = leaver
    page = client.get(URL).get_data(as_text=True)
    data = _form(sri.id, "60.000")
    data["csrf_token"] = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data["once"] = re.search(r'name="once"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(URL, data=data)
    assert response.status_code == 302 and "/bukti/" in response.location
    assert client.post(URL, data=data).status_code == 302  # the same form again (a double tap) posts once
    assert _payouts(group.id) == 1
    assert member_balance(group.id, c.UTANG_KELUAR, sri.id) == -100_000
    assert balance(group.id, c.KAS) == 260_000 - 60_000 and trial_balance(group.id) == 0
    receipt = client.get(response.location).get_data(as_text=True)
    assert f"KK/{TODAY.year}/0001" in receipt and format_idr(60_000) in receipt and format_idr(100_000) in receipt
    assert "Sri Lestari" in receipt and "tunai dari kas" in receipt
    pdf = client.get(response.location + ".pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # the rest, by a new form: the leaver is no longer owed anything
    assert client.post_form(URL, _form(sri.id, "100000")).status_code == 302
    assert _payouts(group.id) == 2 and member_balance(group.id, c.UTANG_KELUAR, sri.id) == 0
    assert "Tidak ada simpanan anggota keluar yang masih terutang." in client.get(URL).get_data(as_text=True)


@pytest.mark.parametrize("case, message", [
    ("too_much", "Jumlah melebihi simpanan yang masih terutang"),
    ("no_bank", "Saldo Bank tidak cukup"),
    ("zero", "Masukkan jumlah rupiah lebih dari nol"),
    ("not_a_leaver", "belum tercatat keluar."),
    ("locked", "sudah dikunci bendahara"),
])
def test_bad_payouts_are_refused_and_post_nothing(client, leaver, case, message):
    group, sri, ani = leaver
    data = {"too_much": _form(sri.id, "160.001"), "no_bank": _form(sri.id, "50000", cash="bank"),
            "zero": _form(sri.id, "0"), "not_a_leaver": _form(ani.id, "10000"),
            "locked": _form(sri.id, "10000", day=START + timedelta(days=12))}[case]
    if case == "locked":
        lock_month(group.id, START + timedelta(days=12))
        db.session.commit()
    response = client.post_form(URL, data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _payouts(group.id) == 0 and member_balance(group.id, c.UTANG_KELUAR, sri.id) == -160_000


def test_another_groups_receipt_is_404(client, leaver, make_books, make_member):
    other = make_books(name="Kelompok Lain")
    coop_settings(other.id).exit_rule = "tahan"
    budi = make_member(other, name="Budi")
    record_contribution(other.id, budi.id, "pokok", 100_000, START)
    budi.left_on = START + timedelta(days=5)
    exits.settle_exit(other.id, budi.id)
    entry = exits.pay_leaver(other.id, budi.id, TODAY, 50_000, "kas", "form:lain-kelompok-uji-01")
    db.session.commit()
    assert client.get(f"{URL}/bukti/{entry.id}").status_code == 404
    assert client.get(f"{URL}/bukti/{entry.id}.pdf").status_code == 404
    page = client.get(URL).get_data(as_text=True)
    assert "Budi" not in page
    assert client.post_form(URL, _form(budi.id, "10000")).status_code == 404  # another group's former member
    assert _payouts(other.id) == 1
