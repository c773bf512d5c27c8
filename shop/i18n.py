"""The interface language: Indonesian unless the visitor chose English with the language switch (a cookie)."""
from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_babel import get_translations
from jinja2 import pass_context
from markupsafe import Markup

LANG_COOKIE = "lang"


def select_locale() -> str:
    """Flask-Babel's locale selector: the `lang` cookie when it names a known language, else the default."""
    if not has_request_context():  # CLI commands and services run outside a request (e-mails, sweeps)
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    lang = request.cookies.get(LANG_COOKIE)
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def template_translations() -> dict:
    """`gettext`/`ngettext` for one render, bound to this request's translations (a context processor).

    Flask-Babel's template callables look up the locale, the domain and the translations again on every `_()`
    (a page has dozens); these resolve them once per render. Same semantics as Jinja's newstyle gettext: the
    text is marked safe when autoescaping and always %-formatted with the variables."""
    translations = get_translations()
    return {"gettext": _newstyle_gettext(translations.ugettext),
            "ngettext": _newstyle_ngettext(translations.ungettext)}


def _newstyle_gettext(lookup):
    @pass_context
    def gettext(__context, __string: str, **variables):
        rv = lookup(__string)
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)  # nosec B704 - our own catalogue's text; `%` then escapes the variables
        return rv % variables

    return gettext


def _newstyle_ngettext(lookup):
    @pass_context
    def ngettext(__context, __singular: str, __plural: str, __num: int, **variables):
        variables.setdefault("num", __num)
        rv = lookup(__singular, __plural, __num)
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)  # nosec B704 - our own catalogue's text; `%` then escapes the variables
        return rv % variables

    return ngettext
