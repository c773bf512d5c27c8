"""`flask shop backup` and `flask shop restore`: orders, books and photos come back exactly (both databases)."""
from __future__ import annotations

import hashlib
import os
import tarfile

import pytest
from sqlalchemy import select

from shop.catalog.models import ProductImage
from shop.extensions import db
from shop.ledger.models import JournalEntry, Posting
from shop.orders.models import Order, OrderLine, OrderPart
from shop.payments import services as payments
from shop.payments.models import Payment
from tests.orders.test_pages import png_bytes, upload


def _state(app) -> tuple:
    """Every row that matters of orders, payments, books and photos, and the bytes of every stored file."""
    db.session.expire_all()
    rows = []
    for model in (Order, OrderPart, OrderLine, Payment, JournalEntry, Posting, ProductImage):
        for obj in db.session.scalars(select(model).order_by(model.id)):
            rows.append((model.__name__, tuple(sorted((k, str(v)) for k, v in vars(obj).items()
                                                      if not k.startswith("_")))))
    files = []
    for setting in ("UPLOAD_DIR", "SLIP_DIR"):
        folder = app.config[setting]
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, name), "rb") as fh:
                files.append((setting, name, hashlib.sha256(fh.read()).hexdigest()))
    return tuple(rows), tuple(files)


def test_backup_and_restore_round_trip(app, client, make_product, make_order, tmp_path):
    product = make_product(image=True, stock=10)
    paid = make_order([(product.variants[0], 2)])
    waiting = make_order([(product.variants[0], 1)])
    db.session.commit()
    payments.confirm_payment(paid.parts[0], None)  # a sale in the books
    db.session.commit()
    assert upload(client, waiting, waiting.parts[0], png_bytes()).status_code == 302
    before = _state(app)
    assert before[1] and any(name == "JournalEntry" for name, _row in before[0])

    archive = tmp_path / "cadangan.tar.gz"
    result = app.test_cli_runner().invoke(args=["shop", "backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and any(n.startswith("database.") for n in names)

    payments.cancel_part(db.session.get(OrderPart, waiting.parts[0].id), "hilang")  # life goes on…
    db.session.commit()
    for setting in ("UPLOAD_DIR", "SLIP_DIR"):
        for name in os.listdir(app.config[setting]):
            os.remove(os.path.join(app.config[setting], name))
    assert _state(app) != before

    result = app.test_cli_runner().invoke(args=["shop", "restore", "--yes", str(archive)])
    assert result.exit_code == 0, result.output
    assert _state(app) == before


def test_restore_refuses_an_archive_with_paths_outside(app, tmp_path):
    evil = tmp_path / "jahat.tar.gz"
    (tmp_path / "x").write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(tmp_path / "x", arcname="../../luar.txt")
    result = app.test_cli_runner().invoke(args=["shop", "restore", "--yes", str(evil)])
    assert result.exit_code != 0 and "unexpected entry" in result.output
    assert not (tmp_path.parent.parent / "luar.txt").exists()


@pytest.mark.parametrize("name", ["manifest.json"])
def test_restore_refuses_an_archive_from_another_database(app, tmp_path, name):
    import json

    other = "postgresql" if db.engine.dialect.name == "sqlite" else "sqlite"
    (tmp_path / name).write_text(json.dumps({"format": 1, "backend": other, "database": "database.x"}))
    archive = tmp_path / "lain.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tmp_path / name, arcname=name)
    result = app.test_cli_runner().invoke(args=["shop", "restore", "--yes", str(archive)])
    assert result.exit_code != 0 and other in result.output
