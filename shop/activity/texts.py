"""What an activity-log entry says to a person, in plain words: "Pesanan PK-2612-3UHJ dibayar", never `order.paid`.

Every code that a service passes to shop.activity.services.record() has a sentence here (a test reads the code
for record("…") calls and fails on one without it). `%(s)s` is the entry's subject (an order number, a product
title, a member's name…). Details written as "old -> new" by status changes are shown with their labels.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

TEXTS = {
    "order.placed": _l("Pesanan %(s)s masuk"),
    "order.paid": _l("Pesanan %(s)s dibayar"),
    "order.processing": _l("Pesanan %(s)s sedang disiapkan"),
    "order.shipped": _l("Pesanan %(s)s dikirim"),
    "order.delivered": _l("Pesanan %(s)s sudah sampai"),
    "order.picked_up": _l("Pesanan %(s)s sudah diambil"),
    "order.cancelled": _l("Pesanan %(s)s dibatalkan"),
    "order.expired": _l("Pesanan %(s)s kedaluwarsa"),
    "order.refunded": _l("Dana pesanan %(s)s dikembalikan"),
    "payment.slip": _l("Bukti transfer pesanan %(s)s diunggah"),
    "payment.slip_rejected": _l("Bukti transfer pesanan %(s)s ditolak"),
    "product.created": _l("Produk %(s)s dibuat"),
    "product.updated": _l("Produk %(s)s diubah"),
    "product.published": _l("Produk %(s)s ditayangkan"),
    "product.draft": _l("Produk %(s)s dijadikan draf"),
    "product.archived": _l("Produk %(s)s diarsipkan"),
    "product.duplicated": _l("Produk %(s)s disalin"),
    "product.imported": _l("Produk diimpor dari CSV: %(s)s"),
    "stock.adjusted": _l("Stok %(s)s diubah"),
    "photo.added": _l("Foto ditambahkan ke %(s)s"),
    "photo.moved": _l("Urutan foto %(s)s diubah"),
    "photo.main": _l("Foto utama %(s)s diganti"),
    "photo.alt": _l("Keterangan foto %(s)s diubah"),
    "photo.deleted": _l("Foto %(s)s dihapus"),
    "member.added": _l("Anggota %(s)s ditambahkan"),
    "member.updated": _l("Data anggota %(s)s diubah"),
    "member.left": _l("Anggota %(s)s keluar"),
    "group.created": _l("%(s)s didaftarkan"),
    "group.updated": _l("Data %(s)s diubah"),
    "group.profile_updated": _l("Profil %(s)s diubah"),
    "group.photo_changed": _l("Foto %(s)s diganti"),
    "group.qris_changed": _l("QRIS %(s)s untuk kasir bazar disimpan"),
    "group.qris_removed": _l("QRIS %(s)s untuk kasir bazar dihapus"),
    "group.approved": _l("%(s)s disetujui"),
    "group.reactivated": _l("%(s)s diaktifkan lagi"),
    "group.suspended": _l("%(s)s dihentikan sementara"),
    "group.legal_form_changed": _l("Bentuk usaha %(s)s diubah"),
    "region.created": _l("Wilayah %(s)s ditambahkan"),
    "region.updated": _l("Wilayah %(s)s diubah"),
    "user.created": _l("Akun %(s)s dibuat"),
    "user.invited": _l("%(s)s diundang"),
    "user.reinvited": _l("Undangan untuk %(s)s dikirim lagi"),
    "user.password_set": _l("%(s)s mengatur kata sandi"),
    "user.password_reset": _l("%(s)s mengganti kata sandi"),
    "user.deactivated": _l("Akun %(s)s dinonaktifkan"),
    "user.reactivated": _l("Akun %(s)s diaktifkan lagi"),
    "books.settings_updated": _l("Pengaturan buku kas diubah"),
    "books.month_locked": _l("Bulan buku dikunci: %(s)s"),
    "books.month_reopened": _l("Bulan buku dibuka lagi: %(s)s"),
    "books.entry_reversed": _l("Jurnal dibalik dengan alasan: %(s)s"),
    "books.statement_note_updated": _l("Catatan atas laporan keuangan %(s)s diubah"),
    "books.maker_share_confirmed": _l("Bagian pengrajin %(s)s dikonfirmasi"),
    "books.asset_added": _l("Aset %(s)s dicatat"),
    "books.asset_disposed": _l("Aset %(s)s dihapus dari buku"),
    "books.depreciation_posted": _l("Penyusutan aset %(s)s dicatat"),
    "books.opening_posted": _l("Saldo awal buku %(s)s dicatat"),
    "books.payout": _l("Pencairan %(s)s dari platform ke rekening kelompok dicatat"),
    "photo.failed": _l("Foto %(s)s gagal diolah"),
    "coop.settings_updated": _l("Pengaturan koperasi diubah"),
    "coop.adart_drafted": _l("AD/ART ditandai sudah disusun"),
    "coop.adart_undone": _l("Tanda AD/ART sudah disusun dibatalkan"),
    "coop.pokok_changed": _l("Simpanan pokok diubah oleh keputusan rapat anggota (%(s)s)"),
    "coop.year_closed": _l("Buku tahun %(s)s ditutup"),
    "coop.rat_decided": _l("Keputusan rapat anggota tahun buku %(s)s dicatat"),
    "coop.shu_divided": _l("SHU tahun %(s)s dibagi sesuai keputusan rapat anggota"),
    "coop.profile_updated": _l("Langkah pendirian koperasi dicatat"),
    "event.created": _l("Bazar %(s)s dibuat"),
    "event.status": _l("Status bazar %(s)s diubah"),
    "event.invited": _l("Kelompok diundang ke %(s)s"),
    "event.accepted": _l("Undangan %(s)s diterima"),
    "event.declined": _l("Undangan %(s)s ditolak"),
    "event.settled": _l("Hasil penjualan %(s)s diserahkan"),
    "event.organiser_added": _l("Panitia ditambahkan ke %(s)s"),
    "till.conflict": _l("Penjualan di %(s)s menjadi konflik"),
    "till.resolved": _l("Konflik penjualan di %(s)s diselesaikan"),
    "drawer.opened": _l("Laci kas %(s)s dibuka"),
    "drawer.closed": _l("Laci kas %(s)s ditutup"),
    "order.deposit": _l("Pembayaran uang muka %(s)s dibuat"),
    "order.balance": _l("Pembayaran pelunasan %(s)s dibuat"),
    "custom.requested": _l("Permintaan pesanan ukur %(s)s masuk"),
    "custom.quoted": _l("Penawaran pesanan ukur %(s)s dikirim"),
    "custom.accepted": _l("Penawaran pesanan ukur %(s)s diterima"),
    "custom.declined": _l("Permintaan pesanan ukur %(s)s ditolak"),
    "custom.stage": _l("Tahap pesanan ukur %(s)s dicatat"),
    "custom.message": _l("Pesan pada pesanan ukur %(s)s"),
    "custom.makers": _l("Pembuat pesanan ukur %(s)s dicatat"),
    "custom.cancelled": _l("Pesanan ukur %(s)s dibatalkan"),
    "custom.delivered": _l("Pesanan ukur %(s)s diserahkan"),
    "custom.capacity": _l("Kapasitas jahit per minggu diubah: %(s)s potong"),
}

WORDS = {  # the codes that status-change details carry ("draft -> published")
    "draft": _l("draf"), "published": _l("tayang"), "archived": _l("diarsipkan"), "pending": _l("menunggu"),
    "active": _l("aktif"), "suspended": _l("dihentikan"), "kelompok": _l("kelompok"), "kube": _l("KUBE"),
    "pra_koperasi": _l("pra-koperasi"), "koperasi": _l("koperasi"),
    "open": _l("pendaftaran kelompok"), "running": _l("berlangsung"), "closed": _l("selesai"),
    "settled": _l("sudah diselesaikan"),
}


def describe(action: str, subject: str) -> str:
    """The sentence for an entry; a code without a sentence still reads as words, never as the raw code."""
    text = TEXTS.get(action)
    if text is None:
        return _("Perubahan dicatat: %(s)s", s=subject) if subject else _("Perubahan dicatat")
    return str(text) % {"s": subject}


def detail(text: str) -> str:
    """ "draft -> published" → "draf → tayang"; any other detail (an amount, a reason) unchanged."""
    if " -> " not in (text or ""):
        return text or ""
    old, new = text.split(" -> ", 1)
    return f"{WORDS.get(old, old)} → {WORDS.get(new, new)}"


def jinja_globals() -> dict:
    return {"activity_text": describe, "activity_detail": detail}
