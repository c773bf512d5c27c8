"""`make bench` (part two): what the till loads on first view, its HTML, CSS, JavaScript and the vendored
libraries it imports, plain and gzip-compressed. Goal: under 60 KB compressed (exit status 1 otherwise). The
scanner polyfill and its WebAssembly are not part of it: they load only when the camera is used on a browser
without BarcodeDetector. Figures go to test-artifacts/bench-till.json."""
from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 60_000
ASSET_RE = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')
IMPORT_RE = re.compile(r'^import [^"]+ from "([^"]+)";', re.MULTILINE)


def first_load(client, till_url: str, static_folder: str) -> dict[str, tuple[int, int]]:
    """{url: (bytes, gzip bytes)} of the till page and everything it loads before the first sale."""
    html = client.get(till_url).get_data()
    sizes = {till_url: (len(html), len(gzip.compress(html, 9)))}
    queue = [a or b for a, b in ASSET_RE.findall(html.decode())]
    while queue:
        url = queue.pop().split("?")[0]
        if url in sizes:
            continue
        body = (Path(static_folder) / url.removeprefix("/static/")).read_bytes()
        sizes[url] = (len(body), len(gzip.compress(body, 9)))
        if url.endswith(".js"):
            base = url.rsplit("/", 1)[0]
            for target in IMPORT_RE.findall(body.decode()):
                parts = (base + "/" + target).split("/")
                resolved: list[str] = []
                for p in parts:
                    if p == "..":
                        resolved.pop()
                    elif p not in (".", ""):
                        resolved.append(p)
                queue.append("/" + "/".join(resolved))
    return sizes


def main() -> int:
    from shop import create_app
    from shop.accounts.models import User
    from shop.events import services as events
    from shop.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench",
                          "DATABASE_URL": f"sqlite:///{tmp}/till.sqlite3", "UPLOAD_DIR": f"{tmp}/u",
                          "MAIL_DIR": f"{tmp}/m", "RATELIMIT_STORAGE_URI": "memory://"})
        with app.app_context():
            db.create_all()
            event = events.create_event(events.EventData("Bazar", "Gasibu", date(2026, 1, 1), date(2026, 1, 2)),
                                        None)
            event.status = "running"
            user = User(email="kasir@bench.id", role="organiser", active=True)
            user.set_password("bench-password-1")
            db.session.add(user)
            db.session.commit()
            event_id = event.id
        client = app.test_client()
        client.post("/masuk", data={"email": "kasir@bench.id", "password": "bench-password-1"})
        sizes = first_load(client, f"/kasir/{event_id}", app.static_folder)
    plain, packed = sum(s[0] for s in sizes.values()), sum(s[1] for s in sizes.values())
    for url, (raw, gz) in sizes.items():
        print(f"{url:55} {raw:8,d} B  {gz:7,d} B gzip")
    print(f"{'till first load':55} {plain:8,d} B  {packed:7,d} B gzip (goal < {LIMIT:,d} B gzip)")
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "bench-till.json").write_text(json.dumps(
        {"files": sizes, "plain": plain, "gzip": packed, "limit_gzip": LIMIT}, indent=1))
    return 0 if packed < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
