"""The bench's report: every figure, each target met or not, the machine and versions; Markdown and JSON."""
from __future__ import annotations

import contextlib
import json
import os
import platform
import sqlite3
import subprocess
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "results"
FRACTION, P99_MS, GROWTH, MAX_STATEMENTS = 0.25, 60.0, 0.8, 8
ORDERS_PER_S, PAGE_BYTES, THUMB_BYTES, LIGHTHOUSE = 100, 40_000, 25_000, 95


def machine(load_before, backends) -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration), open("/proc/cpuinfo") as fh:
        cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    info = {"cpu": cpu, "cpus": os.cpu_count(), "system": platform.platform(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "load_before": round(load_before[0], 2),
            "load_after": round(os.getloadavg()[0], 2)}
    for package in ("flask", "sqlalchemy", "gunicorn", "jinja2", "flask-caching", "psycopg"):
        info[package] = version(package)
    try:
        info["wrk"] = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0][:40]
    except OSError:
        info["wrk"] = "not installed (Python load generator)"
    if "postgresql" in backends:
        with contextlib.suppress(OSError):
            info["postgresql"] = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
                                                 "SHOW server_version"], capture_output=True, text=True,
                                                timeout=10).stdout.strip()
    return info


def targets(results: list[dict]) -> list[tuple[str, bool, str]]:
    checks = []
    by_backend: dict[str, list[dict]] = {}
    for r in results:
        by_backend.setdefault(r["backend"], []).append(r)
    for backend, runs in by_backend.items():
        small, large = runs[0], runs[-1]
        for name, page in small["pages"].items():
            checks.append((f"{backend} {small['size']:,}: {name} >= {FRACTION} of trivial, p99 < {P99_MS:g} ms",
                           page["fraction"] >= FRACTION and page["p99_ms"] < P99_MS,
                           f"{page['fraction']:.3f}, p99 {page['p99_ms']} ms"))
            if large is not small and name in large["pages"]:
                big = large["pages"][name]
                checks.append((f"{backend} {large['size']:,}: {name} >= {GROWTH} of its {small['size']:,} figure",
                               big["fraction"] >= GROWTH * page["fraction"],
                               f"{big['fraction']:.3f} vs {page['fraction']:.3f}"))
        for run in runs:
            worst = max(run["pages"].items(), key=lambda kv: kv[1]["statements"])
            checks.append((f"{backend} {run['size']:,}: at most {MAX_STATEMENTS} SQL statements on every page",
                           worst[1]["statements"] <= MAX_STATEMENTS, f"most: {worst[0]} {worst[1]['statements']}"))
        if len(runs) > 1:
            same = all(runs[-1]["pages"][n]["statements"] == p["statements"] for n, p in runs[0]["pages"].items())
            checks.append((f"{backend}: statements per page the same at every size", same, ""))
        weight = small.get("weight", {}).get("catalogue p1")
        if weight:
            checks.append((f"{backend}: catalogue HTML+CSS+JS < {PAGE_BYTES:,} B", weight["total"] < PAGE_BYTES,
                           f"{weight['total']:,} B ({weight['total_gzip']:,} B gzip)"))
            checks.append((f"{backend}: catalogue images WebP, each < {THUMB_BYTES:,} B",
                           weight["all_webp"] and weight["largest_image"] < THUMB_BYTES,
                           f"largest {weight['largest_image']:,} B"))
        lighthouse = small.get("lighthouse", {})
        for name, figures in lighthouse.items():
            if isinstance(figures, dict):
                checks.append((f"{backend}: Lighthouse mobile {name} >= {LIGHTHOUSE}",
                               (figures.get("score") or 0) >= LIGHTHOUSE, _lighthouse_figure(figures)))
        if "orders" in small:
            o = small["orders"]
            checks.append((f"{backend}: >= {ORDERS_PER_S} orders/s with {o['buyers']} buyers, none oversold",
                           o["orders_per_s"] >= ORDERS_PER_S and o["stock_consistent"] and not o["oversold"],
                           f"{o['orders_per_s']}/s, stock consistent: {o['stock_consistent']}"))
        if "till_sales" in small:  # no rate is set for the till: its sales are checked, their rate reported
            t = small["till_sales"]
            checks.append((f"{backend}: till sales by {t['cashiers']} cashiers all recorded once, sold counts "
                           "consistent, none negative", t["consistent"] and not t["unexpected"],
                           f"{t['sales_per_s']}/s, consistent: {t['consistent']}, unexpected: {t['unexpected']}"))
    return checks


