"""`flask shop create-user` and the dashboard's links per role."""
import pytest
from sqlalchemy import select

from shop.accounts.models import User
from shop.cli import shop_cli
from shop.extensions import db


def _run(app, *args, input=None):
    return app.test_cli_runner().invoke(shop_cli, ["create-user", *args], input=input)


def test_create_admin_with_password_option(app):
    result = _run(app, "Kepala@Dinsos.id", "--role", "admin", "--password", "sandi-yang-panjang")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.role, user.group_id) == ("kepala@dinsos.id", "admin", None)
    assert user.check_password("sandi-yang-panjang")


def test_create_coordinator_prompts_for_password_twice(app, make_group):
    group = make_group(slug="batik-mekar")
    db.session.commit()
    result = _run(app, "koor@contoh.id", "--role", "coordinator", "--group", "batik-mekar",
                  input="sandi-yang-panjang\nsandi-yang-panjang\n")
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output and "sandi-yang-panjang" not in result.output
    user = db.session.scalar(select(User))
    assert user.group_id == group.id and user.check_password("sandi-yang-panjang")


@pytest.mark.parametrize("args, message", [
    (["x@contoh.id", "--role", "raja", "--password", "sandi-yang-panjang"], "Invalid value for '--role'"),
    (["x@contoh.id", "--role", "coordinator", "--password", "sandi-yang-panjang"], "needs --group"),
    (["x@contoh.id", "--role", "coordinator", "--group", "tidak-ada", "--password", "sandi-yang-panjang"],
     "No group with slug 'tidak-ada'"),
    (["x@contoh.id", "--role", "cashier", "--group", "ada", "--password", "sandi-yang-panjang"],
     "only for coordinators"),
    (["ada@contoh.id", "--role", "cashier", "--password", "sandi-yang-panjang"], "sudah terdaftar"),
    (["bukan-email", "--role", "cashier", "--password", "sandi-yang-panjang"], "tidak valid"),
    (["x@contoh.id", "--role", "cashier", "--password", "pendek"], "minimal 10 karakter"),
])
def test_create_user_errors(app, make_group, make_user, args, message):
    make_group(slug="ada")
    make_user("cashier", email="ada@contoh.id")
    db.session.commit()
    result = _run(app, *args)
    assert result.exit_code != 0 and message in result.output, result.output
    assert db.session.scalar(select(User).where(User.email == "x@contoh.id")) is None


def test_mismatched_prompt_asks_again(app):
    result = _run(app, "x@contoh.id", "--role", "cashier",
                  input="sandi-yang-panjang\nsandi-lain-sekali\nsandi-yang-panjang\nsandi-yang-panjang\n")
    assert result.exit_code == 0 and "do not match" in result.output


@pytest.mark.parametrize("role, expected, absent", [
    ("admin", ["/admin/kelompok", "/admin/pengguna"], []),
    ("coordinator", ["Kelompok Anda", 'href="/kelola"'], ["/admin/"]),
    ("organiser", ["Panitia bazar"], ["/admin/"]),
    ("cashier", ["Kasir bazar"], ["/admin/"]),
])
def test_dashboard_shows_each_role_its_links(client, make_user, login, role, expected, absent):
    login(make_user(role))
    html = client.get("/dasbor").get_data(as_text=True)
    assert html.count("<h1") == 1
    for text in expected:
        assert text in html
    for text in absent:
        assert text not in html

