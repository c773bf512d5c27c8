"""Configuration: defaults here, overridden by SHOP_* environment variables, then by a dict in tests."""
from __future__ import annotations

import os
from pathlib import Path

from shop import uploads

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


class Defaults:
    SECRET_KEY = "dev-only-change-me"
    DATABASE_URL = f"sqlite:///{INSTANCE / 'pasar_karya.sqlite3'}"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    MAX_CONTENT_LENGTH = uploads.REQUEST_MAX_BYTES  # a photo plus form fields (shop/uploads.py)
    UPLOAD_DIR = str(INSTANCE / "uploads")
    IMAGE_WIDTHS = (320, 640, 1024)
    IMAGE_MAX_PIXELS = 40_000_000
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")
    PER_PAGE = 24
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600  # static URLs carry a content hash (asset() in web.py)
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True  # explicit: the module-level Limiter would otherwise keep a False from an earlier app
    RATELIMIT_HEADERS_ENABLED = True
    COMPRESS_MIMETYPES = ["text/html", "text/css", "application/javascript", "text/csv", "image/svg+xml"]
    COMPRESS_MIN_SIZE = 500
    # Stripe: no key means the card option is hidden and everything else works
    STRIPE_SECRET_KEY = ""
    STRIPE_WEBHOOK_SECRET = ""
    STRIPE_API_BASE = ""
    # Xendit (QRIS, virtual accounts): no key means those options are hidden; the callback token comes from the
    # Xendit dashboard (Settings > Webhooks); unpaid QRIS codes and virtual accounts expire after these times
    XENDIT_SECRET_KEY = ""
    XENDIT_CALLBACK_TOKEN = ""
    XENDIT_API_BASE = ""
    XENDIT_QRIS_MINUTES = 60
    XENDIT_VA_HOURS = 24
    # Checkout: courier fees per zone (whole rupiah), unpaid bank transfers expire after this many hours
    SHIPPING_FEES = {"same_regency": 15_000, "same_province": 25_000, "java": 35_000, "elsewhere": 60_000}
    BANK_TRANSFER_HOURS = 48
    SLIP_DIR = str(INSTANCE / "slips")
    SLIP_MAX_BYTES = uploads.SLIP_MAX_BYTES
    CART_MAX_QUANTITY = 20
    # Mail: with no SMTP host, messages are written as .eml files under instance/mail/
    MAIL_HOST = ""
    MAIL_PORT = 587
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_USE_TLS = True
    MAIL_SENDER = "Pasar Karya <noreply@pasarkarya.id>"
    MAIL_DIR = str(INSTANCE / "mail")
    PUBLIC_URL = "http://127.0.0.1:5000"


def load(app, overrides: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("SHOP")
    if overrides:
        app.config.update(overrides)
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(app.config["DATABASE_URL"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}})
    if app.config["PUBLIC_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    os.makedirs(INSTANCE, exist_ok=True)


def _normalise_db_url(url: str) -> str:
    """Accept postgres:// and postgresql:// and always use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
