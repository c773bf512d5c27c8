"""The workspace blueprint and what its views share: 404 for other groups' ids, upload reading, form errors."""
from __future__ import annotations

from flask import Blueprint, abort, flash
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import FieldList, FormField

from shop.errors import InvalidImage, NotFound
from shop.uploads import PHOTO_MAX_BYTES, read_limited, too_large_message

bp = Blueprint("workspace", __name__, url_prefix="/kelola")

def found(getter, *args):
    """Call a scoped service getter; another group's id (or none at all) is a 404."""
    try:
        return getter(*args)
    except NotFound:
        abort(404)


def user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def read_upload(storage) -> bytes:
    """The uploaded photo's bytes, refusing more than the photo limit with a message for the form."""
    data = read_limited(storage, PHOTO_MAX_BYTES)
    if data is None:
        raise InvalidImage(too_large_message(PHOTO_MAX_BYTES))
    return data


def attach_error(form, err) -> None:
    """Show a service's message next to the field it names (err.field like 'variants-1-sku'), else as a flash."""
    name = getattr(err, "field", None)
    target = form
    try:
        for part in (name or "").split("-"):
            target = target.entries[int(part)] if isinstance(target, FieldList) else target[part]
            if isinstance(target, FormField) and part != (name or "").split("-")[-1]:
                target = target.form
    except (KeyError, IndexError, ValueError, TypeError):
        target = None
    if name and target is not None and not isinstance(target, (FieldList, FormField)):
        target.errors = [*list(target.errors or []), str(err)]
    else:
        flash(str(err), "error")


def error_list(form) -> list[tuple[str, str, str]]:
    """Every error of a form, nested rows included, as (field id, label, message) for the summary at the top."""
    out: list[tuple[str, str, str]] = []

    def walk(fields, suffix=""):
        for f in fields:
            if f.name == "csrf_token":
                continue
            if isinstance(f, FieldList):
                for msg in (e for e in f.errors if not isinstance(e, dict)):
                    out.append((f.entries[0].form._fields["size"].id if f.entries else f.id, str(f.label.text),
                                msg))
                for index, entry in enumerate(f.entries, start=1):
                    walk(entry.form, " " + _("(pilihan %(n)d)", n=index))
            elif isinstance(f, FormField):
                walk(f.form, suffix)
            elif f.errors:
                out.append((f.id, f"{f.label.text}{suffix}", " ".join(str(e) for e in f.errors)))

    walk(form)
    return out


@bp.context_processor
def helpers():
    return {"error_list": error_list}
