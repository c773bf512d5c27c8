"""What a buyer types at checkout in the browser journeys (one place, so the journeys fill the form alike)."""
from __future__ import annotations


def fill_buyer(page) -> None:
    """The buyer's details and address on /checkout (delivery and payment are the journey's own choices)."""
    page.get_by_label("Nama lengkap").fill("Siti Rahma")
    page.get_by_label("E-mail").fill("siti@contoh.id")
    page.get_by_label("Nomor HP/WhatsApp").fill("0812 3456 7890")
    page.get_by_label("Provinsi").select_option("Jawa Barat")
    page.get_by_label("Kabupaten/kota").fill("Kota Bandung")
    page.get_by_label("Kecamatan").fill("Coblong")
    page.get_by_label("Kode pos").fill("40132")
    page.get_by_label("Alamat jalan, RT/RW, nomor rumah").fill("Jl. Dago No. 10")
