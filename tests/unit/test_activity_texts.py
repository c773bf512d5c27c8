"""The activity log speaks plain words: every code a service records has a sentence, and pages show it."""
from __future__ import annotations

import re
from pathlib import Path

from shop.activity.texts import TEXTS, describe, detail

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r'record\(\s*"([a-z_]+\.[a-z_]+)"')
CONDITIONAL = re.compile(r'"([a-z_]+\.[a-z_]+)" if .*? else "([a-z_]+\.[a-z_]+)"')


def _recorded_codes() -> set[str]:
    codes = set()
    for path in (ROOT / "shop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes.update(LITERAL.findall(text))
        if "record(" in text:
            for a, b in CONDITIONAL.findall(text):
                codes.update((a, b))
    return codes


def test_every_recorded_code_has_a_sentence():
    codes = _recorded_codes()
    assert "order.placed" in codes and "product.created" in codes  # the scan finds the record() calls
    missing = sorted(c for c in codes if c not in TEXTS)
    assert not missing, f"activity codes without a sentence in shop/activity/texts.py: {missing}"
    # codes built from a status ("order.%s", "product.%s", group status changes) are covered too
    for status in ("paid", "processing", "shipped", "delivered", "picked_up", "cancelled", "expired"):
        assert f"order.{status}" in TEXTS
    for status in ("published", "draft", "archived"):
        assert f"product.{status}" in TEXTS


def test_sentences_and_details_in_plain_words(app):
    with app.test_request_context("/"):
        assert describe("order.paid", "PK-2612-3UHJ") == "Pesanan PK-2612-3UHJ dibayar"
        assert describe("something.new", "X") == "Perubahan dicatat: X"
        assert detail("draft -> published") == "draf → tayang"
        assert detail("Rp250.000") == "Rp250.000"


def test_workspace_log_shows_sentences_not_codes(client, make_user, login, make_product):
    product = make_product()
    coordinator = make_user("coordinator", group=product.group)
    from shop.activity.services import record
    from shop.extensions import db

    record("order.paid", "PK-2612-3UHJ", group_id=product.group_id)
    record("product.published", product.title, group_id=product.group_id, detail="draft -> published")
    db.session.commit()
    login(coordinator)
    for path in ("/kelola", "/kelola/aktivitas"):
        page = client.get(path).get_data(as_text=True)
        assert "Pesanan PK-2612-3UHJ dibayar" in page and "order.paid" not in page
    page = client.get("/kelola/aktivitas").get_data(as_text=True)
    assert "draf → tayang" in page and "draft -&gt; published" not in page
