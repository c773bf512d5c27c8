"""Upload limits, stated once: a product or group photo, a CSV import, a transfer slip, and the request around them.

Messages and hints show the limit with `size_text` so that the numbers never drift from the rule."""
from __future__ import annotations

from flask import Request
from flask_babel import gettext as _

KB = 1024
MB = 1024 * KB

PHOTO_MAX_BYTES = 10 * MB
CSV_MAX_BYTES = 256 * KB
SLIP_MAX_BYTES = 5 * MB  # the default of config SLIP_MAX_BYTES
FORM_FIELDS_BYTES = 64 * KB
REQUEST_MAX_BYTES = PHOTO_MAX_BYTES + FORM_FIELDS_BYTES  # Flask's MAX_CONTENT_LENGTH: larger bodies get a 413
PHOTOS_AT_ONCE = 6  # the new-product form takes this many photos in one go (each at most PHOTO_MAX_BYTES)
PHOTOS_AT_ONCE_MAX_BYTES = 40 * MB  # and all of them together at most this much
LARGER_REQUESTS = {"workspace.product_new": PHOTOS_AT_ONCE_MAX_BYTES + FORM_FIELDS_BYTES}  # endpoint -> body limit


class LimitedRequest(Request):
    """The request body limit is MAX_CONTENT_LENGTH except on the endpoints in LARGER_REQUESTS (decided from the
    matched URL rule, so the limit holds before anything, CSRF included, reads the body)."""

    @property
    def max_content_length(self) -> int | None:
        rule = self.url_rule
        if self._max_content_length is None and rule is not None and rule.endpoint in LARGER_REQUESTS:
            return LARGER_REQUESTS[rule.endpoint]
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def request_limit(endpoint: str | None) -> int:
    """The body limit on this endpoint, for the 'too large' page."""
    return LARGER_REQUESTS.get(endpoint or "", REQUEST_MAX_BYTES) - FORM_FIELDS_BYTES


def size_text(limit: int) -> str:
    """10485760 -> '10 MB', 262144 -> '256 KB'."""
    return f"{limit // MB} MB" if limit >= MB else f"{limit // KB} KB"


def read_limited(storage, limit: int) -> bytes | None:
    """The uploaded file's bytes, or None when it is larger than `limit` (read at most limit + 1 bytes)."""
    data = storage.stream.read(limit + 1)
    return None if len(data) > limit else data


def too_large_message(limit: int) -> str:
    return _("Berkas terlalu besar: paling banyak %(size)s.", size=size_text(limit))
