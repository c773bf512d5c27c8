"""A garment's measurement template as a group uses it (the platform's fields with the group's adjustments),
and the validation of measurements typed by a buyer or read from a roster row."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import select

from shop.custom_orders.garments import FIELDS, GARMENTS
from shop.custom_orders.models import TemplateAdjustment
from shop.errors import DomainError
from shop.extensions import db


@dataclass
class TemplateField:
    key: str
    label: str
    min_cm: int
    max_cm: int
    how_to: str
    enabled: bool = True


class MeasurementError(DomainError):
    """Bad measurements: `errors` maps a field key to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def template_for(group_id: int, garment: str, include_disabled: bool = False) -> list[TemplateField]:
    if garment not in GARMENTS:
        raise DomainError(_("Jenis pakaian tidak dikenal."))
    adjustments = {a.field_key: a for a in db.session.scalars(select(TemplateAdjustment).where(
        TemplateAdjustment.group_id == group_id, TemplateAdjustment.garment == garment))}
    out = []
    for key in GARMENTS[garment][1]:
        spec, adj = FIELDS[key], adjustments.get(key)
        field = TemplateField(key, str(spec.label), spec.min_cm, spec.max_cm, str(spec.how_to))
        if adj is not None:
            field.enabled, field.min_cm, field.max_cm = adj.enabled, adj.min_cm, adj.max_cm
            field.how_to = adj.how_to or field.how_to
        if field.enabled or include_disabled:
            out.append(field)
    return out


def adjust_template(group_id: int, garment: str, changes: dict[str, tuple[bool, int, int, str]]) -> None:
    """changes: field key -> (enabled, min cm, max cm, how-to text). At least one field stays on."""
    fields = {f.key: f for f in template_for(group_id, garment, include_disabled=True)}
    if not any(enabled for enabled, *_rest in changes.values()):
        raise DomainError(_("Paling tidak satu ukuran harus tetap dipakai."))
    for key, (enabled, low, high, how_to) in changes.items():
        if key not in fields:
            raise DomainError(_("Ukuran tidak dikenal."))
        spec = FIELDS[key]
        if low < 1 or high > 250 or low >= high:
            raise DomainError(_("%(field)s: batas bawah harus lebih kecil dari batas atas (1–250 cm).",
                                field=str(spec.label)))
        adj = db.session.scalar(select(TemplateAdjustment).where(
            TemplateAdjustment.group_id == group_id, TemplateAdjustment.garment == garment,
            TemplateAdjustment.field_key == key))
        if adj is None:
            adj = TemplateAdjustment(group_id=group_id, garment=garment, field_key=key)
            db.session.add(adj)
        adj.enabled, adj.min_cm, adj.max_cm = enabled, low, high
        adj.how_to = "" if how_to.strip() == str(spec.how_to) else how_to.strip()[:400]
    db.session.flush()


def parse_cm(text) -> Decimal | None:
    """'92', '92,5', '92.5 cm' -> Decimal('92.5'); blank -> None; raises ValueError for anything else."""
    if text is None:
        return None
    cleaned = str(text).strip().lower().removesuffix("cm").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(cleaned) from None
    if not value.is_finite():
        raise ValueError(cleaned)
    return value.quantize(Decimal("0.1"))


def cm_text(value: float) -> str:
    """96.0 -> '96', 44.5 -> '44,5' (Indonesian decimal comma)."""
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


def check_value(field: TemplateField, raw) -> tuple[float | None, str | None]:
    """(value in cm, None) or (None, message)."""
    try:
        value = parse_cm(raw)
    except ValueError:
        return None, _("%(field)s harus berupa angka dalam cm, misalnya 92 atau 92,5.", field=field.label)
    if value is None:
        return None, _("Isi %(field)s (cm).", field=field.label)
    if not field.min_cm <= value <= field.max_cm:
        return None, _("%(field)s %(value)s cm di luar batas wajar (%(low)d–%(high)d cm). Periksa lagi.",
                       field=field.label, value=cm_text(float(value)), low=field.min_cm,
                       high=field.max_cm)
    return float(value), None


def validate(fields: list[TemplateField], values: dict[str, object]) -> dict[str, float]:
    """Every enabled field, within its range; raises MeasurementError naming each bad field."""
    clean: dict[str, float] = {}
    errors: dict[str, str] = {}
    for field in fields:
        value, message = check_value(field, values.get(field.key))
        if message:
            errors[field.key] = message
        else:
            clean[field.key] = value
    if errors:
        raise MeasurementError(errors)
    return clean
