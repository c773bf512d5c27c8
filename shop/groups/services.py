"""A group's verbs: its lifecycle (created by staff, approved, suspended, reactivated, legal form), profile,
photo and members register. Every change is recorded in the activity log. Flush, never commit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shop import images, storage
from shop.activity.services import record
from shop.crafts import CRAFTS
from shop.errors import DomainError, InvalidTransition, NotFound
from shop.extensions import db
from shop.groups.models import GROUP_STATUSES, LEGAL_FORMS, Group, Member, Region
from shop.ledger.chart import create_chart
from shop.slugs import unique_slug

PROFILE_FIELDS = ("story", "contact_name", "phone", "whatsapp", "address", "pickup_hours", "bank_name",
                  "bank_account_number", "bank_account_name")


def get_group(group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None:
        raise NotFound(_("Kelompok tidak ditemukan."))
    return group


def check_bank_details(bank_name: str, account_number: str, account_name: str) -> None:
    """A group's bank account is given whole (bank, number and holder) or not at all."""
    given = [bool((v or "").strip()) for v in (bank_name, account_number, account_name)]
    if any(given) and not all(given):
        raise DomainError(_("Lengkapi data rekening: nama bank, nomor dan nama pemilik."))


def update_profile(group: Group, values: dict) -> Group:
    """values holds PROFILE_FIELDS; phone numbers arrive already normalised by the form."""
    check_bank_details(*(values.get(name, getattr(group, name)) for name in
                         ("bank_name", "bank_account_number", "bank_account_name")))
    changed = [name for name in PROFILE_FIELDS if name in values and getattr(group, name) != values[name]]
    for name in changed:
        setattr(group, name, (values[name] or "").strip())
    db.session.flush()
    if changed:
        record("group.profile_updated", group.name, group_id=group.id, detail=", ".join(changed))
    return group


def photo_parts(group: Group) -> tuple[str, list[int]] | None:
    """Group.photo_key is stored as '<key>:<widths>' so pages know which files exist."""
    if not group.photo_key:
        return None
    key, _sep, widths = group.photo_key.partition(":")
    return key, [int(w) for w in widths.split(",") if w.isdigit()]


def set_photo(group: Group, data: bytes) -> tuple[str, list[int]] | None:
    """Store a new group photo; returns the old files for the caller to delete after the commit."""
    cfg = current_app.config
    stored = images.store_upload(data, storage.media(), tuple(cfg["IMAGE_WIDTHS"]), cfg["IMAGE_MAX_PIXELS"])
    old = photo_parts(group)
    group.photo_key = f"{stored.key}:{stored.widths_text}"
    db.session.flush()
    record("group.photo_changed", group.name, group_id=group.id)
    return old


QRIS_WIDTHS = (240, 480)  # as the organiser's QRIS: large enough to scan from a phone held up at the stand


def set_qris(group: Group, data: bytes) -> None:
    """The group's own static QRIS (a photo or screenshot of its bank's code), under an unguessable key like the
    organiser's. At a bazaar till it is offered for a sale of this group's items only; the money lands in the
    group's bank."""
    if not data:
        raise DomainError(_("Pilih gambar QRIS (foto atau tangkapan layar)."))
    stored = images.store_upload(data, storage.media(), QRIS_WIDTHS, current_app.config["IMAGE_MAX_PIXELS"])
    group.qris_image = f"{stored.key}-{stored.widths[-1]}.{images.OUTPUT_EXT}"
    db.session.flush()
    record("group.qris_changed", group.name, group_id=group.id)


def remove_qris(group: Group) -> None:
    if group.qris_image:
        group.qris_image = None
        db.session.flush()
        record("group.qris_removed", group.name, group_id=group.id)


def delete_photo_files(parts: tuple[str, list[int]] | None) -> None:
    if parts:
        images.delete_files(storage.media(), *parts)


@dataclass
class MemberInput:
    name: str
    role: str = "anggota"
    joined_on: date | None = None
    public_consent: bool = False
    bio: str = ""
    private_note: str = ""


def list_members(group_id: int) -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.group_id == group_id)
                                   .order_by(Member.left_on.is_not(None), Member.name)))


