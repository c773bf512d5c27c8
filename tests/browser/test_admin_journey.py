"""An admin, with the keyboard only, creates a group, approves it and invites its coordinator; the coordinator
chooses a password from the e-mailed link and logs in. axe-core checks every page on the way."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from shop.extensions import db
from shop.groups.models import Group, Region
from shop.mail.models import OutboxMessage

PASSWORD = "sandi-petugas-2026"


def _seed(app) -> None:
    from shop.accounts.services import create_user

    with app.app_context():
        db.session.add(Region(province="Jawa Barat", name="Garut", kind="kabupaten", slug="kab-garut"))
        create_user("petugas@dinsos.id", "admin", password=PASSWORD, name="Petugas")
        db.session.commit()


def _submit_with_enter(page, label: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Enter")


def test_admin_onboards_a_group_and_its_coordinator(live_server, page, assert_accessible):
    app = live_server.app
    app.config["PUBLIC_URL"] = live_server.url
    _seed(app)
    page.goto(live_server.url + "/masuk")
    assert_accessible(page)
    page.get_by_label("E-mail").fill("petugas@dinsos.id")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    _submit_with_enter(page, "Kata sandi")
    page.wait_for_url("**/dasbor")
    assert_accessible(page)

    page.goto(live_server.url + "/admin/")
    assert_accessible(page)
    page.goto(live_server.url + "/admin/kelompok/baru")
    _submit_with_enter(page, "Nama kelompok")  # empty: errors tied to their fields
    expect(page.locator("#name-error")).to_be_visible()
    assert page.get_by_label("Nama kelompok").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Nama kelompok").fill("Kelompok Batik Harapan")
    page.get_by_label("Wilayah").select_option(label="Kabupaten Garut, Jawa Barat")
    page.get_by_label("Batik tulis").focus()
    page.keyboard.press("Space")
    page.get_by_label("WhatsApp").fill("+6281234567890")
    _submit_with_enter(page, "Nama kelompok")
    page.wait_for_url(re.compile(r".*/admin/kelompok/\d+$"))
    assert page.locator("h1").inner_text() == "Kelompok Batik Harapan"
    assert_accessible(page)

    page.get_by_role("link", name="Setujui kelompok").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/status/active")
    assert_accessible(page)
    page.get_by_role("button", name="Ya, aktifkan").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/admin/kelompok/\d+$"))
    assert "Aktif" in page.locator("main").inner_text()
    with app.app_context():
        group = db.session.scalar(select(Group))
        assert group.status == "active" and group.crafts == "batik_tulis"

    page.get_by_role("link", name="Undang koordinator untuk kelompok ini").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/pengguna/undang**")
    assert page.get_by_label("Kelompok (untuk koordinator)").input_value() == str(group.id)
    assert_accessible(page)
    page.get_by_label("E-mail").fill("sari@contoh.id")
    page.get_by_label("Nama", exact=True).fill("Sari")
    _submit_with_enter(page, "E-mail")
    page.wait_for_url("**/admin/pengguna")
    assert_accessible(page)
    page.get_by_role("link", name="Nonaktifkan sari@contoh.id").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/nonaktifkan")
    assert_accessible(page)  # the confirmation step; leave without confirming
    for path in ("/admin/wilayah", "/admin/wilayah/baru", "/admin/aktivitas", "/admin/kelompok"):
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.get_by_role("button", name=re.compile("Keluar")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")

    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body).where(OutboxMessage.to == "sari@contoh.id"))
    link = re.search(r"(http://127\.0\.0\.1:\d+/undangan/\S+)", body).group(1)
    page.goto(link)
    assert_accessible(page)
    page.get_by_label("Kata sandi baru").fill("pendek")
    page.get_by_label("Ulangi kata sandi").fill("pendek")
    _submit_with_enter(page, "Ulangi kata sandi")
    expect(page.locator("#password-error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kata sandi baru").fill("batik-harapan-garut")
    page.get_by_label("Ulangi kata sandi").fill("batik-harapan-garut")
    _submit_with_enter(page, "Ulangi kata sandi")
    page.wait_for_url("**/dasbor")  # accepting the invitation signs the new coordinator in
    assert "Kelompok Batik Harapan" in page.locator("main").inner_text()

    page.goto(link)  # the link was single use
    assert "Tautan tidak berlaku" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_forgot_password_pages_are_accessible(live_server, page, assert_accessible):
    page.goto(live_server.url + "/lupa-sandi")
    assert_accessible(page)
    page.get_by_label("E-mail").fill("bukan email")
    _submit_with_enter(page, "E-mail")
    expect(page.locator("#email-error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-mail").fill("siapa@contoh.id")
    _submit_with_enter(page, "E-mail")
    page.wait_for_url("**/masuk")
    assert "Jika alamat itu terdaftar" in page.locator("main").inner_text()
    assert_accessible(page)
