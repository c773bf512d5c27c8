"""A group's own verbs: profile, photo and members register. Flush, never commit."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from shop import images, storage
from shop.activity.services import record
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.groups.models import Group, Member

PROFILE_FIELDS = ("story", "contact_name", "phone", "whatsapp", "bank_name", "bank_account_number",
                  "bank_account_name")


def normalise_phone(text: str, mobile: bool = False) -> str | None:
    """'0812-3456-7890', '62 812 3456 7890', '+6281234567890' -> '+6281234567890'. None when not Indonesian.

    Mobile numbers (WhatsApp) start with 8 after the country code; landlines (e.g. 022 …) are allowed otherwise.
    """
    cleaned = re.sub(r"[\s\-().]", "", text or "")
    if cleaned.startswith("+62"):
        national = cleaned[3:]
    elif cleaned.startswith("62"):
        national = cleaned[2:]
    elif cleaned.startswith("0"):
        national = cleaned[1:]
    else:
        return None
    if not national.isdigit() or national.startswith("0"):
        return None
    if mobile and not (national.startswith("8") and 9 <= len(national) <= 12):
        return None
    if not 8 <= len(national) <= 12:
        return None
    return "+62" + national


def get_group(group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None:
        raise NotFound(_("Kelompok tidak ditemukan."))
    return group


def update_profile(group: Group, values: dict) -> Group:
    """values holds PROFILE_FIELDS; phone numbers arrive already normalised by the form."""
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


def _apply(member: Member, data: MemberInput) -> None:
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
    _apply(member, data)
    db.session.add(member)
    db.session.flush()
    record("member.added", member.name, group_id=group_id)  # never the private note
    return member


def update_member(member: Member, data: MemberInput) -> Member:
    _apply(member, data)
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
