"""Upload limits, stated once: a product or group photo, a CSV import, a transfer slip, and the request around them.

Messages and hints show the limit with `size_text` so that the numbers never drift from the rule."""
from __future__ import annotations

from flask_babel import gettext as _

KB = 1024
MB = 1024 * KB

PHOTO_MAX_BYTES = 10 * MB
CSV_MAX_BYTES = 256 * KB
SLIP_MAX_BYTES = 5 * MB  # the default of config SLIP_MAX_BYTES
FORM_FIELDS_BYTES = 64 * KB
REQUEST_MAX_BYTES = PHOTO_MAX_BYTES + FORM_FIELDS_BYTES  # Flask's MAX_CONTENT_LENGTH: larger bodies get a 413


def size_text(limit: int) -> str:
    """10485760 -> '10 MB', 262144 -> '256 KB'."""
    return f"{limit // MB} MB" if limit >= MB else f"{limit // KB} KB"


def read_limited(storage, limit: int) -> bytes | None:
    """The uploaded file's bytes, or None when it is larger than `limit` (read at most limit + 1 bytes)."""
    data = storage.stream.read(limit + 1)
    return None if len(data) > limit else data


def too_large_message(limit: int) -> str:
    return _("Berkas terlalu besar: paling banyak %(size)s.", size=size_text(limit))
