"""A buyer's request from a made-to-measure product: one person (measurements, or "ukur di tempat" with a
preferred appointment) or a bulk roster, the options, notes, up to three reference photos and a contact.
The buyer gets a confirmation e-mail with the secret link; the group is told at once."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, select

from shop import images
from shop.activity.services import record
from shop.catalog.models import Product
from shop.custom_orders import notify
from shop.custom_orders.garments import DEFAULT_SIZES, GARMENTS
from shop.custom_orders.models import CustomOrder, ReferencePhoto, Wearer
from shop.custom_orders.roster import RosterRow
from shop.custom_orders.templates import MeasurementError, template_for, validate
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.models_base import utcnow
from shop.orders.services import NUMBER_ALPHABET

MAX_PHOTOS = 3
JAKARTA = timedelta(hours=7)
GUESS = (("kebaya", "kebaya"), ("gamis", "gamis"), ("rok", "rok"), ("celana", "celana"), ("masker", "masker"),
         ("seragam", "seragam"), ("kemeja", "kemeja"))


@dataclass
class Contact:
    name: str
    email: str
    phone: str
    fabric: str = ""
    colour: str = ""
    model: str = ""
    notes: str = ""
    shipping: str = "pickup"
    address: str = ""
    organisation: str = ""


def garment_for(product: Product) -> str:
    if product.garment in GARMENTS:
        return product.garment
    title = product.title.lower()
    return next((g for word, g in GUESS if word in title), "kemeja")


def sizes_for(product: Product) -> list[str]:
    sizes = [v.size for v in product.variants if v.size]
    return list(dict.fromkeys(sizes)) or list(DEFAULT_SIZES)


def requestable(product: Product | None) -> Product:
    if (product is None or product.kind != "made_to_measure" or product.status != "published"
            or not product.group.is_active):
        raise NotFound(_("Produk ini tidak menerima pesanan ukur."))
    return product


def new_number() -> str:
    now = utcnow()
    for _attempt in range(20):
        number = f"PU-{now:%y%m}-" + "".join(secrets.choice(NUMBER_ALPHABET) for _i in range(4))
        if not db.session.scalar(select(exists().where(CustomOrder.number == number))):
            return number
    raise DomainError(_("Nomor pesanan tidak bisa dibuat. Coba lagi."))  # pragma: no cover


def _check_contact(contact: Contact) -> None:
    if not contact.name.strip() or "@" not in contact.email or len(contact.phone.strip()) < 8:
        raise DomainError(_("Isi nama, e-mail dan nomor telepon agar kelompok bisa menghubungi Anda."))
    if contact.shipping not in ("pickup", "courier"):
        raise DomainError(_("Pilih cara pengiriman."))
    if contact.shipping == "courier" and len(contact.address.strip()) < 10:
        raise DomainError(_("Tulis alamat pengiriman lengkap."))


def _new(product: Product, contact: Contact, kind: str, people: list[Wearer], photos: list[bytes],
         **extra) -> CustomOrder:
    _check_contact(contact)
    if len(photos) > MAX_PHOTOS:
        raise DomainError(_("Paling banyak %(n)d foto contoh.", n=MAX_PHOTOS))
    co = CustomOrder(number=new_number(), token=secrets.token_urlsafe(24), group_id=product.group_id,
                     product_id=product.id, product_title=product.title[:200], kind=kind,
                     garment=garment_for(product), buyer_name=contact.name.strip()[:120],
                     buyer_email=contact.email.strip().lower()[:200], buyer_phone=contact.phone.strip()[:30],
                     organisation=contact.organisation.strip()[:160], fabric=contact.fabric.strip()[:120],
                     colour=contact.colour.strip()[:80], model=contact.model.strip()[:120],
                     notes=contact.notes.strip()[:4000], shipping=contact.shipping,
                     address=contact.address.strip()[:400] if contact.shipping == "courier" else "",
                     quantity=len(people), people=people, **extra)
    co.group = product.group
    cfg = current_app.config
    decoded = [images.decode(data, cfg["IMAGE_MAX_PIXELS"]) for data in photos]  # every photo readable first
    for position, picture in enumerate(decoded):
        stored = images.process(picture, cfg["UPLOAD_DIR"], tuple(cfg["IMAGE_WIDTHS"])[:2])
        co.photos.append(ReferencePhoto(key=stored.key, widths=stored.widths_text, width=stored.width,
                                        height=stored.height, position=position,
                                        alt=_("Foto contoh %(n)d", n=position + 1)))
    db.session.add(co)
    db.session.flush()
    record("custom.requested", co.number, group_id=co.group_id, detail=f"{co.quantity} × {co.product_title}")
    notify.tell_buyer(co, _("permintaan diterima"),
                      _("Permintaan Anda untuk %(title)s (%(n)d potong) sudah kami teruskan. Kelompok akan "
                        "mengirim penawaran harga atau bertanya lewat halaman pesanan.", title=co.product_title,
                        n=co.quantity))
    notify.tell_group(co, _("permintaan baru dari %(name)s", name=co.buyer_name),
                      _("%(n)d potong %(title)s.", n=co.quantity, title=co.product_title))
    return co


def create_single(product: Product, contact: Contact, measurements: dict[str, str], measure_on_site: bool,
                  appointment_at: datetime | None = None, photos: list[bytes] = ()) -> CustomOrder:
    """appointment_at: the preferred time in WIB (naive). Measurements are checked against the group's template."""
    requestable(product)
    if product.min_order > 1:
        raise DomainError(_("Produk ini minimal %(n)d potong: ajukan pesanan borongan.", n=product.min_order))
    values: dict[str, float] = {}
    appointment = None
    if measure_on_site:
        if appointment_at is None:
            raise MeasurementError({"appointment_at": _("Pilih waktu yang Anda inginkan untuk diukur.")})
        appointment = appointment_at - JAKARTA
        if appointment < utcnow():
            raise MeasurementError({"appointment_at": _("Waktu diukur harus setelah sekarang.")})
    else:
        values = validate(template_for(product.group_id, garment_for(product)), measurements)
    person = Wearer(name=contact.name.strip()[:120], measurements=values, position=0)
    return _new(product, contact, "single", [person], list(photos), measure_on_site=measure_on_site,
                appointment_at=appointment)


