"""Regions (kabupaten and kota) groups belong to, kept by Dinas Sosial staff. Flush, never commit."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shop.activity.services import record
from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Region
from shop.slugs import unique_slug

REGION_KINDS = {"kabupaten": _l("Kabupaten"), "kota": _l("Kota")}
#: the provinces whose Dinas Sosial run the programme; a region belongs to one of them (no free-text typos)
PROVINCES = ("Jawa Barat", "Jawa Timur")


def _check_region(province: str, name: str, kind: str, exclude_id: int | None = None) -> None:
    if not province.strip() or not name.strip():
        raise DomainError(_("Isi provinsi dan nama wilayah."))
    if kind not in REGION_KINDS:
        raise DomainError(_("Jenis wilayah tidak dikenal."))
    if province.strip() not in PROVINCES:
        raise DomainError(_("Pilih provinsi dari daftar: %(list)s.", list=", ".join(PROVINCES)))
    stmt = select(Region.id).where(func.lower(Region.province) == province.strip().lower(),
                                   func.lower(Region.name) == name.strip().lower(), Region.kind == kind)
    if exclude_id is not None:
        stmt = stmt.where(Region.id != exclude_id)
    if db.session.scalar(stmt) is not None:
        raise DomainError(_("Wilayah ini sudah ada."))


def _unique_region_slug(kind: str, name: str) -> str:
    return unique_slug(f"{'kota' if kind == 'kota' else 'kab'}-{name}", Region.slug, max_length=120)


def create_region(province: str, name: str, kind: str) -> Region:
    _check_region(province, name, kind)
    region = Region(province=province.strip(), name=name.strip(), kind=kind,
                    slug=_unique_region_slug(kind, name))
    db.session.add(region)
    db.session.flush()
    record("region.created", region.label)
    return region


def update_region(region: Region, province: str, name: str, kind: str) -> Region:
    _check_region(province, name, kind, exclude_id=region.id)
    region.province, region.name, region.kind = province.strip(), name.strip(), kind  # slug kept: links stay
    db.session.flush()
    record("region.updated", region.label)
    return region
