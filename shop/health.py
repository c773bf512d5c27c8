"""Is the shop able to serve? The database answers and carries the newest migration (for /sehat and load
balancers), and settings that look deployed but are incomplete (a warning at startup, a notice for admins)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from flask_babel import lazy_gettext as _l
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from shop.extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


@lru_cache(maxsize=1)
def migration_heads() -> frozenset[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def database_problem() -> str | None:
    """None when a real query works and the schema is at the migration head; otherwise what is wrong."""
    try:
        db.session.execute(text("SELECT 1")).scalar_one()
        versions = set(db.session.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except SQLAlchemyError as err:
        db.session.rollback()
        return f"database unavailable: {type(err).__name__}"
    finally:
        db.session.rollback()  # a health check never holds a transaction open
    if versions != set(migration_heads()):
        return f"database at {sorted(versions)}, code expects {sorted(migration_heads())}: run `flask db upgrade`"
    return None


# (test, message for the log at startup, message for the admin's dashboard)
CONFIG_CHECKS = (
    (lambda c: bool(c.get("STRIPE_SECRET_KEY")) and not c.get("STRIPE_WEBHOOK_SECRET"),
     "SHOP_STRIPE_SECRET_KEY is set but SHOP_STRIPE_WEBHOOK_SECRET is not: card payments stay off until it is.",
     _l("Kunci Stripe sudah diisi tetapi SHOP_STRIPE_WEBHOOK_SECRET belum: pembayaran kartu tidak ditawarkan "
        "sampai rahasia webhook diisi.")),
)


def config_problems(config) -> list[tuple[str, str]]:
    return [(log, str(notice)) for check, log, notice in CONFIG_CHECKS if check(config)]


def warn_at_startup(app) -> None:
    for log, _notice in config_problems(app.config):
        app.logger.warning(log)