def create_bulk(product: Product, contact: Contact, roster: list[RosterRow], photos: list[bytes] = ()
                ) -> CustomOrder:
    requestable(product)
    minimum = max(product.min_order, 1)
    if len(roster) < minimum:
        raise DomainError(_("Pesanan ini minimal %(n)d potong; daftar Anda berisi %(have)d orang.", n=minimum,
                            have=len(roster)))
    if not contact.organisation.strip():
        raise DomainError(_("Tulis nama sekolah, kantor atau kelompok pemesan."))
    people = [Wearer(name=r.name, size=r.size, measurements=r.measurements, position=i) for i, r in enumerate(roster)]
    return _new(product, contact, "bulk", people, list(photos))


def by_token(token: str) -> CustomOrder:
    co = db.session.scalar(select(CustomOrder).where(CustomOrder.token == token)) if token else None
    if co is None:
        raise NotFound(_("Pesanan tidak ditemukan."))
    return co


def previous_measurements(token: str | None, product: Product) -> dict[str, float]:
    """The measurements of the buyer's earlier single request (its secret link), for a second request."""
    if not token:
        return {}
    co = db.session.scalar(select(CustomOrder).where(CustomOrder.token == token, CustomOrder.kind == "single"))
    if co is None or not co.people:
        return {}
    keys = {f.key for f in template_for(product.group_id, garment_for(product))}
    return {k: v for k, v in co.people[0].measurements.items() if k in keys}
