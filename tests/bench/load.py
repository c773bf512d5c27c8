"""Serving the app with gunicorn (gunicorn.conf.py, as in production) and driving a bounded load at it.

wrk (when installed) from a second process; otherwise a small Python load generator in other processes. Both
report requests/s and p99 latency at a fixed number of connections for a fixed time."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "0")) or None  # None: gunicorn.conf.py decides
BENCH_APP = "tests.bench.wsgi:app"


@contextmanager
def gunicorn(env: dict, port: int, workers: int = WORKERS, app: str = "wsgi:app"):
    """gunicorn with the production settings on 127.0.0.1:port serving `app` (the bench passes BENCH_APP, the
    app with its trivial route); yields the base URL."""
    environment = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        environment["WEB_CONCURRENCY"] = str(workers)
    # a file, not a pipe nobody reads: a chatty server can never block on it (closed in the finally below)
    log = tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                                app],
                               cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=log,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def stopped() -> RuntimeError:
        log.seek(0)
        return RuntimeError("gunicorn stopped: " + log.read().decode(errors="replace")[-2000:])

    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/sehat", timeout=2).read()  # the database answers too
                break
            except OSError:
                if process.poll() is not None:
                    raise stopped() from None
                time.sleep(0.1)
        if process.poll() is not None:  # something else answered on this port: never test another server
            raise stopped()
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _wrk(url: str, seconds: float, headers: dict[str, str]) -> dict:
    threads = 1  # one wrk thread drives 16 connections at thousands of requests/s; the server keeps the cores
    extra = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--latency",
                          "--timeout", "5s", "-H", "Accept-Encoding: gzip", *extra, url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": round(rps, 1), "p50_ms": round(p50, 1), "p99_ms": round(p99, 1),
            "errors": int(errors.group(1)) if errors else 0, "socket_errors": socket_errors.group(1)
            if socket_errors else "", "tool": "wrk"}


def _python_client(args) -> list[float]:
    url, until, headers = args
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    times = []
    while time.monotonic() < until:
        start = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Encoding": "gzip", **headers})
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000 if response.status < 400 else -1.0)
    conn.close()
    return times


def _python(url: str, seconds: float, headers: dict[str, str]) -> dict:
    until = time.monotonic() + seconds
    with Pool(CONNECTIONS) as pool:
        results = pool.map(_python_client, [(url, until, headers)] * CONNECTIONS)
    times = sorted(t for r in results for t in r if t >= 0)
    errors = sum(1 for r in results for t in r if t < 0)
    return {"rps": round(len(times) / seconds, 1), "p50_ms": round(times[len(times) // 2], 1),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 1), "errors": errors,
            "socket_errors": "", "tool": "python"}


def drive(url: str, seconds: float = SECONDS, headers: dict[str, str] | None = None) -> dict:
    """Requests/s and latency of GET url at CONNECTIONS connections for `seconds`, every request with `headers`
    (a signed-in page: {"Cookie": "session=…"})."""
    headers = headers or {}
    for _ in range(24):  # warm every worker's cache
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            response.read()
        if response.geturl() != url:  # wrk counts a 3xx as an answer: a signed-out till would look fast
            raise RuntimeError(f"{url} redirects to {response.geturl()}: not a page to measure")
    if shutil.which("wrk") and not os.environ.get("BENCH_PYTHON_LOAD"):
        return _wrk(url, seconds, headers)
    return _python(url, seconds, headers)
