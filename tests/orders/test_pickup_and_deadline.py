"""Defects 8 and 9: a pickup order says where and when to collect it; a bank transfer says by when to pay."""
from __future__ import annotations

from datetime import datetime

from shop.extensions import db


def test_pickup_part_shows_the_groups_address_and_hours(client, make_product, make_group, make_order):
    group = make_group(name="Kelompok Batik Garut", address="Jl. Cimanuk No. 12, Tarogong Kidul",
                       pickup_hours="Senin-Sabtu 09.00-16.00 WIB")
    product = make_product(group=group)
    order = make_order([(product.variants[0], 1)], shipping="pickup")
    db.session.commit()
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "Ambil di Kelompok Batik Garut" in page
    assert f"Jl. Cimanuk No. 12, Tarogong Kidul, {group.region.label}" in page
    assert "Jam pengambilan: Senin-Sabtu 09.00-16.00 WIB." in page
    assert "bisa diambil setelah pembayaran dikonfirmasi" in page


def test_pickup_without_an_address_says_how_to_learn_it(client, make_product, make_group, make_order):
    group = make_group(address="", pickup_hours="")
    order = make_order([(make_product(group=group).variants[0], 1)], shipping="pickup")
    db.session.commit()
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "Alamat lengkap dikirim kelompok lewat WhatsApp" in page
    assert "Tanyakan jam pengambilan" in page


def test_courier_part_has_no_pickup_box(client, make_product, make_group, make_order):
    group = make_group(address="Jl. Cimanuk No. 12")
    order = make_order([(make_product(group=group).variants[0], 1)], shipping="courier")
    db.session.commit()
    assert "Ambil di" not in client.get(f"/pesanan/{order.token}").get_data(as_text=True)


def test_bank_transfer_shows_the_payment_deadline_in_wib(app, client, make_product, make_order):
    order = make_order([(make_product().variants[0], 1)])
    order.created_at = datetime(2026, 12, 1, 7, 18)  # UTC; 48 hours later is 3 Dec 14:18 WIB
    db.session.commit()
    assert app.config["BANK_TRANSFER_HOURS"] == 48
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "Bayar dan unggah bukti transfer sebelum 03-12-2026 14:18 WIB." in page
    assert "pesanan kedaluwarsa" in page
    client.get("/bahasa/en")
    assert "3 Dec 2026, 14:18 WIB" in client.get(f"/pesanan/{order.token}").get_data(as_text=True)


def test_cash_on_delivery_has_no_deadline(client, make_product, make_order):
    order = make_order([(make_product().variants[0], 1)], method="cash_on_delivery", shipping="courier")
    db.session.commit()
    assert "Bayar dan unggah bukti transfer sebelum" not in client.get(f"/pesanan/{order.token}").get_data(
        as_text=True)


def test_coordinator_sets_pickup_address_and_hours_in_the_profile(client, make_group, make_user, login):
    group = make_group()
    login(make_user("coordinator", group=group))
    r = client.post_form("/kelola/profil", {"story": "", "contact_name": "", "phone": "", "whatsapp": "",
                                            "address": "Jl. Merdeka 5, Garut", "pickup_hours": "Sabtu 09.00-12.00",
                                            "bank_name": "", "bank_account_number": "", "bank_account_name": ""})
    assert r.status_code == 302
    db.session.refresh(group)
    assert (group.address, group.pickup_hours) == ("Jl. Merdeka 5, Garut", "Sabtu 09.00-12.00")
