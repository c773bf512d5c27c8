"""Browser journeys: a live server on 127.0.0.1, Debian's Chromium driven by Playwright, axe-core on each page.

Fixtures:
- `live_server`: a fresh app on its own SQLite file (CSRF on), served by werkzeug in a daemon thread;
  `.url`, `.app`. Extra config through the `live_server_config` fixture (override or parametrize it).
  Create data with `with live_server.app.app_context(): ...; db.session.commit()`.
- `browser`: one Chromium per session (skipped with a message when Chromium or Playwright is missing).
- `page`: a new context and page per test at phone size; a screenshot lands in test-artifacts/ when a test
  fails.
- `assert_accessible(page)`: runs axe-core (WCAG 2.0/2.1 A and AA) and fails listing every violation.

Every test in this folder is marked `browser` and put in the xdist group "browser" (one worker runs them all).
Browser tests run on SQLite only: they check pages and behaviour, not the database backend.
"""
from __future__ import annotations

import os
import re
import threading
import warnings
from pathlib import Path

import pytest

from shop import create_app
from shop.extensions import db

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("SHOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    with_xdist = config.pluginmanager.hasplugin("xdist")  # the xdist_group marker exists only with xdist
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if with_xdist:
                item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


class LiveServer:
    def __init__(self, app, server):
        self.app = app
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_port}"
        self.thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)

    def __repr__(self) -> str:
        return f"<LiveServer {self.url}>"


@pytest.fixture
def live_server_config() -> dict:
    """Extra config for the live server: override this fixture in a module, or parametrize it in a test
    (`@pytest.mark.parametrize("live_server_config", [{"PER_PAGE": 3}])`)."""
    return {}


@pytest.fixture
def live_server(tmp_path, live_server_config):
    from werkzeug.serving import make_server

    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "browser-test-secret",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "MAIL_DIR": str(tmp_path / "mail"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
        **live_server_config,
    })
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    live = LiveServer(app, server)
    if "PUBLIC_URL" not in live_server_config:  # links in e-mails and payment redirects point at this server
        app.config["PUBLIC_URL"] = live.url
    live.thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        server.server_close()
        live.thread.join(timeout=5)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set SHOP_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, request):
    # bypass_csp: the site's CSP allows only nonce'd scripts; axe-core is injected by the test, not the site
    context = browser.new_context(viewport=PHONE, bypass_csp=True, locale="id-ID")
    context.set_default_timeout(20_000)  # generous: CI shares 2 cores
    tab = context.new_page()
    try:
        yield tab
    finally:
        failed = any(getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
                     for when in ("setup", "call"))
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            from playwright.sync_api import Error as PlaywrightError

            try:
                tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except PlaywrightError as err:  # a crashed page must not hide the real failure
                warnings.warn(f"no screenshot for {request.node.nodeid}: {err}", stacklevel=1)
        context.close()


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        return _axe_source()
    except ImportError:
        pytest.skip("the axe-playwright-python package is not installed (pip install -e '.[dev]')")


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v.get("nodes", []):
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('failureSummary', '').replace(chr(10), ' / ')}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe_source):
    """`assert_accessible(page)` fails listing every WCAG 2.1 A/AA violation axe-core finds on the page."""

    def check(tab, context=None) -> None:
        if not tab.evaluate("typeof window.axe !== 'undefined'"):
            tab.add_script_tag(content=axe_source)
        results = tab.evaluate(
            "([context, options]) => axe.run(context || document, options)",
            [context, {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}],
        )
        violations = results["violations"]
        assert not violations, f"axe-core found {len(violations)} violation(s) on {tab.url}:\n" + \
            format_violations(violations)

    return check
