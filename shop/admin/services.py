"""Group onboarding verbs used by Dinas Sosial staff: create and edit groups, approve, suspend and reactivate
them, change their legal form, and keep the list of regions. Every change is recorded in the activity log.
They flush, never commit."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shop.activity.services import record
from shop.catalog.crafts import CRAFTS
from shop.errors import DomainError, InvalidTransition
from shop.extensions import db
from shop.groups.models import GROUP_STATUSES, LEGAL_FORMS, Group, Region
from shop.ledger.chart import ensure_chart
from shop.slugs import unique_slug

# the only allowed changes of a group's status; anything else raises InvalidTransition
GROUP_TRANSITIONS: dict[str, set[str]] = {
    "pending": {"active"},
    "active": {"suspended"},
    "suspended": {"active"},
}
assert set(GROUP_TRANSITIONS) == set(GROUP_STATUSES)

STATUS_LABELS = {"pending": _l("Menunggu persetujuan"), "active": _l("Aktif"), "suspended": _l("Dibekukan")}
LEGAL_FORM_LABELS = {"kelompok": _l("Kelompok"), "kube": _l("KUBE (Kelompok Usaha Bersama)"),
                     "pra_koperasi": _l("Pra-koperasi"), "koperasi": _l("Koperasi")}
assert set(LEGAL_FORM_LABELS) == set(LEGAL_FORMS)
REGION_KINDS = {"kabupaten": _l("Kabupaten"), "kota": _l("Kota")}


@dataclass
class GroupData:
    """What staff enter about a group (parsed by the form)."""

    name: str
    region_id: int
    crafts: list[str]
    contact_name: str = ""
    phone: str = ""
    whatsapp: str = ""
    email: str = ""
    address: str = ""
    bank_name: str = ""
    bank_account_number: str = ""
    bank_account_name: str = ""
    legal_form: str = "kelompok"


def _check_group_data(data: GroupData) -> None:
    if not data.name.strip():
        raise DomainError(_("Isi nama kelompok."))
    if db.session.get(Region, data.region_id) is None:
        raise DomainError(_("Wilayah tidak ditemukan."))
    unknown = [c for c in data.crafts if c not in CRAFTS]
    if unknown or not data.crafts:
        raise DomainError(_("Pilih paling sedikit satu jenis kerajinan yang dikenal."))
    if data.legal_form not in LEGAL_FORMS:
        raise DomainError(_("Bentuk badan tidak dikenal."))


def _unique_group_slug(name: str) -> str:
    return unique_slug(name, Group.slug, max_length=160)


def _apply(group: Group, data: GroupData) -> None:
    group.name = data.name.strip()
    group.region_id = data.region_id
    group.crafts = ",".join(dict.fromkeys(data.crafts))
    for attr in ("contact_name", "phone", "whatsapp", "email", "address", "bank_name", "bank_account_number",
                 "bank_account_name"):
        setattr(group, attr, (getattr(data, attr) or "").strip())


def create_group(data: GroupData) -> Group:
    """A new group waiting for approval (status pending). This is the one place a group comes into being:
    whatever every group needs from its first day (such as its chart of accounts) is set up here."""
    _check_group_data(data)
    group = Group(slug=_unique_group_slug(data.name), status="pending", legal_form=data.legal_form)
    _apply(group, data)
    db.session.add(group)
    db.session.flush()
    ensure_chart(group.id)  # the group's books: chart of accounts and settings
    record("group.created", group.name, group_id=group.id)
    return group


def update_group(group: Group, data: GroupData) -> Group:
    """Profile and contact details; the public address (slug), status and legal form have their own verbs."""
    data.legal_form = group.legal_form
    _check_group_data(data)
    _apply(group, data)
    db.session.flush()
    record("group.updated", group.name, group_id=group.id)
    return group


def change_status(group: Group, new_status: str) -> Group:
    """The one way a group's status changes (approve, suspend, reactivate). A suspended group's products
    leave the public shop, because the catalogue shows only active groups."""
    allowed = GROUP_TRANSITIONS.get(group.status, set())
    if new_status not in allowed:
        raise InvalidTransition(_("Status kelompok tidak bisa diubah dari %(old)s menjadi %(new)s.",
                                  old=STATUS_LABELS.get(group.status, group.status),
                                  new=STATUS_LABELS.get(new_status, new_status)))
    old = group.status
    group.status = new_status
    db.session.flush()
    action = {"active": "group.approved" if old == "pending" else "group.reactivated",
              "suspended": "group.suspended"}[new_status]
    record(action, group.name, group_id=group.id, detail=f"{old} -> {new_status}")
    return group


def set_legal_form(group: Group, legal_form: str) -> Group:
    if legal_form not in LEGAL_FORMS:
        raise DomainError(_("Bentuk badan tidak dikenal."))
    if legal_form == group.legal_form:
        raise DomainError(_("Kelompok ini sudah berbentuk %(form)s.", form=LEGAL_FORM_LABELS[legal_form]))
    old = group.legal_form
    group.legal_form = legal_form
    db.session.flush()
    record("group.legal_form_changed", group.name, group_id=group.id, detail=f"{old} -> {legal_form}")
    return group


def _check_region(province: str, name: str, kind: str, exclude_id: int | None = None) -> None:
    if not province.strip() or not name.strip():
        raise DomainError(_("Isi provinsi dan nama wilayah."))
    if kind not in REGION_KINDS:
        raise DomainError(_("Jenis wilayah tidak dikenal."))
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
