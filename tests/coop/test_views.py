import io
from datetime import date

import pytest
from openpyxl import load_workbook

from shop.coop.models import MemberContribution
from shop.coop.services import record_contribution
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.ledger.services import balance, is_closed, trial_balance

Y = date.today().year - 1


@pytest.fixture
def coop(make_books, make_member, make_staff, login):
    group = make_books(name="Kelompok Koperasi")
    a, b = make_member(group, name="Ani", joined_on=date(Y, 1, 1)), make_member(group, name="Budi")
    for m in (a, b):
        record_contribution(group.id, m.id, "pokok", 100_000, date(Y, 1, 5))
    record_contribution(group.id, a.id, "wajib", 50_000, date(Y, 2, 1))
    events.part_paid(group.id, 1, date(Y, 6, 1), "bazaar", [SaleLine(600_000, a.id), SaleLine(400_000, b.id)])
    login(make_staff("coordinator", group))
    return group, a, b


def test_coop_pages_render(client, coop):
    for path in ["/simpanan", "/simpanan/catat", "/shu", f"/shu?tahun={Y}", "/rat", f"/rat?tahun={Y}",
                 "/kesiapan", "/koperasi/pengaturan"]:
        response = client.get("/kelola/buku" + path)
        assert response.status_code == 200, path
        assert response.get_data(as_text=True).count("<h1") == 1, path


def test_admin_sees_the_coop_pages_of_any_group_read_only(client, coop, make_staff, login):
    group = coop[0]
    client.post_form("/keluar", token_page="/kelola/buku/")
    login(make_staff("admin"))
    for path in ["/simpanan", f"/shu?tahun={Y}", f"/rat?tahun={Y}", "/kesiapan"]:
        response = client.get(f"/admin/buku/kelompok/{group.id}{path}")
        html = response.get_data(as_text=True)
        assert (response.status_code == 200 and "Ani" in html) or path == "/kesiapan", path
        assert "/kelola/buku/" not in html, path  # no coordinator-only links or forms
    assert client.get(f"/admin/buku/kelompok/{group.id}/rat.pdf?tahun={Y}").data.startswith(b"%PDF")
    assert client.get("/admin/buku/kelompok/999999/simpanan").status_code == 404
    assert client.get("/kelola/buku/simpanan").status_code == 403


def test_contributions_page_shows_totals_and_who_is_behind(client, coop):
    html = client.get("/kelola/buku/simpanan").get_data(as_text=True)
    assert "Ani" in html and "Rp150.000" in html and "Tertinggal" in html


def test_record_contribution_gives_a_receipt(client, coop):
    group, a, b = coop
    bad = client.post_form("/kelola/buku/simpanan/catat", {"member": b.id, "kind": "pokok",
                                                           "day": "2026-02-01", "amount": "100000",
                                                           "cash": "kas"})
    assert "sudah membayar simpanan pokok" in bad.get_data(as_text=True)
    response = client.post_form("/kelola/buku/simpanan/catat", {"member": b.id, "kind": "wajib",
                                                                "day": f"{Y + 1}-02-01", "amount": "10.000",
                                                                "cash": "bank"})
    assert response.status_code == 302
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"KW/{Y + 1}/0001" in receipt and "Budi" in receipt and "Rp10.000" in receipt
    withdraw = client.post_form("/kelola/buku/simpanan/catat", {"member": b.id, "kind": "tarik",
                                                                "day": f"{Y + 1}-02-02", "amount": "1",
                                                                "cash": "kas"})
    assert "melebihi" in withdraw.get_data(as_text=True)
    db.session.expire_all()
    assert balance(group.id, c.BANK) == 10_000


def test_another_groups_receipt_and_member_are_not_found(client, coop, make_books, make_member):
    other = make_books()
    stranger = make_member(other)
    theirs = record_contribution(other.id, stranger.id, "wajib", 10_000, date(Y, 3, 1))
    db.session.commit()
    assert client.get(f"/kelola/buku/simpanan/kuitansi/{theirs.id}").status_code == 404
    response = client.post_form("/kelola/buku/simpanan/catat", {"member": stranger.id, "kind": "wajib",
                                                                "day": "2026-02-01", "amount": "10000",
                                                                "cash": "kas"})
    assert (response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)) \
        or "bukan pilihan" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(MemberContribution).filter_by(member_id=stranger.id).count() == 1


