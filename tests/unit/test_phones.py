"""One phone rule (shop.phones): valid Indonesian numbers stored as +62…, WhatsApp links to wa.me/62…; and the data
migration that rewrote the numbers typed before the rule."""
import importlib.util
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from shop.phones import normalise, stored_form, whatsapp_link

MIGRATION = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "structure_shared_e164_phones.py"


@pytest.mark.parametrize("text, mobile, expected", [
    ("0812-3456-7890", True, "+6281234567890"), ("+62 812 3456 7890", True, "+6281234567890"),
    ("6281234567890", True, "+6281234567890"), ("(022) 1234567", False, "+62221234567"),
    ("022 1234567", True, None), ("+1 415 555 0100", True, None), ("+1 415 555 0100", False, None),
    ("0812", True, None), ("08123456789012345", True, None), ("nomor saya", False, None),
    ("00812345678", True, None), ("", False, None),
])
def test_normalise(text, mobile, expected):
    assert normalise(text, mobile=mobile) == expected


@pytest.mark.parametrize("number, link", [
    ("0813 1234 5678", "https://wa.me/6281312345678"), ("+6281312345678", "https://wa.me/6281312345678"),
    ("62 813-1234-5678", "https://wa.me/6281312345678"), ("", ""), (None, ""), ("hubungi kami", ""),
])
def test_whatsapp_link_always_has_the_country_code(number, link):
    assert whatsapp_link(number) == link


def test_whatsapp_link_carries_the_message():
    assert whatsapp_link("0813 1234 5678", "Halo, pesanan A1") == "https://wa.me/6281312345678?text=Halo%2C%20pesanan%20A1"


def test_stored_form_keeps_what_it_cannot_read():
    assert stored_form(" 0813 1234 5678 ") == "+6281312345678"
    assert stored_form("kantor desa") == "kantor desa"


def test_migration_rewrites_old_spellings_and_keeps_the_rest():
    spec = importlib.util.spec_from_file_location("e164_phones", MIGRATION)
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    engine = sa.create_engine("sqlite://")
    meta = sa.MetaData()
    groups = sa.Table("maker_group", meta, sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("phone", sa.String(30)), sa.Column("whatsapp", sa.String(30)))
    orders = sa.Table("shop_order", meta, sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("buyer_phone", sa.String(30)))
    with engine.begin() as conn:
        meta.create_all(conn)
        conn.execute(groups.insert(), [{"id": 1, "phone": "022 1234 567", "whatsapp": "0813 1234 5678"},
                                       {"id": 2, "phone": "", "whatsapp": "+6281299990000"},
                                       {"id": 3, "phone": "kantor desa", "whatsapp": "62 812-1111-2222"}])
        conn.execute(orders.insert(), [{"id": 1, "buyer_phone": "081234567890"}])
        with Operations.context(MigrationContext.configure(conn)):
            revision.upgrade()
        assert conn.execute(sa.select(groups).order_by(groups.c.id)).all() == [
            (1, "+62221234567", "+6281312345678"), (2, "", "+6281299990000"), (3, "kantor desa", "+6281211112222")]
        assert conn.execute(sa.select(orders.c.buyer_phone)).scalar() == "+6281234567890"
