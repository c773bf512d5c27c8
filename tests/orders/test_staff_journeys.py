"""The coordinator's daily order work: told when orders and slips arrive, the buyer one tap away on WhatsApp,
the delivery charge on the page, couriers from a list with a tracking link, the slip shown in the page."""
from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.orders.models import OrderPart


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 10)).save(buf, "PNG")
    return buf.getvalue()


def _mail_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to == address)))


def test_coordinators_are_emailed_on_new_order_and_slip(client, make_product, make_order, make_user):
    product = make_product(title="Kain Sogan")
    coordinator = make_user("coordinator", group=product.group, email="koor@contoh.id")
    make_user("coordinator", group=product.group, email="lama@contoh.id", active=False)
    order = make_order([(product.variants[0], 2)])
    db.session.commit()
    mails = _mail_to(coordinator.email)
    assert len(mails) == 1 and order.number in mails[0].subject and "2× Kain Sogan" in mails[0].body
    assert f"/kelola/pesanan/{order.parts[0].id}" in mails[0].body
    assert _mail_to("lama@contoh.id") == []  # a deactivated coordinator is not told
    token = client.csrf_token(f"/pesanan/{order.token}")
    client.post(f"/pesanan/{order.token}/bukti/{order.parts[0].id}",
                data={"csrf_token": token, "slip": (io.BytesIO(_png()), "bukti.png")},
                content_type="multipart/form-data")
    subjects = [m.subject for m in _mail_to(coordinator.email)]
    assert len(subjects) == 2 and "Bukti transfer" in subjects[1]
    assert all("\n" not in s and len(s) <= 80 for s in subjects)


def test_staff_page_shows_whatsapp_fee_tracking_and_slip(client, make_product, make_order, make_user, login):
    product = make_product()
    order = make_order([(product.variants[0], 1)], shipping="courier", phone="0812 3456 7890")
    part = order.parts[0]
    coordinator = make_user("coordinator", group=product.group)
    db.session.commit()
    token = client.csrf_token(f"/pesanan/{order.token}")
    client.post(f"/pesanan/{order.token}/bukti/{part.id}",
                data={"csrf_token": token, "slip": (io.BytesIO(_png()), "bukti.png")},
                content_type="multipart/form-data")
    login(coordinator)
    detail = f"/kelola/pesanan/{part.id}"
    page = client.get(detail).get_data(as_text=True)
    assert "https://wa.me/6281234567890?text=" in page
    assert "Ongkos kirim" in page and f"{part.shipping_fee:,}".replace(",", ".") in page
    assert f'<img src="/kelola/pesanan/{part.id}/bukti"' in page
    assert client.post_form(detail + "/konfirmasi-bayar", {}, token_page=detail).status_code == 302
    other = client.post_form(detail + "/kirim", {"courier": "lain", "courier_other": "", "tracking_number": "X1"},
                             token_page=detail)
    assert other.status_code == 400 and "Pilih kurir, atau tulis nama kurir lain" in other.get_data(as_text=True)
    client.post_form(detail + "/kirim", {"courier": "SiCepat", "tracking_number": "SC123"}, token_page=detail)
    db.session.expire_all()
    assert db.session.get(OrderPart, part.id).courier == "SiCepat"
    buyer = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "SC123" in buyer and "https://www.sicepat.com/checkAwb" in buyer


def test_slip_rejection_and_cancel_mails_have_short_subjects_and_the_reason_in_the_body(app, make_product,
                                                                                          make_order):
    """Defect 29: the subject was the whole reason plus '.. Silakan unggah lagi'."""
    from shop.payments import services as payments

    product = make_product(title="Kain Sogan")
    order = make_order([(product.variants[0], 1)])
    part = order.parts[0]
    payments.submit_slip(part, _png())
    reason = "Nominal transfer Rp10.000 kurang dari total; mohon transfer kekurangannya lalu unggah bukti baru."
    payments.reject_slip(part, reason, None)
    other = make_order([(product.variants[0], 1)], email="lain@contoh.id")
    payments.cancel_part(other.parts[0], "Stok rusak terkena air.")
    db.session.commit()
    rejected = [m for m in _mail_to(order.buyer_email) if "belum bisa diterima" in m.subject]
    assert len(rejected) == 1
    assert rejected[0].subject == f"Pesanan {order.number}: bukti transfer belum bisa diterima"
    assert reason in rejected[0].body and "unggah bukti transfer lagi" in rejected[0].body
    cancelled = [m for m in _mail_to("lain@contoh.id") if "dibatalkan" in m.subject]
    assert cancelled[0].subject == f"Pesanan {other.number}: pesanan dibatalkan"
    assert "Alasan: Stok rusak terkena air." in cancelled[0].body
