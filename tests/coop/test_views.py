import io
from datetime import date

import pytest
from openpyxl import load_workbook

from shop.coop.models import MemberContribution
from shop.coop.services import record_contribution
from shop.coop.settings import coop_settings
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.ledger.services import balance, is_closed, trial_balance

Y = date.today().year - 1


@pytest.fixture
def coop(make_books, make_member, make_staff, login):
    group = make_books(name="Kelompok Koperasi")
    coop_settings(group.id).wajib_start = date(Y, 1, 1)
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


def test_the_shu_cycle_close_pack_decision_division_payment_slip(client, coop):
    group, ani, budi = coop
    preview = client.get(f"/kelola/buku/shu?tahun={Y}").get_data(as_text=True)
    assert "Rp1.000.000" in preview and "Tutup buku" in preview
    refused = client.post_form("/kelola/buku/shu/tutup", {"year": Y}, token_page="/kelola/buku/shu")
    assert refused.status_code == 400 and "Centang untuk mengonfirmasi" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert not is_closed(group.id, Y)
    done = client.post_form("/kelola/buku/shu/tutup", {"year": Y, "confirm": "y"}, token_page="/kelola/buku/shu")
    assert done.status_code == 302
    db.session.expire_all()
    assert is_closed(group.id, Y) and trial_balance(group.id) == 0
    assert balance(group.id, c.SHU_BELUM_DIBAGI) == -1_000_000 and balance(group.id, c.UTANG_SHU) == 0
    page = client.get(f"/kelola/buku/shu?tahun={Y}").get_data(as_text=True)
    assert "Keputusan rapat anggota" in page and "Posting pembagian SHU" not in page
    assert client.post_form("/kelola/buku/shu/laporan", {"year": Y, "pengurus_report": "Laporan ketua: usaha baik.",
                                                         "pengawas_report": "Pengawas: kas cocok."},
                            token_page=f"/kelola/buku/shu?tahun={Y}").status_code == 302
    pack = client.get(f"/kelola/buku/rat.pdf?tahun={Y}")
    assert pack.data.startswith(b"%PDF")
    assert "Laporan ketua" in client.get(f"/kelola/buku/rat?tahun={Y}").get_data(as_text=True)
    decision = {"year": Y, "held_on": f"{Y + 1}-01-20", "members_present": "2", "attendance": "Ani, Budi",
                "minutes": "RAT menyetujui pembagian.", "cadangan_percent": "50", "jasa_anggota_percent": "30",
                "pengurus_percent": "5", "karyawan_percent": "5", "pendidikan_percent": "5", "sosial_percent": "5",
                "jasa_usaha_percent": "80", "jasa_modal_cap_percent": "10"}
    early = client.post_form("/kelola/buku/shu/bagi", {"year": Y, "day": f"{Y + 1}-01-21"},
                             token_page=f"/kelola/buku/shu?tahun={Y}")
    assert early.status_code == 400 and "keputusan rapat" in early.get_data(as_text=True).lower()
    bad = client.post_form("/kelola/buku/shu/keputusan", dict(decision, members_present="9"),
                           token_page=f"/kelola/buku/shu?tahun={Y}")
    assert bad.status_code == 400 and "hadir" in bad.get_data(as_text=True)
    assert client.post_form("/kelola/buku/shu/keputusan", decision,
                            token_page=f"/kelola/buku/shu?tahun={Y}").status_code == 302
    assert client.post_form("/kelola/buku/shu/bagi", {"year": Y, "day": f"{Y + 1}-01-21"},
                            token_page=f"/kelola/buku/shu?tahun={Y}").status_code == 302
    db.session.expire_all()
    # 1.000.000 all from members' sales: cadangan 50 %; jasa anggota 300.000 → usaha 240.000 (Ani 600.000 :
    # Budi 400.000 → 144.000 / 96.000), modal 60.000 capped at 10 % of 150.000 / 100.000 → 15.000 / 10.000
    assert -balance(group.id, c.UTANG_SHU) == 144_000 + 15_000 + 96_000 + 10_000
    assert -balance(group.id, c.CADANGAN) == 500_000 + 35_000 and balance(group.id, c.SHU_BELUM_DIBAGI) == 0
    pay = client.post_form("/kelola/buku/shu/bayar", {"year": Y, "member": ani.id, "amount": "159000",
                                                      "cash": "kas", "day": f"{Y + 1}-01-22"},
                           token_page=f"/kelola/buku/shu?tahun={Y}")
    assert pay.status_code == 302 and "/shu/slip/" in pay.location
    slip = client.get(pay.location).get_data(as_text=True)
    assert "Rp159.000" in slip and "PMK 18/2021" in slip and "Ani (No. 1)" in slip
    assert client.get(pay.location + ".pdf").data.startswith(b"%PDF")
    too_much = client.post_form("/kelola/buku/shu/bayar", {"year": Y, "member": budi.id, "amount": "106001",
                                                           "cash": "kas", "day": f"{Y + 1}-01-22"},
                                token_page=f"/kelola/buku/shu?tahun={Y}")
    assert too_much.status_code == 400
    page = client.get(f"/kelola/buku/shu?tahun={Y}").get_data(as_text=True)
    assert "SHU/" in page and "Rp106.000" in page  # Budi still owed
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
    # jasa anggota 40 %: usaha 280.000; modal 120.000 capped at 20 % of 150.000 / 100.000 = 30.000 + 20.000
    assert sum(r[5] for r in alloc) == 400_000 * 70 // 100 + 30_000 + 20_000
    register = {r[1]: r[6] for r in book["Daftar anggota"].iter_rows(min_row=2, values_only=True)}
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
    data = {"pokok_amount": "100000", "wajib_amount": "10000", "wajib_start": f"{Y}-01-01", "cadangan_percent": "50",
            "jasa_anggota_percent": "40", "pengurus_percent": "5", "karyawan_percent": "5",
            "pendidikan_percent": "5", "sosial_percent": "5", "jasa_usaha_percent": "70",
            "jasa_modal_cap_percent": "20", "exit_rule": "kembali"}
    bad = client.post_form("/kelola/buku/koperasi/pengaturan", data)
    assert bad.status_code == 200 and "100%" in bad.get_data(as_text=True)
    data["cadangan_percent"] = "40"
    assert client.post_form("/kelola/buku/koperasi/pengaturan", data).status_code == 302
    data["pokok_amount"] = "150000"  # E6: members have paid it, so it is locked
    locked = client.post_form("/kelola/buku/koperasi/pengaturan", data)
    assert locked.status_code == 200 and "terkunci" in locked.get_data(as_text=True)
    decided = client.post_form("/kelola/buku/koperasi/keputusan-pokok", {
        "new_amount": "150000", "decided_on": f"{Y + 1}-01-10", "members_present": "2",
        "minutes": "Rapat anggota menaikkan simpanan pokok."})
    assert decided.status_code == 302 and coop_settings(coop[0].id).pokok_amount == 150_000


