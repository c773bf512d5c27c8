"""Defect 47: dates read one way per language (01-12-2026, 1 Dec 2026), never as 2026-12-01 (nor 01-12-2026 on
English pages).

The walk's seed (tests/browser/seed_walk.py: orders in every state, books, simpanan, bazaars, made-to-measure
requests) is written into the test database, then every GET page of every role is rendered through the test
client and its visible text, tags and attributes removed (input values and datetime= are for machines), is
searched for an ISO date. Pages are found from the url_map, as the browser walk does, so new pages are covered."""
from __future__ import annotations

import itertools
import re

import pytest
from werkzeug.routing.converters import AnyConverter, IntegerConverter

from tests.browser.seed_walk import PASSWORD, seed_walk
from tests.fixtures.routes import NAME_HINTS

ISO_DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
INDONESIAN_DATE = re.compile(r"\b[0-3]\d-[01]\d-(19|20)\d\d\b")  # right in Indonesian, not on English pages
SKIPPED = {"static", "pages.media", "pages.set_language", "pages.health"}
TRIES = 3  # candidate URLs per route


def visible_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    return re.sub(r"(?s)<[^>]*>", " ", html)


def test_visible_text_ignores_attributes():
    html = ('<p>Tanggal 01-12-2026 <time datetime="2026-12-01">1 Des</time></p>'
            '<input type="date" value="2026-12-01"><script>var d="2026-12-01"</script>')
    assert not ISO_DATE.search(visible_text(html))
    assert ISO_DATE.search(visible_text("<td>2026-12-01</td>"))


def _urls(rule, seeded) -> list[str]:
    names = sorted(rule.arguments)
    pools = []
    for name in names:
        converter = rule._converters.get(name)
        if isinstance(converter, AnyConverter):
            pool = sorted(converter.items)
        elif isinstance(converter, IntegerConverter):
            kind = next((k for hint, k in NAME_HINTS.items() if hint in name.lower() and seeded.ids.get(k)), None)
            pool = seeded.ids.get(kind, []) if kind else []
        else:
            pool = seeded.words.get(name, [])
        if not pool:
            return []
        pools.append(pool)
    return [rule.build(dict(zip(names, combo, strict=True)), append_unknown=False)[1]
            for combo in itertools.islice(itertools.product(*pools), TRIES)]


def _walk(app, client, patterns) -> tuple[list[str], list[str]]:
    seeded, checked, found = app.extensions["walk_seed"], [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in (rule.methods or ()) or rule.endpoint in SKIPPED:
            continue
        for url in _urls(rule, seeded):
            response = client.get(url)
            assert response.status_code < 500, f"{url}: {response.status_code}"
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            checked.append(url)
            text = visible_text(response.get_data(as_text=True))
            for match in (m for pattern in patterns for m in pattern.finditer(text)):
                around = " ".join(text[max(0, match.start() - 50):match.end() + 20].split())
                found.append(f"{url}: …{around}…")
    return checked, found


@pytest.fixture
def walked_app(app):
    app.extensions["walk_seed"] = seed_walk(app)
    return app


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_iso_date_on_any_page_of_any_role(walked_app, client, language):
    seeded = walked_app.extensions["walk_seed"]
    if language == "en":
        client.set_cookie("lang", "en")
    problems, total = [], 0
    for role in ("anonymous", "coordinator", "admin", "organiser", "cashier"):
        if role != "anonymous":
            client.delete_cookie("session")  # signed out: the next role signs in afresh
            r = client.post_form("/masuk", {"email": seeded.logins[role], "password": PASSWORD})
            assert r.status_code == 302, role
        checked, found = _walk(walked_app, client, [ISO_DATE] + ([INDONESIAN_DATE] if language == "en" else []))
        total += len(checked)
        problems += [f"[{role}] {f}" for f in found]
    assert total > 150  # the walk really rendered the pages
    assert not problems, f"{len(problems)} dates in the wrong format:\n" + "\n".join(sorted(set(problems)))
