"""Lighthouse mobile performance score of a page, when Lighthouse is installed (`make bench-tools` puts it in
.bench/ from npm) and a Chromium is present; it drives the system Chromium (CHROME_PATH), no browser download."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROME = os.environ.get("SHOP_CHROMIUM", "/usr/bin/chromium")


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


def score(url: str) -> dict:
    """Mobile emulation and simulated slow 4G (Lighthouse's defaults); the performance score 0-100."""
    with tempfile.TemporaryDirectory(prefix="lh-") as tmp:
        out = Path(tmp) / "report.json"
        proc = subprocess.run(
            [command(), url, "--only-categories=performance", "--output=json", f"--output-path={out}", "--quiet",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True, timeout=180)
        if proc.returncode != 0 or not out.exists():
            return {"score": None, "error": (proc.stderr or proc.stdout)[-300:]}
        report = json.loads(out.read_text())
    audits = report["audits"]
    value = report["categories"]["performance"]["score"]
    return {"score": round(value * 100) if value is not None else None,
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3)}
