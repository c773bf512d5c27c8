"""Invitation and password-reset links: single use, 7 days, only a hash stored, no account enumeration."""
import os
import re
from datetime import timedelta

import pytest
from flask import g
from sqlalchemy import func, select

from shop.accounts import services
from shop.accounts.models import AccountToken, User
from shop.extensions import db
from shop.mail.models import OutboxMessage
from tests.fixtures.accounts import PASSWORD

LINK_RE = re.compile(r"http://shop\.test(/\S+)")
NEW_PASSWORD = "batik-tulis-indah-2026"


@pytest.fixture
def app(make_app):
    application = make_app({"PUBLIC_URL": "http://shop.test"})
    with application.app_context():
        yield application


def _last_link(to: str) -> str:
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to == to)
                                .order_by(OutboxMessage.id.desc()))
    assert message is not None, f"no mail to {to}"
    return LINK_RE.search(message.body).group(1)


def _mail_count() -> int:
    return db.session.scalar(select(func.count(OutboxMessage.id)))


def test_invitation_lets_the_person_choose_a_password_once(app, client, make_user, make_group, login):
    group = make_group(name="Batik Mekar")
    login(make_user("admin"))
    response = client.post_form("/admin/pengguna/undang", {"email": "Sari@Contoh.id", "name": "Sari",
                                                           "role": "coordinator", "group_id": group.id})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "sari@contoh.id"))
    assert user.role == "coordinator" and user.group_id == group.id and user.password_hash is None
    link = _last_link("sari@contoh.id")
    assert link.startswith("/undangan/")
    raw = link.rsplit("/", 1)[1]
    token = db.session.scalar(select(AccountToken).where(AccountToken.user_id == user.id))
    assert raw not in token.token_hash and len(token.token_hash) == 64  # only the hash is stored
    assert timedelta(days=6, hours=23) < token.expires_at - token.created_at <= timedelta(days=7)
    assert any(name.endswith(".eml") for name in os.listdir(app.config["MAIL_DIR"]))  # delivered after commit

    client.post_form("/keluar", {}, token_page="/dasbor")
    page = client.get(link).get_data(as_text=True)
    assert "Pilih kata sandi" in page and "sari@contoh.id" in page
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to == "sari@contoh.id"))
    assert "Koordinator kelompok untuk Batik Mekar" in message.body and "Koordinator kelompok" in message.subject
    response = client.post_form(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    # accepting signs the new coordinator in: straight to the dashboard, no second login
    assert response.status_code == 302 and response.headers["Location"].endswith("/dasbor")
    assert "Batik Mekar" in client.get("/dasbor").get_data(as_text=True)
    client.post_form("/keluar", {}, token_page="/dasbor")
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)
    assert db.session.get(AccountToken, token.id).used_at is not None

    again = client.get(link)  # single use
    assert again.status_code == 404 and "Tautan tidak berlaku" in again.get_data(as_text=True)
    response = client.post_form("/masuk", {"email": "sari@contoh.id", "password": NEW_PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("password, confirm, message", [
    ("pendek", "pendek", "Kata sandi 10 sampai 200 karakter."),
    (NEW_PASSWORD, NEW_PASSWORD + "x", "Kedua kata sandi tidak sama."),
    ("", "", "Isi kata sandi."),
    (NEW_PASSWORD, "", "Ulangi kata sandi."),
])
def test_bad_new_password_changes_nothing(client, make_user, password, confirm, message):
    user = make_user("organiser", password=False)
    raw = services.issue_token(user, "invite")
    db.session.commit()
    response = client.post_form(f"/undangan/{raw}", {"password": password, "confirm": confirm})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html and 'aria-invalid="true"' in html
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash is None
    assert db.session.scalar(select(AccountToken.used_at)) is None


def test_expired_forged_and_wrong_purpose_links_are_refused(client, make_user):
    user = make_user("cashier", password=False)
    raw = services.issue_token(user, "invite")
    db.session.commit()
    for url in (f"/undangan/{raw}x", f"/atur-ulang-sandi/{raw}", "/undangan/" + "A" * 43):
        response = client.get(url)
        assert response.status_code == 404 and "Tautan tidak berlaku" in response.get_data(as_text=True)
    token = db.session.scalar(select(AccountToken))
    token.expires_at = token.created_at - timedelta(seconds=1)
    db.session.commit()
    response = client.post_form(f"/undangan/{raw}", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                                token_page="/masuk")
    assert response.status_code == 404 and "kedaluwarsa" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash is None


def test_reset_says_the_same_whether_or_not_the_address_exists(client, make_user):
    user = make_user("coordinator")
    db.session.commit()
    answers = []
    for email in ("tidak.ada@contoh.id", user.email):
        response = client.post_form("/lupa-sandi", {"email": email}, follow_redirects=True)
        answers.append(response.get_data(as_text=True).count("Jika alamat itu terdaftar"))
    assert answers == [1, 1]
    assert _mail_count() == 1  # only the real account got a message
    assert "/atur-ulang-sandi/" in _last_link(user.email)


def test_reset_link_sets_a_new_password_and_the_old_one_stops_working(client, make_user):
    user = make_user("admin")
    db.session.commit()
    client.post_form("/lupa-sandi", {"email": user.email})
    first = _last_link(user.email)
    client.post_form("/lupa-sandi", {"email": user.email})
    second = _last_link(user.email)
    assert client.get(first).status_code == 404  # a newer link replaces the older one
    response = client.post_form(second, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    html = client.post_form("/masuk", {"email": user.email, "password": PASSWORD}).get_data(as_text=True)
    assert "E-mail atau kata sandi salah." in html
    assert client.post_form("/masuk", {"email": user.email, "password": NEW_PASSWORD}).status_code == 302


def test_deactivated_account_gets_no_reset_and_its_links_stop(client, make_user):
    user = make_user("organiser")
    raw = services.issue_token(user, "reset")
    user.active = False
    db.session.commit()
    client.post_form("/lupa-sandi", {"email": user.email})
    assert _mail_count() == 0
    assert client.get(f"/atur-ulang-sandi/{raw}").status_code == 404


def test_bad_reset_request_input(client):
    html = client.post_form("/lupa-sandi", {"email": "bukan email"}).get_data(as_text=True)
    assert "Alamat e-mail tidak valid." in html and _mail_count() == 0


def test_reset_requests_are_rate_limited_with_a_clear_message(client):
    token = client.csrf_token("/lupa-sandi")
    statuses = [client.post("/lupa-sandi", data={"csrf_token": token, "email": "x@contoh.id"}).status_code
                for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    html = client.post("/lupa-sandi", data={"csrf_token": token, "email": "x@contoh.id"}).get_data(as_text=True)
    assert "Terlalu banyak percobaan" in html and 'name="email"' in html


def test_a_password_reset_ends_sessions_opened_with_the_old_password(client, make_user, login):
    user = make_user("coordinator")
    login(user)
    assert client.get("/dasbor").status_code == 200
    raw = services.issue_token(user, "reset")
    services.set_password_with_token(raw, "reset", NEW_PASSWORD)  # the owner, on another device
    db.session.commit()
    g.pop("_login_user", None)  # the `app` fixture shares one app context (and `g`) between requests
    response = client.get("/dasbor")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]
    login(db.session.get(User, user.id), password=NEW_PASSWORD)
    assert client.get("/dasbor").status_code == 200
