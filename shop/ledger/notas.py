"""A photo (or PDF) of the nota of an expense, kept beside its entry: decoded and re-encoded as WebP (which drops
EXIF and GPS) or recognised as a PDF by its magic bytes, size- and pixel-limited like transfer slips, stored in
private storage under a generated name (`notas/<key>.<kind>`). Only a view that checked the group serves it."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from shop import images, storage
from shop.errors import DomainError, InvalidImage
from shop.extensions import db
from shop.ledger.models import EntryAttachment, JournalEntry


class NotaProblem(DomainError):
    """The file chosen as the nota cannot be kept (too large, not a photo or PDF)."""



def nota_name(key: str, kind: str) -> str:
    if not key.isalnum() or kind not in ("webp", "pdf"):
        raise FileNotFoundError(key)
    return f"notas/{key}.{kind}"


def store_nota(data: bytes) -> tuple[str, str]:
    """Save the file; returns (key, kind) or raises DomainError with a message for the bendahara."""
    limit = int(current_app.config["SLIP_MAX_BYTES"])
    if len(data) > limit:
        raise NotaProblem(_("Foto nota terlalu besar (paling besar %(mb)d MB).", mb=limit // (1024 * 1024)))
    try:
        return images.store_private_document(data, nota_name,
                                             _("Nota harus berupa foto (JPEG, PNG, WebP, HEIC) atau PDF."),
                                             int(current_app.config["SLIP_MAX_PIXELS"]))
    except InvalidImage as err:
        raise NotaProblem(str(err)) from None


def attach_nota(entry: JournalEntry, stored: tuple[str, str]) -> EntryAttachment:
    """Keep the nota (as stored by store_nota, before the entry was posted) of an expense entry, once."""
    if entry.kind != "cash":
        raise NotaProblem(_("Foto nota hanya untuk biaya."))
    existing = nota_of(entry.group_id, entry.id)
    if existing is not None:
        return existing
    key, kind = stored
    attachment = EntryAttachment(group_id=entry.group_id, entry_id=entry.id, key=key, kind=kind)
    db.session.add(attachment)
    db.session.flush()
    return attachment


def nota_of(group_id: int, entry_id: int) -> EntryAttachment | None:
    return db.session.scalar(select(EntryAttachment).where(EntryAttachment.group_id == group_id,
                                                           EntryAttachment.entry_id == entry_id))


def entries_with_nota(group_id: int, entry_ids) -> set[int]:
    ids = list(entry_ids)
    if not ids:
        return set()
    return set(db.session.scalars(select(EntryAttachment.entry_id).where(
        EntryAttachment.group_id == group_id, EntryAttachment.entry_id.in_(ids))))


def read_nota(attachment: EntryAttachment) -> bytes:
    return storage.private_files().read(nota_name(attachment.key, attachment.kind))
