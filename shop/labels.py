"""The one translated label registry: what a status or a payment method is called on a page.

Templates use the Jinja globals `status_label`, `payment_label`, `method_label`, `channel_label` and
`checkout_method_label`
(registered by shop.web's template helpers); Python code calls label(). A code with no label shows as itself.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: order and order-part statuses (one vocabulary: an order's status summarises its parts')
STATUSES = {"placed": _l("Menunggu pembayaran"), "paid": _l("Sudah dibayar"), "processing": _l("Sedang disiapkan"),
            "shipped": _l("Dikirim"), "delivered": _l("Sudah sampai"), "picked_up": _l("Sudah diambil"),
            "cancelled": _l("Dibatalkan"), "expired": _l("Kedaluwarsa"), "refunded": _l("Dana dikembalikan"),
            "completed": _l("Selesai")}
PAYMENT_STATUSES = {"pending": _l("Menunggu"), "submitted": _l("Bukti transfer menunggu diperiksa"),
                    "paid": _l("Lunas"), "failed": _l("Gagal"), "rejected": _l("Bukti transfer ditolak"),
                    "expired": _l("Kedaluwarsa"), "refunded": _l("Dikembalikan")}
#: short names of payment methods (order pages, lists)
PAYMENT_METHODS = {"stripe": _l("Kartu (Stripe)"), "bank_transfer": _l("Transfer bank"),
                   "cash_on_delivery": _l("Tunai saat diambil/diterima"), "cash": _l("Tunai"), "qris": _l("QRIS"),
                   "till_cash": _l("Tunai di kasir bazar"), "till_qris": _l("QRIS di kasir bazar"),
                   "till_edc": _l("Kartu (EDC) di kasir bazar"), "till_qris_group": _l("QRIS kelompok di kasir bazar"),
                   "xendit_qris": _l("Pembayaran QRIS"), "xendit_va_bca": _l("Virtual account BCA"),
                   "xendit_va_bni": _l("Virtual account BNI"), "xendit_va_bri": _l("Virtual account BRI"),
                   "xendit_va_mandiri": _l("Virtual account Mandiri"),
                   "xendit_va_permata": _l("Virtual account Permata")}
#: what the checkout's choice says about each method
CHECKOUT_METHODS = {"bank_transfer": _l("Transfer bank ke rekening kelompok"),
                    "cash_on_delivery": _l("Bayar tunai saat diambil atau diterima"),
                    "stripe": _l("Kartu kredit/debit (Stripe)"),
                    "till_cash": _l("Tunai, dihitung kasir"), "till_qris": _l("QRIS panitia, dikonfirmasi kasir"),
                    "till_edc": _l("Kartu di mesin EDC stan"),
                    "till_qris_group": _l("QRIS kelompok, langsung ke rekening kelompok, dikonfirmasi kasir"),
                    "xendit_qris": _l("QRIS: pindai dengan aplikasi m-banking atau dompet digital apa pun"),
                    "xendit_va_bca": _l("Transfer ke virtual account BCA"),
                    "xendit_va_bni": _l("Transfer ke virtual account BNI"),
                    "xendit_va_bri": _l("Transfer ke virtual account BRI"),
                    "xendit_va_mandiri": _l("Transfer ke virtual account Mandiri"),
                    "xendit_va_permata": _l("Transfer ke virtual account Permata")}

#: sales channels (Order.channel, SalesCredit.channel): where a sale was made
CHANNELS = {"online": _l("Online"), "bazaar": _l("Bazar"), "custom": _l("Pesanan khusus (ukur badan)")}

#: staff roles (shop.accounts.models.ROLES)
ROLES = {"admin": _l("Petugas Dinas Sosial (admin)"), "coordinator": _l("Koordinator kelompok"),
         "organiser": _l("Panitia bazar"), "cashier": _l("Kasir bazar")}

REGISTRIES = {"status": STATUSES, "role": ROLES, "channel": CHANNELS, "payment": PAYMENT_STATUSES, "method": PAYMENT_METHODS,
              "checkout_method": CHECKOUT_METHODS}


def label(kind: str, code: str | None) -> str:
    """label("status", "placed") == "Menunggu pembayaran" (in the request's language)."""
    text = REGISTRIES[kind].get(code or "")
    return str(text) if text is not None else (code or "")


def jinja_globals() -> dict:
    return {"status_label": lambda code: label("status", code), "payment_label": lambda code: label("payment", code),
            "method_label": lambda code: label("method", code),
            "channel_label": lambda code: label("channel", code),
            "checkout_method_label": lambda code: label("checkout_method", code)}
