"""Configuration: defaults here, overridden by SHOP_* environment variables, then by a dict in tests."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from shop import uploads

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


DEFAULT_SECRET_KEY = "dev-only-change-me"
MIN_SECRET_BYTES = 32
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "")


class Defaults:
    SECRET_KEY = DEFAULT_SECRET_KEY  # outside production a random key is generated once into instance/
    SERVE = ""  # "production" under `make serve-prod`: a weak SECRET_KEY then refuses to start
    BIND_HOST = ""  # the host the server listens on (set by the Makefile); not loopback counts as production
    PROXY_COUNT = 0  # reverse proxies in front of the app (README): X-Forwarded-For is trusted that many hops
    SESSION_IDLE_MINUTES = 120  # a staff session unused this long ends
    SESSION_MAX_HOURS = 12  # and every staff session ends this long after login
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
    # Redis (SHOP_REDIS_URL=redis://host:6379/0): shared rate limits, cache and background jobs for more than one
    # process or machine. Empty: in-memory limits and cache, background work done in-process after commit.
    REDIS_URL = ""
    # behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto (rate limits key on the real address)
    REDIS_PREFIX = "pasar:"
    CACHE_TYPE = "SimpleCache"
    CACHE_DEFAULT_TIMEOUT = 24 * 3600  # keys name the version of what they hold; the timeout only frees memory
    CACHE_THRESHOLD = 20_000           # SimpleCache entries per process (a card is about 600 bytes)
    PAGE_CACHE = True                  # whole public pages for anonymous visitors (shop/page_cache.py)
    PAGE_CACHE_THRESHOLD = 400         # pages per process in memory (one is 20-40 KB with its gzip copy)
    PAGE_CACHE_TIMEOUT = 3600          # in Redis: keys name versions, the timeout only frees memory
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True  # explicit: the module-level Limiter would otherwise keep a False from an earlier app
    RATELIMIT_HEADERS_ENABLED = True
    # abuse limits per client address (shop/limits.py)
    ANON_POST_LIMIT = "30 per minute;300 per hour"
    CHECKOUT_LIMIT = "5 per minute;30 per hour"
    SLIP_LIMIT = "10 per hour"
    SLIP_PER_ORDER_LIMIT = "20 per day"
    ORDER_LOOKUP_LIMIT = "20 per minute"  # unknown order links only
    ORDER_FIND_LIMIT = "5 per minute;20 per hour"  # "find my order" by number and e-mail or phone
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
    BANK_TRANSFER_HOURS = 48  # and cash-on-delivery orders nobody confirmed: no script can hold stock for ever
    SLIP_DIR = str(INSTANCE / "slips")
    SLIP_MAX_BYTES = uploads.SLIP_MAX_BYTES
    SLIP_MAX_PIXELS = 16_000_000  # a phone photo of a receipt; decoding cost per anonymous upload stays small
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
    if app.config["REDIS_URL"]:
        _use_redis(app, overrides or {})
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(app.config["DATABASE_URL"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}})
    elif app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg"):
        # No server-side prepared statements: psycopg prepares a query after 5 runs on a connection (an
        # executemany at once) and drops them all at every ROLLBACK, which ends every read-only request, with one
        # more round trip (DEALLOCATE ALL): each order's outbox UPDATE was prepared, then dropped by the next page.
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"prepare_threshold": None}})
    if app.config["PUBLIC_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        # __Host-: only ever sent to this exact host over HTTPS, with Path=/ (no sibling domain can plant it)
        app.config.setdefault("SESSION_COOKIE_NAME", "session")
        if app.config["SESSION_COOKIE_NAME"] == "session":
            app.config["SESSION_COOKIE_NAME"] = "__Host-session"
    os.makedirs(INSTANCE, exist_ok=True)
    _check_secret_key(app)


class WeakSecretKey(RuntimeError):
    """Serving production with the default or a short SECRET_KEY: sessions could be forged."""


def serves_production(config) -> bool:
    return (config.get("SERVE") == "production" or str(config.get("PUBLIC_URL", "")).startswith("https://")
            or str(config.get("BIND_HOST") or "").strip("[]") not in LOOPBACK_HOSTS)


def _check_secret_key(app) -> None:
    """Refuse to serve production with a guessable key; elsewhere replace the default by one made once."""
    key = app.config.get("SECRET_KEY") or ""
    weak = key == DEFAULT_SECRET_KEY or len(key.encode() if isinstance(key, str) else key) < MIN_SECRET_BYTES
    if not weak or app.config.get("TESTING"):
        return
    if serves_production(app.config):
        raise WeakSecretKey(
            "SHOP_SECRET_KEY is missing, the default, or shorter than 32 bytes, and this server is public. "
            "Set SHOP_SECRET_KEY to a random value, e.g. the output of "
            "`python3 -c 'import secrets; print(secrets.token_hex(32))'`, and start again.")
    if key == DEFAULT_SECRET_KEY:
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def instance_secret_key(folder: Path) -> str:
    """A random key kept in instance/secret_key (made on first use, readable by the owner only)."""
    path = folder / "secret_key"
    folder.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        temporary = folder / f".secret_key.{os.getpid()}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
        try:
            os.link(temporary, path)  # atomic: two workers starting together agree on one key
        except FileExistsError:
            pass
        finally:
            os.remove(temporary)
    return path.read_text().strip()


def _normalise_db_url(url: str) -> str:
    """Accept postgres:// and postgresql:// and always use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def page_cache(app) -> dict:
    """The page cache's settings: beside the fragment cache (same Redis, own prefix), in memory with its own bound."""
    config = app.config
    if config["CACHE_TYPE"] in ("RedisCache", "redis"):
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": config.get("CACHE_REDIS_URL"),
                "CACHE_KEY_PREFIX": f"{config.get('CACHE_KEY_PREFIX') or ''}page:",
                "CACHE_DEFAULT_TIMEOUT": config["PAGE_CACHE_TIMEOUT"]}
    if config["CACHE_TYPE"] in ("SimpleCache", "simple"):
        return {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": config["PAGE_CACHE_THRESHOLD"],
                "CACHE_DEFAULT_TIMEOUT": config["PAGE_CACHE_TIMEOUT"]}
    return {"CACHE_TYPE": config["CACHE_TYPE"]}


def _use_redis(app, overrides: dict) -> None:
    """Point the cache and the rate limiter at Redis unless a test or SHOP_* variable chose otherwise."""
    url, prefix = app.config["REDIS_URL"], app.config["REDIS_PREFIX"]
    if "CACHE_TYPE" not in overrides and not os.environ.get("SHOP_CACHE_TYPE"):
        app.config.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=url, CACHE_KEY_PREFIX=f"{prefix}cache:")
    if "RATELIMIT_STORAGE_URI" not in overrides and not os.environ.get("SHOP_RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = url
        app.config["RATELIMIT_KEY_PREFIX"] = f"{prefix}limits"
