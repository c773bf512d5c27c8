"""Every page of every role on a 390 px phone: no sideways scrolling and nothing axe-core finds.

The walk reads the app's url_map, so pages added later are walked without touching this test. For each role
(anonymous, coordinator, admin, organiser, cashier) one browser context signs in through the login form and
visits every GET route, its `<int:…>`, `<slug>` and `<token>` arguments filled from the seeded rows by argument
name (tests/browser/seed_walk.py). Each URL is first fetched through the context's own request API (same cookies):
- a redirect to the login page, or a 403: not this role's page (counted in the notes);
- a 404 with every candidate, or an argument nobody knows how to fill: skipped, with a note in the output
  (`pytest -s` or `-rP` shows them); a 500 (or anything 5xx) is a failure;
- a response that is not HTML is a download, skipped by its content type: the PDF, CSV, XLSX and Beancount
  exports of the books and the cooperative, photos and transfer slips, JSON status answers;
- an HTML page is opened in the browser at 390×844 and checked: `scrollWidth <= innerWidth` (the failure names
  the widest elements) and axe-core's WCAG 2.0/2.1 A and AA rules.
Routes skipped by name, never fetched: `static` and `pages.media` (files), `pages.set_language` (it switches
the session's language and redirects back; the English pages are not what this walk is about), `pages.health`
(JSON for load balancers; it answers 503 on the test database, made by create_all without an Alembic head).
Every failure of a role is collected and reported together.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from werkzeug.routing.converters import AnyConverter, IntegerConverter

from tests.browser.conftest import AXE_TAGS, PHONE, format_violations
from tests.browser.seed_walk import PASSWORD, seed_walk
from tests.fixtures.routes import NAME_HINTS

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from playwright.sync_api import Error as PlaywrightError

SKIPPED_ENDPOINTS = {"static": "files", "pages.media": "photo files",
                     "pages.set_language": "switches the session's language",
                     "pages.health": "a JSON probe for load balancers; 503 here: the test database has no Alembic head"}
TRIES = 16  # candidate URLs fetched per route at most
# pages each role must have walked (the seed has rows for them): the bazaar and made-to-measure work included
MUST_VISIT = {
    "anonymous": {"bazaar.index", "bazaar.show", "custom_orders.show", "custom_orders.new_single",
                  "custom_orders.new_bulk", "orders.show"},
    "coordinator": {"events.invitations", "events.invitation", "custom_orders_staff.index",
                    "custom_orders_staff.detail", "custom_orders_staff.capacity", "custom_orders_staff.template",
                    "group_orders.detail", "books.journal", "coop.contributions"},
    "admin": {"events.index", "events.detail", "books_admin.journal"},
    "organiser": {"events.index", "events.detail", "events.edit", "events.print_page", "events.report",
                  "events.settle", "pos.index", "pos.till", "pos.drawer_page"},
    "cashier": {"pos.index", "pos.till", "pos.drawer_page", "pos.conflicts", "pos.receipt_page"},
}
VISITS = {"part_id": 5, "token": 5, "slug": 3, "product_id": 2}  # pages opened per route whose rows differ; others 1
LOGIN_PATH = "/masuk"

WIDEST = """() => {
  const limit = window.innerWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit + 0.5 && !clipped(el)
        && !(el.parentElement && out.some(o => o.el === el.parentElement))) {
      out.push({el, text: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                + ' right=' + Math.round(r.right)});
    }
  }
  return {scroll: document.documentElement.scrollWidth, inner: limit, wide: out.slice(0, 4).map(o => o.text)};
}"""


@dataclass
class Walk:
    role: str
    visited: list[str] = field(default_factory=list)
    endpoints: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_for_role: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)


@pytest.fixture
def live_server_config(tmp_path):
    return {"SLIP_DIR": str(tmp_path / "slips")}  # transfer slips of the seeded orders


def _pool(name: str, converter, seeded) -> list | None:
    """Candidate values for one URL argument, by its converter and name; None when nothing fits."""
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)
    if isinstance(converter, IntegerConverter):
        lowered = name.lower()
        for hint, kind in NAME_HINTS.items():
            if hint in lowered and seeded.ids.get(kind):
                return seeded.ids[kind]
        return None
    return seeded.words.get(name)


def candidate_urls(rule, seeded) -> list[str] | str:
    """URLs to try for `rule`, or why it cannot be filled."""
    names = sorted(rule.arguments)
    pools = []
    for name in names:
        pool = _pool(name, rule._converters.get(name), seeded)
        if not pool:
            return f"no seeded value for <{name}>"
        pools.append(pool)
    return [rule.build(dict(zip(names, combo, strict=True)), append_unknown=False)[1]
            for combo in itertools.islice(itertools.product(*pools), TRIES)]


def _visits_for(rule, public: bool) -> int:
    if public and rule.arguments:
        return 1  # a staff member sees public pages as a buyer does, save the header: once is enough
    return max((VISITS.get(name, 1) for name in rule.arguments), default=1)


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + LOGIN_PATH)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: urlsplit(url).path != LOGIN_PATH)


def fill_cart(page, base: str, slugs: list[str]) -> None:
    """A buyer's cart with products of two groups, so the cart and checkout pages show their tables."""
    for slug in slugs:
        page.goto(f"{base}/produk/{slug}")
        button = page.get_by_role("button", name="Masukkan keranjang")
        if button.count():
            button.click()
            page.wait_for_load_state()


