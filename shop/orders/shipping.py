"""Delivery per group: pickup at the workshop (free) or courier with a fee from configurable zones."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

JAVA_PROVINCES = ("Banten", "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur")
PROVINCES = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Sumatera Selatan",
    "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "Banten", "DKI Jakarta", "Jawa Barat", "Jawa Tengah",
    "DI Yogyakarta", "Jawa Timur", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat",
    "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara",
    "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan", "Sulawesi Tenggara", "Maluku",
    "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Tengah", "Papua Pegunungan",
    "Papua Selatan",
)
ZONE_LABELS = {"same_regency": _l("satu kabupaten/kota"), "same_province": _l("satu provinsi"),
               "java": _l("Pulau Jawa"), "elsewhere": _l("luar Jawa")}


def _plain(name: str) -> str:
    name = " ".join(name.lower().replace(".", " ").split())
    for prefix in ("kabupaten ", "kab ", "kota "):
        name = name.removeprefix(prefix)
    return name.strip()


def zone_for(region, province: str, regency: str) -> str:
    """Zone from the group's region (province, regency/city) to the buyer's address."""
    if province == region.province:
        return "same_regency" if _plain(regency) == _plain(region.name) else "same_province"
    if province in JAVA_PROVINCES and region.province in JAVA_PROVINCES:
        return "java"
    return "elsewhere"


def courier_fee(zone: str) -> int:
    return int(current_app.config["SHIPPING_FEES"][zone])