def get_member(group_id: int, member_id: int) -> Member:
    member = db.session.scalar(select(Member).where(Member.id == member_id, Member.group_id == group_id))
    if member is None:
        raise NotFound(_("Anggota tidak ditemukan."))
    return member


def _apply_member(member: Member, data: MemberInput) -> None:
    if not data.name.strip():
        raise DomainError(_("Isi nama anggota."))
    member.name = data.name.strip()
    member.role = data.role.strip() or "anggota"
    member.joined_on = data.joined_on
    member.public_consent = data.public_consent
    member.bio = data.bio.strip()
    member.private_note = data.private_note.strip()


def add_member(group_id: int, data: MemberInput) -> Member:
    member = Member(group_id=group_id)
    _apply_member(member, data)
    db.session.add(member)
    db.session.flush()
    record("member.added", member.name, group_id=group_id)  # never the private note
    return member


def update_member(member: Member, data: MemberInput) -> Member:
    _apply_member(member, data)
    db.session.flush()
    record("member.updated", member.name, group_id=member.group_id)
    return member


def mark_left(member: Member, left_on: date) -> Member:
    if member.left_on is not None:
        raise DomainError(_("Anggota ini sudah tercatat keluar."))
    if member.joined_on and left_on < member.joined_on:
        raise DomainError(_("Tanggal keluar tidak boleh sebelum tanggal bergabung."))
    if left_on > date.today():
        raise DomainError(_("Tanggal keluar tidak boleh di masa depan."))
    member.left_on = left_on
    db.session.flush()
    record("member.left", member.name, group_id=member.group_id, detail=left_on.isoformat())
    return member


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
    check_bank_details(data.bank_name, data.bank_account_number, data.bank_account_name)


def _unique_group_slug(name: str) -> str:
    return unique_slug(name, Group.slug, max_length=160)


def _apply_group(group: Group, data: GroupData) -> None:
    group.name = data.name.strip()
    group.region_id = data.region_id
    group.crafts = ",".join(dict.fromkeys(data.crafts))
    for attr in ("contact_name", "phone", "whatsapp", "email", "address", "bank_name", "bank_account_number",
                 "bank_account_name"):
        setattr(group, attr, (getattr(data, attr) or "").strip())


def create_group(data: GroupData, slug: str | None = None) -> Group:
    """A new group waiting for approval (status pending), at `slug` or one made from its name. This is the one
    place a group comes into being (staff and the demo alike): whatever every group needs from its first day,
    its chart of accounts and book settings, is made here, so reading them never writes. The cooperative
    settings sit in shop.coop, a layer above groups: their getter gives the defaults until the first save
    creates the row (shop.coop.settings.update_settings)."""
    _check_group_data(data)
    group = Group(slug=slug or _unique_group_slug(data.name), status="pending", legal_form=data.legal_form)
    _apply_group(group, data)
    db.session.add(group)
    db.session.flush()
    create_chart(group.id)  # the group's books: chart of accounts and book settings
    record("group.created", group.name, group_id=group.id)
    return group


def update_group(group: Group, data: GroupData) -> Group:
    """Profile and contact details; the public address (slug), status and legal form have their own verbs."""
    data.legal_form = group.legal_form
    _check_group_data(data)
    _apply_group(group, data)
    db.session.flush()
    record("group.updated", group.name, group_id=group.id)
    return group


def status_change_refusal(group: Group, new_status: str) -> str | None:
    """Why the group's status may not change to new_status now (None when it may): the transition table."""
    if new_status in GROUP_TRANSITIONS.get(group.status, set()):
        return None
    return _("Status kelompok tidak bisa diubah dari %(old)s menjadi %(new)s.",
             old=STATUS_LABELS.get(group.status, group.status), new=STATUS_LABELS.get(new_status, new_status))


def change_status(group: Group, new_status: str) -> Group:
    """The one way a group's status changes (approve, suspend, reactivate). A suspended group's products
    leave the public shop, because the catalogue shows only active groups."""
    refusal = status_change_refusal(group, new_status)
    if refusal:
        raise InvalidTransition(refusal)
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
