"""The interface language: Indonesian unless the visitor chose English with the language switch (a cookie)."""
from __future__ import annotations

from flask import current_app, has_request_context, request

LANG_COOKIE = "lang"


def select_locale() -> str:
    """Flask-Babel's locale selector: the `lang` cookie when it names a known language, else the default."""
    if not has_request_context():  # CLI commands and services run outside a request (e-mails, sweeps)
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    lang = request.cookies.get(LANG_COOKIE)
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]
