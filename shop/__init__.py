"""Pasar Karya: a storefront for makers' groups of the Dinas Sosial social-welfare programmes."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from shop import config

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config.load(app, overrides)

    from shop import health, sqlite_savepoints, web  # noqa: F401 (savepoints: engine events)  web imports every blueprint: only once the configuration is loaded
    from shop.catalog import search_index
    from shop.extensions import babel, cache, compress, csrf, db, limiter, login_manager, migrate, pages
    from shop.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), include_object=search_index.include_object)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=None)
    limiter.init_app(app)
    compress.init_app(app)
    cache.init_app(app)
    pages.init_app(app, config=config.page_cache(app))

    web.register(app)
    health.warn_at_startup(app)
    return app
