"""A group's cooperative rule (simpanan amounts, the SHU split, the AD/ART flag): made once when the group is
created, read without writing, changed only through the verbs here, which check the rule and log the change.
Flush, never commit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from shop.activity.services import record
from shop.coop.models import CoopSettings, MemberContribution, PokokDecision
from shop.errors import DomainError
from shop.extensions import db
from shop.ledger.models import column_defaults

SHU_PARTS = ("cadangan_percent", "jasa_anggota_percent", "pengurus_percent", "karyawan_percent",
             "pendidikan_percent", "sosial_percent")
MAX_AMOUNT = 100_000_000


def default_settings(group_id: int) -> CoopSettings:
    """A new, unsaved row with the model's defaults (stated once, in shop.coop.models)."""
    return CoopSettings(group_id=group_id, **column_defaults(CoopSettings))


def create_settings(group_id: int) -> CoopSettings:
    """The settings row of a new group (called by shop.groups.services.create_group)."""
    settings = default_settings(group_id)
    db.session.add(settings)
    db.session.flush()
    return settings


def coop_settings(group_id: int) -> CoopSettings:
    """The group's cooperative settings. A pure read: every group gets its row when it is created (and older
    groups from a migration), so a missing row is a bug elsewhere; it reads as the defaults, nothing is
    inserted, and a later change through update_settings saves it."""
    return db.session.get(CoopSettings, group_id) or default_settings(group_id)


@dataclass
class SettingsInput:
    pokok_amount: int
    wajib_amount: int
    wajib_start: date | None
    cadangan_percent: int
    jasa_anggota_percent: int
    pengurus_percent: int
    karyawan_percent: int
    pendidikan_percent: int
    sosial_percent: int
    jasa_usaha_percent: int
    jasa_modal_cap_percent: int = 20
    exit_rule: str = "kembali"


EXIT_RULES = ("kembali", "tahan")


def check_settings(data: SettingsInput) -> None:
    """The rule: simpanan pokok positive, wajib not negative, every percentage 0-100 and the six SHU parts
    summing to exactly 100 (so no part, Cadangan included, can be negative when the SHU is split)."""
    if not 1 <= data.pokok_amount <= MAX_AMOUNT:
        raise DomainError(_("Simpanan pokok harus lebih dari nol."))
    if not 0 <= data.wajib_amount <= MAX_AMOUNT:
        raise DomainError(_("Simpanan wajib tidak boleh negatif."))
    if data.wajib_amount and data.wajib_start is None:
        raise DomainError(_("Isi tanggal mulai simpanan wajib: tunggakan dihitung sejak tanggal itu."))
    if data.exit_rule not in EXIT_RULES:
        raise DomainError(_("Pilih aturan simpanan anggota yang keluar."))
    if not 0 <= data.jasa_modal_cap_percent <= 100:
        raise DomainError(_("Isi angka 0 sampai 100."))
    percents = [getattr(data, name) for name in (*SHU_PARTS, "jasa_usaha_percent")]
    if any(not 0 <= p <= 100 for p in percents):
        raise DomainError(_("Isi angka 0 sampai 100."))
    if sum(getattr(data, name) for name in SHU_PARTS) != 100:
        raise DomainError(_("Keenam bagian SHU harus berjumlah 100%."))


def pokok_paid_by_anyone(group_id: int) -> bool:
    return db.session.scalar(select(MemberContribution.id).where(
        MemberContribution.group_id == group_id, MemberContribution.kind == "pokok").limit(1)) is not None


def update_settings(group_id: int, data: SettingsInput) -> CoopSettings:
    """Save the rule. The simpanan pokok amount is locked once any member has paid it (Pasal 41: equal for
    all); it changes only through change_pokok, a recorded members' decision."""
    check_settings(data)
    settings = db.session.get(CoopSettings, group_id)
    if settings is None:  # a group from before its row was made on creation
        settings = create_settings(group_id)
    if data.pokok_amount != settings.pokok_amount and pokok_paid_by_anyone(group_id):
        raise DomainError(_("Simpanan pokok sudah dibayar anggota, jadi jumlahnya terkunci. Ubah hanya lewat "
                            "keputusan rapat anggota."))
    changed = [name for name in SettingsInput.__dataclass_fields__
               if getattr(settings, name) != getattr(data, name)]
    for name in changed:
        setattr(settings, name, getattr(data, name))
    db.session.flush()
    if changed:
        record("coop.settings_updated", ", ".join(changed), group_id=group_id,
               detail=", ".join(f"{name}={getattr(data, name)}" for name in changed))
    return settings


def change_pokok(group_id: int, new_amount: int, decided_on: date, members_present: int,
                 minutes: str) -> PokokDecision:
    """The members' meeting raised the simpanan pokok: the decision is recorded and every member who paid the
    old amount owes the difference as a top-up (recorded as simpanan pokok, see services.pokok_due)."""
    settings = db.session.get(CoopSettings, group_id) or create_settings(group_id)
    if not settings.pokok_amount < new_amount <= MAX_AMOUNT:
        raise DomainError(_("Keputusan rapat hanya dapat menaikkan simpanan pokok (selisihnya dibayar semua "
                            "anggota)."))
    if members_present < 1:
        raise DomainError(_("Isi jumlah anggota yang hadir."))
    if not minutes.strip():
        raise DomainError(_("Isi notulen keputusan rapat."))
    decision = PokokDecision(group_id=group_id, decided_on=decided_on, old_amount=settings.pokok_amount,
                             new_amount=new_amount, members_present=members_present, minutes=minutes.strip()[:2000])
    settings.pokok_amount = new_amount
    db.session.add(decision)
    db.session.flush()
    record("coop.pokok_changed", f"{decision.old_amount} -> {new_amount}", group_id=group_id,
           detail=decided_on.isoformat())
    return decision


def start_wajib(group_id: int, start: date) -> CoopSettings:
    """Simpanan wajib begins on `start` (arrears are counted from it), saving the group's row if it has none."""
    settings = db.session.get(CoopSettings, group_id) or create_settings(group_id)
    if settings.wajib_start != start:
        settings.wajib_start = start
        db.session.flush()
        record("coop.settings_updated", "wajib_start", group_id=group_id, detail=f"wajib_start={start}")
    return settings


def set_adart_drafted(group_id: int, drafted: bool) -> CoopSettings:
    settings = db.session.get(CoopSettings, group_id) or create_settings(group_id)
    if settings.adart_drafted != drafted:
        settings.adart_drafted = drafted
        db.session.flush()
        record("coop.adart_drafted" if drafted else "coop.adart_undone", "AD/ART", group_id=group_id)
    return settings
