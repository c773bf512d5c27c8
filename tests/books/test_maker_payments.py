"""The makers' share: asked for on the books overview until the bendahara confirms it (who and when kept), and
paid per member with a kuitansi (numbered, printable), once per form (E7)."""
from datetime import date

import pytest
from sqlalchemy import func, select

from shop.activity.models import ActivityLog
from shop.books.services import reverse
from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger import events, makers
from shop.ledger.events import SaleLine
from shop.ledger.models import BookSettings, MakerPayment
from shop.ledger.services import balance, member_balance

D = date(2026, 3, 10)


@pytest.fixture
def books(make_books, make_member, make_staff, login):
    group = make_books(maker_share_percent=50, name="Kelompok Bagian")
    ani, budi = make_member(group, name="Ani"), make_member(group, name="Budi")
    events.part_paid(group.id, 1, D, "bazaar", [SaleLine(300_000, ani.id), SaleLine(100_000, budi.id)])
    user = make_staff("coordinator", group)
    login(user)
    return group, ani, budi, user


def test_the_overview_asks_for_the_share_until_it_is_confirmed(client, books):
    group, _ani, _budi, user = books
    html = client.get("/kelola/buku/").get_data(as_text=True)
    assert "Tentukan bagian pengrajin" in html and "harga pokok pengrajin" in html
    refused = client.post_form("/kelola/buku/bagian-pengrajin", {"maker_share_percent": "60"},
                               token_page="/kelola/buku/", follow_redirects=True)
    assert "Centang untuk mengonfirmasi" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(BookSettings, group.id).maker_share_confirmed_at is None
    client.post_form("/kelola/buku/bagian-pengrajin", {"maker_share_percent": "60", "confirm": "y"},
                     token_page="/kelola/buku/")
    db.session.expire_all()
    settings = db.session.get(BookSettings, group.id)
    assert settings.maker_share_percent == 60 and settings.maker_share_confirmed_by_id == user.id
    assert settings.maker_share_confirmed_at is not None
    assert db.session.scalar(select(ActivityLog.detail).where(
        ActivityLog.action == "books.maker_share_confirmed")) == "60%"
    html = client.get("/kelola/buku/").get_data(as_text=True)
    assert "Tentukan bagian pengrajin" not in html and "Bagian pengrajin 60%, dikonfirmasi" in html


def test_saving_the_settings_page_confirms_the_share_too(client, books):
    group = books[0]
    client.post_form("/kelola/buku/pengaturan", {"maker_share_percent": "0", "card_fee_basis_points": "290"})
    db.session.expire_all()
    assert db.session.get(BookSettings, group.id).maker_share_confirmed_at is not None


def test_a_maker_is_paid_with_a_numbered_kuitansi_once_per_form(client, books):
    group, ani, _budi, _user = books
    page = client.get("/kelola/buku/bayar-pengrajin").get_data(as_text=True)
    assert "Ani" in page and "Rp150.000" in page and "Budi" in page and "Rp50.000" in page
    member_page = client.get(f"/kelola/buku/bayar-pengrajin/{ani.id}").get_data(as_text=True)
    once = member_page.split('name="once"')[1].split('value="')[1].split('"')[0]
    data = {"day": "2026-03-12", "amount": "100.000", "paid_from": "kas", "once": once}
    first = client.post_form(f"/kelola/buku/bayar-pengrajin/{ani.id}", data)
    second = client.post_form(f"/kelola/buku/bayar-pengrajin/{ani.id}", data)
    assert first.status_code == second.status_code == 302 and first.location == second.location
    db.session.expire_all()
    payment = db.session.scalar(select(MakerPayment))
    assert db.session.scalar(select(func.count(MakerPayment.id))) == 1 and payment.receipt_number == "BP/2026/0001"
    assert member_balance(group.id, c.UTANG_ANGGOTA, ani.id) == -50_000 and balance(group.id, c.KAS) == 300_000
    receipt = client.get(first.location).get_data(as_text=True)
    assert "BP/2026/0001" in receipt and "Rp100.000" in receipt and "Ani" in receipt
    pdf = client.get(first.location + ".pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"


def test_paying_more_than_owed_or_from_an_empty_bank_is_refused(client, books):
    group, ani, _budi, _user = books
    too_much = client.post_form(f"/kelola/buku/bayar-pengrajin/{ani.id}",
                                {"day": "2026-03-12", "amount": "150001", "paid_from": "kas"})
    assert too_much.status_code == 200 and "melebihi" in too_much.get_data(as_text=True)
    no_bank = client.post_form(f"/kelola/buku/bayar-pengrajin/{ani.id}",
                               {"day": "2026-03-12", "amount": "1000", "paid_from": "bank"})
    assert "tidak cukup" in no_bank.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(MakerPayment.id))) == 0


def test_receipt_numbers_follow_per_year_and_another_groups_receipt_is_not_found(client, books, make_books,
                                                                                   make_member):
    group, ani, budi, _user = books
    first = makers.pay_maker(group.id, ani.id, D, 1_000, "kas", "form:aaaaaaaaaaaaaaaa")
    second = makers.pay_maker(group.id, budi.id, D, 1_000, "kas", "form:bbbbbbbbbbbbbbbb")
    assert (first.receipt_number, second.receipt_number) == ("BP/2026/0001", "BP/2026/0002")
    other = make_books(maker_share_percent=50)
    eko = make_member(other)
    events.part_paid(other.id, 2, D, "bazaar", [SaleLine(10_000, eko.id)])
    foreign = makers.pay_maker(other.id, eko.id, D, 1_000, "kas", "form:cccccccccccccccc")
    db.session.commit()
    assert client.get(f"/kelola/buku/kuitansi-pengrajin/{foreign.id}").status_code == 404
    assert client.get(f"/kelola/buku/bayar-pengrajin/{eko.id}").status_code == 404
    with pytest.raises(DomainError):
        makers.pay_maker(group.id, ani.id, D, 0, "kas", "form:dddddddddddddddd")


def test_a_reversed_payment_voids_its_kuitansi(client, books):
    group, ani, _budi, user = books
    payment = makers.pay_maker(group.id, ani.id, D, 10_000, "kas", "form:eeeeeeeeeeeeeeee")
    reverse(group, payment.entry_id, "Salah ketik jumlah", user.id)
    db.session.commit()
    assert makers.is_void(payment)
    html = client.get(f"/kelola/buku/kuitansi-pengrajin/{payment.id}").get_data(as_text=True)
    assert "dibatalkan" in html
