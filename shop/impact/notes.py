"""Admins' notes on a group's flags: what was done (a visit, a training). Notes are never edited or removed,
so they stay in the group's history; the service flushes, the view commits."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.errors import DomainError
from shop.extensions import db
from shop.impact.flags import RULES
from shop.impact.models import NOTE_ACTIONS, ImpactNote

ACTION_LABELS = {"visit": _l("Kunjungan"), "training": _l("Pelatihan"), "call": _l("Telepon / pesan"),
                 "other": _l("Lainnya")}
MAX_TEXT = 2000


def add_note(group_id: int, flag: str, action: str, noted_on: date, text: str, today: date,
             created_by_id: int | None = None) -> ImpactNote:
    text = (text or "").strip()
    if flag and flag not in RULES:
        raise DomainError(_("Pilih tanda dari daftar."))
    if action not in NOTE_ACTIONS:
        raise DomainError(_("Pilih jenis tindak lanjut dari daftar."))
    if not text:
        raise DomainError(_("Tulis apa yang sudah dilakukan."))
    if len(text) > MAX_TEXT:
        raise DomainError(_("Catatan terlalu panjang (paling banyak %(n)d huruf).", n=MAX_TEXT))
    if noted_on > today:
        raise DomainError(_("Tanggal tindak lanjut tidak boleh di masa depan."))
    note = ImpactNote(group_id=group_id, flag=flag, action=action, noted_on=noted_on, text=text,
                      created_by_id=created_by_id)
    db.session.add(note)
    db.session.flush()
    return note