def _lighthouse_figure(figures: dict) -> str:
    if "skipped" in figures:
        return f"not measured: {figures['skipped']}"
    if figures.get("score") is None:
        return f"no score: {figures.get('error', '')[:120]}"
    runs = figures.get("runs")
    return (f"{figures['score']}" + (f" (median of {'/'.join(map(str, runs))})" if runs and len(runs) > 1 else "")
            + f", LCP {figures.get('lcp_ms')} ms, TBT {figures.get('tbt_ms')} ms, CLS {figures.get('cls')}")


def markdown(results: list[dict], checks, info: dict, when: str) -> str:
    lines = [f"# Bench {when}", "", "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), ""]
    for r in results:
        t = r["trivial"]
        lines += [f"## {r['backend']}, {r['size']:,} products", "",
                  f"Trivial route `{t.get('url', '/sehat')}`: {t['rps']:,} req/s, p99 {t['p99_ms']} ms "
                  f"({t['tool']})", "",
                  "| page | req/s | fraction of trivial | p50 ms | p99 ms | SQL statements | errors |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for name, p in r["pages"].items():
            lines.append(f"| {name} | {p['rps']:,} | {p['fraction']:.3f} | {p['p50_ms']} | {p['p99_ms']} | "
                         f"{p['statements']} | {p['errors']} |")
        for note in r["notes"]:
            lines.append(f"\n{note}")
        if "weight" in r:
            lines += ["", "| page | HTML B | CSS+JS B | total B | gzip B | images | largest image B |",
                      "|---|---:|---:|---:|---:|---:|---:|"]
            for name, w in r["weight"].items():
                lines.append(f"| {name} | {w['html']:,} | {w['css_js']:,} | {w['total']:,} | {w['total_gzip']:,} | "
                             f"{w['images']} | {w['largest_image']:,} |")
        if "lighthouse" in r:
            lh = r["lighthouse"]
            lines.append("\nLighthouse (mobile): " + (lh["unavailable"] if "unavailable" in lh else "; ".join(
                f"{n} {_lighthouse_figure(v)}" for n, v in lh.items())))
        if "orders" in r:
            o = r["orders"]
            lines.append(f"\nOrders: {o['orders_per_s']}/s ({o['orders']} in {o['seconds']} s, {o['buyers']} buyers), "
                         f"{o['sold_out_refusals']} refused as sold out, {o['unexpected']} unexpected answers, "
                         f"stock consistent: {o['stock_consistent']}, oversold: {o['oversold']}")
        if "till_sales" in r:
            t = r["till_sales"]
            lines.append(f"\nTill sales (cash, 1 unit, Idempotency-Key): {t['sales_per_s']}/s ({t['sales']} in "
                         f"{t['seconds']} s, {t['cashiers']} cashiers, {t['tills']} till(s), {t['items']} items), "
                         f"{t['refusals']} refused (409), {t['unexpected']} unexpected answers, recorded in the "
                         f"database: {t['sales_in_db']}, consistent: {t['consistent']}")
        lines.append("")
    lines += ["## Targets", "", "| target | met | figure |", "|---|---|---|"]
    lines += [f"| {label} | {'yes' if ok else '**no**'} | {detail} |" for label, ok, detail in checks]
    return "\n".join(lines) + "\n"


def write(results: list[dict], started: float, load_before, backends) -> dict:
    when = time.strftime("%Y-%m-%dT%H%MZ", time.gmtime(started))
    info = machine(load_before, backends)
    checks = targets(results)
    text = markdown(results, checks, info, when)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{when}.md").write_text(text)
    (OUT / "latest.md").write_text(text)
    (OUT / f"{when}.json").write_text(json.dumps(
        {"when": when, "machine": info, "results": results,
         "targets": [{"target": label, "met": ok, "figure": detail} for label, ok, detail in checks]}, indent=2))
    return {"markdown": text, "all_met": all(ok for _, ok, _ in checks)}