def test_a_receipt_prints_as_pdf(client, coop):
    first = db.session.query(MemberContribution).first()
    page = client.get(f"/kelola/buku/simpanan/kuitansi/{first.id}").get_data(as_text=True)
    assert f"/kelola/buku/simpanan/kuitansi/{first.id}.pdf" in page and "(No. 1)" in page
    assert client.get(f"/kelola/buku/simpanan/kuitansi/{first.id}.pdf").data.startswith(b"%PDF")
    assert client.get("/kelola/buku/simpanan/kuitansi/999999.pdf").status_code == 404


def test_namesakes_are_told_apart_by_member_number(client, coop, make_member):
    group = coop[0]
    make_member(group, name="Ani")  # a second Ani
    form = client.get("/kelola/buku/simpanan/catat").get_data(as_text=True)
    assert "Ani (No. 1)" in form and "Ani (No. 3)" in form
    product_form = client.get("/kelola/produk/baru").get_data(as_text=True)
    assert "Ani (No. 1)" in product_form and "Ani (No. 3)" in product_form


def test_a_grant_is_equity_and_a_fund_is_spent_only_from_what_it_holds(client, coop):
    group = coop[0]
    page = "/kelola/buku/koperasi/dana"
    grant = client.post_form(page, {"what": "hibah", "hibah-in_kind": "barang", "hibah-amount": "1.500.000",
                                    "hibah-cash": "kas", "hibah-day": f"{Y}-07-01",
                                    "hibah-memo": "Mesin jahit dari Dinas Sosial"})
    assert grant.status_code == 302
    db.session.expire_all()
    assert (balance(group.id, c.HIBAH), balance(group.id, c.PERALATAN)) == (-1_500_000, 1_500_000)
    assert balance(group.id, c.PENDAPATAN_LAIN) == 0  # never income, so never SHU
    spend = client.post_form(page, {"what": "dana", "dana-dana": "pendidikan", "dana-amount": "10.000",
                                    "dana-cash": "kas", "dana-day": f"{Y}-07-02", "dana-memo": "Pelatihan"})
    assert spend.status_code == 200 and "saldo dana" in spend.get_data(as_text=True)
    assert balance(group.id, c.DANA_PENDIDIKAN) == 0


def test_shu_page_opens_on_the_year_waiting_then_on_this_year_with_links_to_every_year(client, coop):
    """Defect 34: it opened on last year whatever its state; the current-year preview needed the year typed."""
    group, _ani, _budi = coop
    this_year = date.today().year
    page = client.get("/kelola/buku/shu").get_data(as_text=True)
    assert f"Sisa hasil usaha {Y}" in page and "Tutup buku" in page  # last year still to close: work waiting
    assert f'href="/kelola/buku/shu?tahun={this_year}"' in page and "tahun berjalan, perkiraan" in page
    assert f'href="/kelola/buku/shu?tahun={Y}" aria-current="page"' in page
    client.post_form("/kelola/buku/shu/tutup", {"year": Y, "confirm": "y"}, token_page="/kelola/buku/shu")
    after = client.get("/kelola/buku/shu").get_data(as_text=True)
    assert f"Sisa hasil usaha {this_year}" in after  # nothing waits: this year's preview
    assert f'href="/kelola/buku/shu?tahun={this_year}" aria-current="page"' in after
    assert f'href="/kelola/buku/shu?tahun={Y}"' in after
