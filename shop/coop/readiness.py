"""A group's road to a koperasi (UU 25/1992 as amended by UU 6/2023), each step with what is missing and the
page that fixes it; the founding record (rapat pendirian, deed, NIB) and the way forward for a group under 9
members: founding one koperasi with other groups of the same office (one founders' register, each group its
own books), or joining an existing koperasi."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.activity.services import record
from shop.coop.models import PATHS, CoopProfile, RatMeeting
from shop.coop.services import savings
from shop.coop.settings import coop_settings
from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Group, Member
from shop.ledger.models import JournalEntry

MIN_FOUNDERS = 9  # primary koperasi: at least 9 founders (UU 25/1992 Pasal 6 as amended by UU 6/2023)
PENGURUS_ROLES = ("ketua", "sekretaris", "bendahara")


@dataclass
class Item:
    key: str
    label: str
    done: bool
    missing: str = ""
    fix: str = ""  # endpoint of the page that fixes it


def months_of_books(group_id: int, today: date) -> int:
    first = db.session.scalar(select(func.min(JournalEntry.date)).where(JournalEntry.group_id == group_id))
    if first is None:
        return 0
    return max(0, (today.year - first.year) * 12 + today.month - first.month)


def profile(group_id: int) -> CoopProfile:
    """The group's founding record; a group that recorded nothing reads as an empty, unsaved one."""
    return db.session.get(CoopProfile, group_id) or CoopProfile(
        group_id=group_id, founding_minutes="", deed_number="", nib="", path="sendiri", joint_name="",
        existing_koperasi="")


def update_profile(group_id: int, values: dict) -> CoopProfile:
    if values.get("path") not in PATHS:
        raise DomainError(_("Pilih jalan menuju koperasi."))
    if values["path"] == "bersama" and not (values.get("joint_name") or "").strip():
        raise DomainError(_("Isi nama koperasi yang didirikan bersama."))
    if values["path"] == "bergabung" and not (values.get("existing_koperasi") or "").strip():
        raise DomainError(_("Isi nama koperasi yang akan dimasuki."))
    if values.get("founding_meeting_on") and values.get("founding_meeting_on") > date.today():
        raise DomainError(_("Tanggal rapat pendirian tidak boleh di masa depan."))
    found = db.session.get(CoopProfile, group_id)
    if found is None:
        found = profile(group_id)
        db.session.add(found)
    for name, value in values.items():
        setattr(found, name, value.strip() if isinstance(value, str) else value)
    db.session.flush()
    record("coop.profile_updated", found.path, group_id=group_id)
    return found


def founders(group_id: int) -> list[tuple[Group, Member]]:
    """The founders' register: the group's current members, or for a joint founding the current members of
    every group of the same office (region) with the same joint name, by group and member number."""
    own = profile(group_id)
    group = db.session.get(Group, group_id)
    groups = [group]
    if own.path == "bersama" and own.joint_name:
        groups = list(db.session.scalars(select(Group).join(CoopProfile, CoopProfile.group_id == Group.id).where(
            Group.region_id == group.region_id, CoopProfile.path == "bersama",
            func.lower(CoopProfile.joint_name) == own.joint_name.lower()).order_by(Group.id)))
    return [(g, m) for g in groups for m in sorted(g.members, key=lambda m: m.number or 0) if m.left_on is None]


def _roles(group_id: int) -> set[str]:
    return {(r or "").strip().lower() for r in db.session.scalars(
        select(Member.role).where(Member.group_id == group_id, Member.left_on.is_(None)))}


def checklist(group_id: int, today: date) -> list[Item]:
    rows = savings(group_id, today)
    settings, own = coop_settings(group_id), profile(group_id)
    no_pokok = [r.member.label for r in rows if r.pokok < settings.pokok_amount]
    behind = [r.member.label for r in rows if r.wajib_behind]
    months = months_of_books(group_id, today)
    count = len(founders(group_id)) if own.path == "bersama" else len(rows)
    roles = _roles(group_id)
    no_role = [r for r in PENGURUS_ROLES if r not in roles] + ([] if "pengawas" in roles else ["pengawas"])
    rat_held = db.session.scalar(select(RatMeeting.id).where(RatMeeting.group_id == group_id,
                                                             RatMeeting.held_on.is_not(None)).limit(1))
    return [
        Item("members", _("Minimal %(n)d anggota pendiri", n=MIN_FOUNDERS), count >= MIN_FOUNDERS,
             "" if count >= MIN_FOUNDERS else _("Baru %(have)d anggota; perlu %(more)d lagi.",
                                               have=count, more=MIN_FOUNDERS - count), "workspace.members"),
        Item("simpanan", _("Simpanan pokok dan wajib terkumpul"), bool(rows) and not no_pokok and not behind,
             "; ".join(filter(None, [
                 _("Belum membayar simpanan pokok: %(names)s", names=", ".join(no_pokok)) if no_pokok else "",
                 _("Tertinggal simpanan wajib: %(names)s", names=", ".join(behind)) if behind else "",
                 _("Belum ada anggota.") if not rows else ""])), "coop.contributions"),
        Item("books", _("Pembukuan 12 bulan dengan laporan keuangan"), months >= 12,
             "" if months >= 12 else _("Pembukuan baru %(months)d bulan.", months=months), "books.statement"),
        Item("founding", _("Rapat pendirian dengan notulen"),
             bool(own.founding_meeting_on and own.founding_minutes),
             "" if own.founding_meeting_on else _("Catat tanggal dan notulen rapat pendirian."),
             "coop.profile_form"),
        Item("officers", _("Pengurus dan pengawas dipilih"), not no_role,
             "" if not no_role else _("Belum ada: %(roles)s (isi peran anggota).", roles=", ".join(no_role)),
             "workspace.members"),
        Item("adart", _("Rancangan AD/ART sudah disusun"), settings.adart_drafted,
             "" if settings.adart_drafted else _("Mulai dari contoh AD/ART, lalu centang setelah selesai."),
             "coop.adart_template"),
        Item("deed", _("Akta notaris dan NIB tercatat"), bool(own.deed_number and own.nib),
             "" if own.deed_number and own.nib else _("Catat nomor akta pendirian dan NIB setelah terbit."),
             "coop.profile_form"),
        Item("rat", _("RAT pertama sudah diadakan"), rat_held is not None,
             "" if rat_held else _("Tutup buku tahunan, lalu catat keputusan rapat anggota."), "coop.shu_preview"),
    ]
