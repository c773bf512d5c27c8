"""Lighthouse mobile performance score of a page, when Lighthouse is installed (`make bench-tools` puts it in
.bench/ from npm) and a Chromium is present; it drives the system Chromium (CHROME_PATH), no browser download.

One run's score moves by several points on a shared machine (total blocking time is the observed main-thread
work, slowed down four times), so each page is scored LIGHTHOUSE_RUNS times (3) and the median run is reported,
as Lighthouse's own documentation advises. A signed-in page (the till) gets the session cookie as a header."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROME = os.environ.get("SHOP_CHROMIUM", "/usr/bin/chromium")
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def command() -> str | None:
    local = ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse"
    return str(local) if local.exists() else shutil.which("lighthouse")


def unavailable() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not Path(CHROME).exists():
        return f"no Chromium at {CHROME}"
    if command() is None:
        return "Lighthouse not installed (make bench-tools installs it from npm into .bench/)"
    return None


def session_cookie(base: str, email: str, password: str) -> str | None:
    """A `Cookie` header value for a staff session, signed in through the login form (its CSRF token) as a
    browser would; None when the server did not let this account in."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/masuk", timeout=20) as response:
        token = CSRF_RE.search(response.read().decode())
    form = {"csrf_token": token.group(1) if token else "", "email": email, "password": password}
    with opener.open(base + "/masuk", urllib.parse.urlencode(form).encode(), timeout=20) as response:
        if urllib.parse.urlsplit(response.geturl()).path == "/masuk":  # the form again: not signed in
            return None
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def _once(url: str, cookie: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="lh-") as tmp:
        out = Path(tmp) / "report.json"
        extra = [f"--extra-headers={json.dumps({'Cookie': cookie})}"] if cookie else []
        proc = subprocess.run(
            [command(), url, "--only-categories=performance", "--output=json", f"--output-path={out}", "--quiet",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu", *extra],
            env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True, timeout=180)
        if proc.returncode != 0 or not out.exists():
            return {"score": None, "error": (proc.stderr or proc.stdout)[-300:]}
        report = json.loads(out.read_text())
    audits = report["audits"]
    value = report["categories"]["performance"]["score"]
    if value is None:
        return {"score": None, "error": str(report.get("runtimeError", "no score"))[:300]}
    return {"score": round(value * 100),
            "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3)}


def score(url: str, cookie: str | None = None, runs: int = RUNS) -> dict:
    """Mobile emulation and simulated slow 4G (Lighthouse's defaults): the median of `runs` runs by performance
    score (0-100), with that run's LCP, TBT and CLS, and every run's score."""
    results = [_once(url, cookie) for _ in range(max(1, runs))]
    scored = sorted((r for r in results if r["score"] is not None), key=lambda r: r["score"])
    if not scored:
        return results[-1]
    median = dict(scored[(len(scored) - 1) // 2])  # of an even number, the lower of the two middle runs
    median["runs"] = [r["score"] for r in results]
    return median