def test_shu_close_needs_confirmation_then_locks_the_year(client, coop):
    group = coop[0]
    preview = client.get(f"/kelola/buku/shu?tahun={Y}").get_data(as_text=True)
    assert "Rp1.000.000" in preview and "Tutup buku dan bagi SHU" in preview
    refused = client.post_form("/kelola/buku/shu/tutup", {"year": Y}, token_page="/kelola/buku/shu")
    assert refused.status_code == 400 and "Centang untuk mengonfirmasi" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert not is_closed(group.id, Y)
    done = client.post_form("/kelola/buku/shu/tutup", {"year": Y, "confirm": "y"},
                            token_page="/kelola/buku/shu")
    assert done.status_code == 302
    db.session.expire_all()
    assert is_closed(group.id, Y) and trial_balance(group.id) == 0
    page = client.get(f"/kelola/buku/shu?tahun={Y}").get_data(as_text=True)
    assert "sudah ditutup" in page and "Ani" in page
    again = client.post_form("/kelola/buku/shu/tutup", {"year": Y, "confirm": "y"},
                             token_page="/kelola/buku/shu")
    assert again.status_code == 302
    current = client.post_form("/kelola/buku/shu/tutup", {"year": Y + 1, "confirm": "y"},
                               token_page="/kelola/buku/shu")
    assert current.status_code == 302 and not is_closed(group.id, Y + 1)


def test_rat_reports_pdf_and_xlsx_totals_match(client, coop):
    html = client.get(f"/kelola/buku/rat?tahun={Y}").get_data(as_text=True)
    assert "Neraca" in html and "Perhitungan hasil usaha" in html and "Rp1.000.000" in html
    pdf = client.get(f"/kelola/buku/rat.pdf?tahun={Y}")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(client.get(f"/kelola/buku/rat.xlsx?tahun={Y}").data))
    neraca = list(book["Neraca"].iter_rows(min_row=2, values_only=True))
    assets = sum(r[2] for r in neraca if r[0] == "Aset")
    other = sum(r[2] for r in neraca if r[0] != "Aset")
    assert assets == other == 1_250_000
    phu = {r[1] or r[0]: r[2] for r in book["Perhitungan hasil usaha"].iter_rows(min_row=2, values_only=True)}
    assert phu["SHU"] == 1_000_000
    alloc = list(book["Pembagian SHU"].iter_rows(min_row=2, values_only=True))
    assert sum(r[5] for r in alloc) == 400_000 * 70 // 100 + 400_000 * 30 // 100  # jasa anggota 40 %
    register = {r[0]: r[5] for r in book["Daftar anggota"].iter_rows(min_row=2, values_only=True)}
    assert register == {"Ani": 150_000, "Budi": 100_000}
    # after the close the same reports still show the year's figures
    client.post_form("/kelola/buku/shu/tutup", {"year": Y, "confirm": "y"}, token_page="/kelola/buku/shu")
    book = load_workbook(io.BytesIO(client.get(f"/kelola/buku/rat.xlsx?tahun={Y}").data))
    phu = {r[1] or r[0]: r[2] for r in book["Perhitungan hasil usaha"].iter_rows(min_row=2, values_only=True)}
    assert phu["SHU"] == 1_000_000
    neraca = list(book["Neraca"].iter_rows(min_row=2, values_only=True))
    assert sum(r[2] for r in neraca if r[0] == "Aset") == sum(r[2] for r in neraca if r[0] != "Aset")


def test_readiness_checklist_and_adart_checkbox(client, coop):
    html = client.get("/kelola/buku/kesiapan").get_data(as_text=True)
    assert "perlu 7 lagi" in html and "AD/ART" in html
    assert client.post_form("/kelola/buku/kesiapan/adart", {"adart_drafted": "y"},
                            token_page="/kelola/buku/kesiapan").status_code == 302
    assert "Centang setelah" not in client.get("/kelola/buku/kesiapan").get_data(as_text=True)


def test_coop_settings_refuse_a_rule_not_summing_to_100(client, coop):
    data = {"pokok_amount": "100000", "wajib_amount": "10000", "cadangan_percent": "50",
            "jasa_anggota_percent": "40", "pengurus_percent": "5", "karyawan_percent": "5",
            "pendidikan_percent": "5", "sosial_percent": "5", "jasa_usaha_percent": "70"}
    bad = client.post_form("/kelola/buku/koperasi/pengaturan", data)
    assert bad.status_code == 200 and "100%" in bad.get_data(as_text=True)
    data["cadangan_percent"] = "40"
    assert client.post_form("/kelola/buku/koperasi/pengaturan", data).status_code == 302
