"""Security probe H1 (forged sessions with the default key) and M1 (sessions that could not be revoked)."""
from __future__ import annotations

import time

import pytest

from shop import create_app
from shop.accounts.models import User
from shop.config import DEFAULT_SECRET_KEY, WeakSecretKey, instance_secret_key
from shop.extensions import db
from tests.fixtures.accounts import PASSWORD


def _forge(app, data: dict) -> str:
    return app.session_interface.get_signing_serializer(app).dumps(data)


@pytest.mark.parametrize("setting", [{"SERVE": "production"}, {"BIND_HOST": "0.0.0.0"},
                                     {"PUBLIC_URL": "https://pasarkarya.id"}])
@pytest.mark.parametrize("key", [DEFAULT_SECRET_KEY, "pendek-sekali"])
def test_a_public_server_refuses_to_start_with_a_default_or_short_key(database_url, setting, key):
    with pytest.raises(WeakSecretKey, match="SHOP_SECRET_KEY"):
        create_app({"DATABASE_URL": database_url, "SECRET_KEY": key, **setting})


def test_a_public_server_starts_with_a_long_random_key(database_url):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "k" * 40, "SERVE": "production"})
    assert app.config["SECRET_KEY"] == "k" * 40


def test_the_local_demo_gets_a_random_key_made_once(tmp_path, database_url):
    first = instance_secret_key(tmp_path)
    assert len(first) == 64 and first != DEFAULT_SECRET_KEY
    assert instance_secret_key(tmp_path) == first  # kept: restarting `make run` keeps everyone signed in
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    app = create_app({"DATABASE_URL": database_url, "BIND_HOST": "127.0.0.1"})
    assert app.config["SECRET_KEY"] not in (DEFAULT_SECRET_KEY, "") and len(app.config["SECRET_KEY"]) >= 32


def test_a_validly_signed_session_without_password_fingerprint_is_refused(app, client, make_user):
    admin = make_user("admin")
    db.session.commit()
    client.set_cookie("session", _forge(app, {"_user_id": str(admin.id), "_fresh": True}))
    response = client.get("/admin/")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


@pytest.mark.parametrize("data", [{"_user_id": "1" + "0" * 30}, {"_user_id": ["1"]}, {"_user_id": 7},
                                  {"cart": {"21": 5}}, {"cart": {"21": {"q": "abc"}}}, {"cart": [1, 2]},
                                  {"cart": {"9" * 40: {"q": 1, "p": 1}}}])
def test_tampered_session_contents_never_break_a_page(app, client, data):
    client.set_cookie("session", _forge(app, data))
    for url in ("/", "/keranjang", "/kelola/"):
        assert client.get(url).status_code < 500, url


def _saved_cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(client, cookie: str, url: str = "/dasbor") -> int:
    client.set_cookie("session", cookie)
    return client.get(url).status_code


def test_a_cookie_saved_before_logout_no_longer_works(client, make_user, login):
    user = make_user("coordinator")
    login(user)
    saved = _saved_cookie(client)
    assert _replay(client, saved) == 200
    client.post_form("/keluar", {}, token_page="/dasbor")
    assert _replay(client, saved) == 302
    assert _replay(client, saved, "/kelola/pesanan/") == 302


def test_reactivating_an_account_does_not_revive_its_old_sessions(client, make_user, login):
    user = make_user("coordinator")
    login(user)
    saved = _saved_cookie(client)
    from shop.accounts.services import set_active

    set_active(db.session.get(User, user.id), False)
    db.session.commit()
    assert _replay(client, saved) == 302
    set_active(db.session.get(User, user.id), True)
    db.session.commit()
    assert _replay(client, saved) == 302
    login(user)  # a new login works
    assert client.get("/dasbor").status_code == 200


def test_a_new_password_ends_sessions_opened_before(client, make_user, login):
    user = make_user("admin")
    login(user)
    saved = _saved_cookie(client)
    db.session.get(User, user.id).set_password("kata-sandi-baru-2026")
    db.session.commit()
    assert _replay(client, saved) == 302


@pytest.mark.parametrize("key,age", [("auth_seen", 121 * 60), ("auth_at", 12 * 3600 + 1)])
def test_idle_and_old_sessions_end(client, make_user, login, key, age):
    user = make_user("admin")
    login(user)
    with client.session_transaction() as sess:
        sess[key] = int(time.time()) - age
        if key == "auth_at":
            sess["auth_seen"] = int(time.time())
    assert client.get("/dasbor").status_code == 302


def test_an_active_session_keeps_going(client, make_user, login):
    user = make_user("admin")
    login(user)
    with client.session_transaction() as sess:
        sess["auth_seen"] = int(time.time()) - 100 * 60
    assert client.get("/dasbor").status_code == 200
    with client.session_transaction() as sess:
        assert sess["auth_seen"] >= int(time.time()) - 5  # the idle clock was refreshed


def test_a_login_whose_save_fails_leaves_the_browser_signed_out(client, make_user, monkeypatch):
    """Security probe L7: the session used to be saved on the 500 response, so the browser was signed in."""
    user = make_user("admin")
    db.session.commit()
    client.get("/masuk")

    def broken_commit():
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    response = client.post_form("/masuk", {"email": user.email, "password": PASSWORD})
    assert response.status_code >= 500
    monkeypatch.undo()
    assert client.get("/dasbor").status_code == 302