def check_page(page, url: str, axe_source: str, walk: Walk, label: str) -> None:
    response = page.goto(url)
    if response is None or response.status >= 500:
        walk.failures.append(f"{label}: {response.status if response else 'no response'} in the browser")
        return
    layout = page.evaluate(WIDEST)
    if layout["scroll"] > layout["inner"]:
        walk.failures.append(f"{label}: scrolls sideways, scrollWidth {layout['scroll']} > {layout['inner']} "
                             f"(widest: {'; '.join(layout['wide']) or 'unknown'})")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    results = page.evaluate("(options) => axe.run(document, options)",
                            {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    if results["violations"]:
        walk.failures.append(f"{label}: axe-core\n" + format_violations(results["violations"]))


def walk_role(page, anonymous, base: str, app, seeded, axe_source: str, walk: Walk) -> None:
    seen: set[str] = set()
    request = page.context.request
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if "GET" not in (rule.methods or ()):
            continue
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        urls = candidate_urls(rule, seeded)
        if isinstance(urls, str):
            walk.notes.append(f"skipped {rule.rule} ({rule.endpoint}): {urls}")
            continue
        public = walk.role != "anonymous" and _is_public(anonymous, base + urls[0])
        wanted, opened, statuses = _visits_for(rule, public), 0, set()
        for url in urls:
            if opened >= wanted:
                break
            label = f"[{walk.role}] {url} ({rule.endpoint})"
            try:
                probe = request.get(base + url)
            except PlaywrightError as err:
                walk.failures.append(f"{label}: request failed: {err}")
                break
            statuses.add(probe.status)
            final = urlsplit(probe.url)
            if probe.status >= 500:
                walk.failures.append(f"{label}: HTTP {probe.status}")
                continue
            if probe.status == 404:
                continue
            if probe.status == 403 or (final.path == LOGIN_PATH and rule.rule != LOGIN_PATH):
                walk.not_for_role.append(rule.endpoint)
                break
            if probe.status != 200:
                walk.notes.append(f"{label}: HTTP {probe.status}, not checked")
                break
            kind = probe.headers.get("content-type", "")
            if not kind.startswith("text/html"):
                walk.downloads.append(f"{rule.endpoint} ({kind.split(';')[0]})")
                break
            opened += 1
            target = final.path + (f"?{final.query}" if final.query else "")
            if target in seen:
                continue
            seen.add(target)
            walk.visited.append(target)
            walk.endpoints.add(rule.endpoint)
            try:
                check_page(page, base + url, axe_source, walk, label)
            except PlaywrightError as err:
                walk.failures.append(f"{label}: {err}")
        if opened == 0 and statuses == {404}:
            walk.notes.append(f"skipped {rule.rule} ({rule.endpoint}): 404 with every seeded value")


def _is_public(anonymous, url: str) -> bool:
    try:
        probe = anonymous.get(url)
    except PlaywrightError:
        return False
    return probe.status == 200 and urlsplit(probe.url).path != LOGIN_PATH


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "admin", "organiser", "cashier"])
def test_every_page_fits_a_phone_and_is_accessible(live_server, browser, page, axe_source, role):
    seeded = seed_walk(live_server.app)
    base = live_server.url
    assert page.viewport_size == PHONE
    if role == "anonymous":
        fill_cart(page, base, [seeded.words["slug"][1], "produk-8"])  # a sized shirt and a bag of another group
    else:
        sign_in(page, base, seeded.logins[role])
    anonymous = browser.new_context()
    walk = Walk(role)
    try:
        walk_role(page, anonymous.request, base, live_server.app, seeded, axe_source, walk)
    finally:
        anonymous.close()
    print(f"\n[{role}] {len(walk.visited)} pages checked; not this role's: {len(set(walk.not_for_role))} "
          f"routes; downloads skipped: {', '.join(sorted(set(walk.downloads))) or 'none'}")
    for note in walk.notes:
        print(f"[{role}] {note}")
    assert len(walk.visited) >= (8 if role in ("anonymous", "organiser", "cashier") else 25), walk.visited
    assert MUST_VISIT[role] <= walk.endpoints, f"not walked: {sorted(MUST_VISIT[role] - walk.endpoints)}"
    assert not walk.failures, f"{len(walk.failures)} problem(s) for {role} at 390 px:\n" + \
        "\n".join(walk.failures)


def test_the_resolver_fills_ids_by_name_and_says_what_it_cannot():
    """The walk's resolver: ids by argument name, any() choices, seeded words, and a reason for the rest."""
    from werkzeug.routing import Map, Rule

    from tests.browser.seed_walk import Seeded

    seeded = Seeded(ids={"part": [7, 8], "product": [3]}, words={"token": ["abc"]})
    rules = Map([Rule("/p/<int:part_id>", endpoint="a"), Rule("/o/<token>/<any(x, y):what>", endpoint="b"),
                 Rule("/e/<int:event_id>", endpoint="c"), Rule("/s/<slug>", endpoint="d")])
    by_endpoint = {r.endpoint: r for r in rules.iter_rules()}
    assert candidate_urls(by_endpoint["a"], seeded) == ["/p/7", "/p/8"]
    assert candidate_urls(by_endpoint["b"], seeded) == ["/o/abc/x", "/o/abc/y"]
    assert re.search("event_id", candidate_urls(by_endpoint["c"], seeded))
    assert re.search("slug", candidate_urls(by_endpoint["d"], seeded))
