"""Small text helpers."""
from __future__ import annotations

import re
import unicodedata


def slugify(text: str, max_length: int = 80) -> str:
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", normalized.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "item"


def parse_int(value, default: int | None = None, low: int | None = None, high: int | None = None) -> int | None:
    """A query-string integer, clamped to [low, high]; anything unreadable gives the default."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    if low is not None and number < low:
        number = low
    if high is not None and number > high:
        number = high
    return number


def natural_key(text: str) -> tuple:
    """Sort key that reads numbers as numbers: koordinator2 before koordinator10."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text or ""))
