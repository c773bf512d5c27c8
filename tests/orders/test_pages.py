"""The buyer's page (secret link, slip upload) and the coordinator's order pages (scoped to their group)."""
from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from shop.catalog.models import Variant
from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.orders.models import Order, OrderPart
from tests.fixtures.orders import login

PASSWORD = "rahasia-koordinator-1"


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 10, 10)).save(buf, "PNG")
    return buf.getvalue()


def upload(client, order, part, data: bytes, name="bukti.png"):
    token = client.csrf_token(f"/pesanan/{order.token}")
    return client.post(f"/pesanan/{order.token}/bukti/{part.id}",
                       data={"csrf_token": token, "slip": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_buyer_page_needs_the_secret_link(client, make_product, make_order):
    p = make_product()
    p.group.bank_name, p.group.bank_account_number, p.group.bank_account_name = "BRI", "0123456789", "KUBE Uji"
    p.group.whatsapp = "0812 1111 2222"
    order = make_order([(p.variants[0], 1)])
    db.session.commit()
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert order.number in page and "0123456789" in page and "Rp250.000" in page
    assert "https://wa.me/6281211112222" in page and "Menunggu pembayaran" in page
    assert client.get("/pesanan/salah-token").status_code == 404
    assert client.get(f"/pesanan/{order.number}").status_code == 404


def test_slip_upload_image_pdf_and_bad_files(app, client, make_product, make_order):
    p = make_product()
    order = make_order([(p.variants[0], 1)])
    part = order.parts[0]
    db.session.commit()
    for bad in (b"", b"hello, not an image", b"GIF89a" + b"\0" * 40):
        response = upload(client, order, part, bad)
        assert response.status_code == 302
        db.session.expire_all()
        assert db.session.get(OrderPart, part.id).order.payments[0].status == "pending"
    app.config["SLIP_MAX_BYTES"] = 100
    upload(client, order, part, b"%PDF-1.4\n" + b"x" * 200)
    db.session.expire_all()
    assert db.session.get(Order, order.id).payments[0].status == "pending"
    app.config["SLIP_MAX_BYTES"] = 5 * 1024 * 1024
    assert upload(client, order, part, png_bytes()).status_code == 302
    db.session.expire_all()
    payment = db.session.get(Order, order.id).payments[0]
    assert payment.status == "submitted" and payment.slip_type == "webp" and len(payment.slip_key) == 32
    served = client.get(f"/pesanan/{order.token}/bukti-berkas/{payment.id}")
    assert served.status_code == 200 and served.mimetype == "image/webp"
    assert "no-store" in served.headers["Cache-Control"]
    upload(client, order, part, b"%PDF-1.4\n%%EOF\n", name="bukti.pdf")
    db.session.expire_all()
    assert db.session.get(Order, order.id).payments[0].slip_type == "pdf"
    assert client.get(f"/pesanan/salah/bukti-berkas/{payment.id}").status_code == 404


def test_coordinator_confirms_ships_and_is_scoped(client, make_product, make_order, make_coordinator):
    mine = make_product(title="Batik Kami", stock=5)
    theirs = make_product(title="Batik Mereka", stock=5)
    order = make_order([(mine.variants[0], 1), (theirs.variants[0], 1)], shipping="courier")
    my_part = next(p for p in order.parts if p.group_id == mine.group_id)
    their_part = next(p for p in order.parts if p.group_id == theirs.group_id)
    coordinator = make_coordinator(mine.group)
    db.session.commit()
    assert client.get("/kelola/pesanan/").status_code == 302  # login first
    login(client, coordinator, PASSWORD)
    listing = client.get("/kelola/pesanan/").get_data(as_text=True)
    assert order.number in listing and "Konfirmasi pembayaran" in listing
    assert f"/kelola/pesanan/{their_part.id}" not in listing
    assert "Belum ada pesanan" in client.get("/kelola/pesanan/?status=shipped").get_data(as_text=True)
    assert client.get("/kelola/pesanan/?status=rubbish&page=abc").status_code == 200
    for url in (f"/kelola/pesanan/{their_part.id}", f"/kelola/pesanan/{their_part.id}/slip-kemas",
                f"/kelola/pesanan/{their_part.id}/batal", f"/kelola/pesanan/{their_part.id}/bukti"):
        assert client.get(url).status_code == 404
    forged = client.post_form(f"/kelola/pesanan/{their_part.id}/konfirmasi-bayar", {},
                              token_page="/kelola/pesanan/")
    assert forged.status_code == 404
    detail = f"/kelola/pesanan/{my_part.id}"
    assert client.post_form(detail + "/konfirmasi-bayar", {}, token_page=detail).status_code == 302
    bad_ship = client.post_form(detail + "/kirim", {"courier": "", "tracking_number": ""}, token_page=detail)
    assert bad_ship.status_code == 400 and "Pilih kurir" in bad_ship.get_data(as_text=True)
    client.post_form(detail + "/kirim", {"courier": "JNE", "tracking_number": "JNE0001"}, token_page=detail)
    db.session.expire_all()
    part = db.session.get(OrderPart, my_part.id)
    assert part.status == "shipped" and part.tracking_number == "JNE0001"
    assert db.session.get(OrderPart, their_part.id).status == "placed"
    slip = client.get(detail + "/slip-kemas").get_data(as_text=True)
    assert "Batik Kami" in slip and "Batik Mereka" not in slip
    subjects = db.session.scalars(select(OutboxMessage.subject)).all()
    assert any("pembayaran" in s for s in subjects) and any("dikirim" in s for s in subjects)
    buyer = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "JNE0001" in buyer and "Dikirim" in buyer


def test_cancel_needs_confirmation_and_reason(client, make_product, make_order, make_coordinator):
    p = make_product(stock=3)
    order = make_order([(p.variants[0], 2)])
    part = order.parts[0]
    coordinator = make_coordinator(p.group)
    db.session.commit()
    login(client, coordinator, PASSWORD)
    url = f"/kelola/pesanan/{part.id}/batal"
    assert "Batalkan pesanan" in client.get(url).get_data(as_text=True)
    assert client.post_form(url, {"reason": ""}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Variant, p.variants[0].id).stock == 1
    assert client.post_form(url, {"reason": "Stok rusak kena banjir"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(OrderPart, part.id).status == "cancelled"
    assert db.session.get(Variant, p.variants[0].id).stock == 3
    assert "Stok rusak kena banjir" in client.get(f"/pesanan/{order.token}").get_data(as_text=True)


def test_reject_slip_then_buyer_uploads_again(client, make_product, make_order, make_coordinator):
    p = make_product()
    order = make_order([(p.variants[0], 1)])
    part = order.parts[0]
    coordinator = make_coordinator(p.group)
    db.session.commit()
    upload(client, order, part, png_bytes())
    login(client, coordinator, PASSWORD)
    detail = f"/kelola/pesanan/{part.id}"
    assert client.get(detail + "/bukti").status_code == 200
    assert client.post_form(detail + "/tolak-bukti", {"reason": ""}, token_page=detail).status_code == 400
    client.post_form(detail + "/tolak-bukti", {"reason": "Nominal kurang"}, token_page=detail)
    db.session.expire_all()
    assert db.session.get(Order, order.id).payments[0].status == "rejected"
    assert "Nominal kurang" in client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    upload(client, order, part, png_bytes())
    db.session.expire_all()
    assert db.session.get(Order, order.id).payments[0].status == "submitted"


def test_admin_sees_every_group_and_other_roles_are_refused(client, make_product, make_order, make_admin):
    from shop.accounts.services import create_user

    p = make_product()
    order = make_order([(p.variants[0], 1)])
    admin = make_admin()
    create_user("kasir@contoh.id", "cashier", password="rahasia-kasir-1")
    db.session.commit()
    login(client, admin, "rahasia-admin-1")
    assert order.number in client.get("/kelola/pesanan/").get_data(as_text=True)
    assert client.get(f"/kelola/pesanan/{order.parts[0].id}").status_code == 200
    client.post_form("/keluar", {}, token_page="/dasbor")
    from flask import g

    g.pop("csrf_token", None)
    client.post_form("/masuk", {"email": "kasir@contoh.id", "password": "rahasia-kasir-1"})
    g.pop("csrf_token", None)
    assert client.get("/kelola/pesanan/").status_code == 403
