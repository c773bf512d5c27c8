"""Payments handled by people: bank transfer (the buyer uploads a slip, the coordinator checks it) and cash.

Slips: an image (decoded and re-encoded by shop.images, which strips EXIF) or a PDF recognised by its magic
bytes, size-limited, stored under a generated name outside the public upload folder.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from shop import images, storage
from shop.errors import DomainError
from shop.payments.providers.base import Method, Provider


def slip_name(key: str, kind: str) -> str:
    """The slip's name in private storage (shop.storage.private_files)."""
    if not key.isalnum() or kind not in ("webp", "pdf"):
        raise FileNotFoundError(key)
    return f"{key}.{kind}"


def read_slip(key: str, kind: str) -> bytes:
    return storage.private_files().read(slip_name(key, kind))


def delete_slip(key: str, kind: str) -> None:
    storage.private_files().delete(slip_name(key, kind))


def store_slip(data: bytes) -> tuple[str, str]:
    """Returns (key, kind) or raises DomainError with a message for the buyer."""
    if not data:
        raise DomainError(_("Pilih berkas bukti transfer (foto atau PDF)."))
    if len(data) > int(current_app.config["SLIP_MAX_BYTES"]):
        raise DomainError(_("Berkas bukti transfer terlalu besar (paling besar %(mb)d MB).",
                            mb=int(current_app.config["SLIP_MAX_BYTES"]) // (1024 * 1024)))
    return images.store_private_document(data, slip_name,
                                         _("Bukti transfer harus berupa foto (JPEG, PNG, WebP, HEIC) atau PDF."),
                                         int(current_app.config["SLIP_MAX_PIXELS"]))


def bank_details(group) -> dict | None:
    if not group.bank_account_number:
        return None
    return {"bank": group.bank_name, "number": group.bank_account_number, "name": group.bank_account_name}


PROVIDER = Provider(code="manual", methods=(
    Method(code="bank_transfer", provider="manual", per_part=True, confirmed_by_staff=True, received_into="bank"),
    Method(code="cash_on_delivery", provider="manual", per_part=True, confirmed_by_staff=True, received_into="kas"),
))
