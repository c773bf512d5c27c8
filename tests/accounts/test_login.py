"""Login: fresh session, wrong credentials, deactivated accounts, rate limits with a clear message."""
import sqlalchemy as sa

from shop.accounts.models import User
from shop.extensions import db
from tests.fixtures.accounts import PASSWORD


def test_login_renews_session_and_lands_on_dashboard(client, make_user):
    user = make_user("admin")
    db.session.commit()
    client.get("/masuk")
    with client.session_transaction() as sess:
        sess["planted"] = "by-attacker"
    response = client.post_form("/masuk", {"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/dasbor")
    with client.session_transaction() as sess:
        assert "planted" not in sess  # session.clear() before login_user: no fixation
        assert sess["_user_id"] == str(user.id)
    assert db.session.get(User, user.id).last_login_at is not None


def test_login_follows_only_local_next(client, make_user):
    user = make_user("admin")
    db.session.commit()
    response = client.post_form("/masuk?next=/admin/kelompok", {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/admin/kelompok")
    client.post_form("/keluar", {}, token_page="/dasbor")
    response = client.post_form("/masuk?next=https://evil.example/", {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/dasbor")


def test_wrong_password_and_unknown_email_get_the_same_message(client, make_user):
    user = make_user("coordinator")
    db.session.commit()
    for email, password in ((user.email, "salah-sekali-123"), ("tidak.ada@uji.id", PASSWORD)):
        response = client.post_form("/masuk", {"email": email, "password": password})
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "E-mail atau kata sandi salah." in html and 'aria-invalid="true"' in html
    with client.session_transaction() as sess:
        assert "_user_id" not in sess


def test_bad_login_input_is_shown_next_to_fields(client):
    html = client.post_form("/masuk", {"email": "bukan-email", "password": ""}).get_data(as_text=True)
    assert "Alamat e-mail tidak valid." in html and "Isi kata sandi." in html
    assert 'id="email-error"' in html and 'id="password-error"' in html


def test_deactivated_user_cannot_log_in(client, make_user):
    user = make_user("organiser", active=False)
    db.session.commit()
    html = client.post_form("/masuk", {"email": user.email, "password": PASSWORD}).get_data(as_text=True)
    assert "E-mail atau kata sandi salah." in html


def test_invited_user_without_password_cannot_log_in(client, make_user):
    user = make_user("cashier", password=False)
    db.session.commit()
    html = client.post_form("/masuk", {"email": user.email, "password": ""}).get_data(as_text=True)
    assert "Isi kata sandi." in html


def test_existing_session_stops_when_account_is_deactivated(client, make_user, login):
    user = make_user("coordinator")
    login(user)
    assert client.get("/dasbor").status_code == 200
    db.session.get(User, user.id).active = False
    db.session.commit()
    response = client.get("/dasbor")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_eleventh_rapid_attempt_from_one_address_is_refused_with_a_clear_message(client):
    token = client.csrf_token()
    for n in range(10):
        response = client.post("/masuk", data={"csrf_token": token, "email": f"orang{n}@uji.id",
                                               "password": "salah-salah-1"})
        assert response.status_code == 200, n
    response = client.post("/masuk", data={"csrf_token": token, "email": "orang11@uji.id",
                                           "password": "salah-salah-1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in html and "tunggu beberapa menit" in html
    assert html.count("<h1") == 1 and 'name="email"' in html  # the login page, not a bare error page
    assert response.headers.get("Retry-After")


def test_guessing_one_account_slows_the_guesser_but_never_locks_the_owner_out(client, make_user, app):
    """Security probe M4: 20 wrong passwords used to lock the owner out for 15 minutes (429 on the right password).
    Now a few attempts are free, then the account can be tried once per 30 s, and the owner is mailed a link
    with which their own browser logs in at once."""
    from shop.mail.models import OutboxMessage

    user = make_user("admin")
    db.session.commit()
    token = client.csrf_token()
    for n in range(6):  # five free wrong passwords, and one more after the first wait
        response = client.post("/masuk", data={"csrf_token": token, "email": user.email, "password": "tebak-tebak"},
                               environ_base={"REMOTE_ADDR": f"10.0.{n}.1"})
        assert response.status_code == 200 and "E-mail atau kata sandi salah" in response.get_data(as_text=True), n
    response = client.post("/masuk", data={"csrf_token": token, "email": user.email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 200 and "Tunggu 30 detik" in response.get_data(as_text=True)
    assert client.get("/dasbor").status_code == 302  # not signed in
    mails = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.to == user.email)).all()
    assert len(mails) == 1 and "/buka-kunci/" in mails[0].body
    link = mails[0].body.split(app.config["PUBLIC_URL"])[1].split()[0]
    page = client.get(link)
    assert page.status_code == 200 and "Buka akun" in page.get_data(as_text=True)
    assert client.post_form(link, {}).status_code == 302
    response = client.post_form("/masuk", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302 and client.get("/dasbor").status_code == 200
    assert client.post_form(link, {}, token_page="/dasbor").status_code == 404  # single use


def test_unknown_and_known_accounts_are_slowed_and_hashed_alike(client, make_user, monkeypatch):
    """Security probe L4: an unknown address skipped scrypt (8 ms against 130 ms) and was never throttled."""
    from shop.accounts import models, services

    user = make_user("admin")
    db.session.commit()
    checks = []
    real = services.check_password_hash
    for module in (models, services):
        monkeypatch.setattr(module, "check_password_hash", lambda h, p: checks.append(h) or real(h, p))
    token = client.csrf_token()
    answers = {}
    for email in (user.email, "tidak-ada@uji.pasarkarya.id"):
        pages = [client.post("/masuk", data={"csrf_token": token, "email": email, "password": "tebak-tebak"},
                             environ_base={"REMOTE_ADDR": f"10.1.{n}.1"}).get_data(as_text=True)
                 for n in range(7)]
        answers[email] = ["Tunggu 30 detik" in page for page in pages]
    assert answers[user.email] == answers["tidak-ada@uji.pasarkarya.id"] == [False] * 6 + [True]
    assert len(checks) == 14  # every attempt ran one scrypt check, for the unknown account as for the known one


def test_rate_limits_do_not_leak_between_apps(make_app):
    """Tests build an app per test while the Limiter is one module-level object: each app starts afresh."""
    from tests.conftest import ShopClient

    for _ in range(2):
        application = make_app()
        application.test_client_class = ShopClient
        client = application.test_client()
        with application.app_context():
            token = client.csrf_token()
            statuses = [client.post("/masuk", data={"csrf_token": token, "email": "a@uji.id",
                                                    "password": "salah-salah-1"}).status_code for _ in range(11)]
        assert statuses == [200] * 10 + [429]


def test_logout_requires_post_and_ends_session(client, make_user, login):
    user = make_user("cashier")
    login(user)
    assert client.get("/keluar").status_code == 405
    response = client.post_form("/keluar", {}, token_page="/dasbor")
    assert response.status_code == 302
    assert client.get("/dasbor").status_code == 302


def test_an_app_without_limits_does_not_switch_them_off_for_the_next_app(make_app):
    from tests.conftest import ShopClient

    make_app({"RATELIMIT_ENABLED": False})
    application = make_app()
    application.test_client_class = ShopClient
    client = application.test_client()
    with application.app_context():
        token = client.csrf_token()
        statuses = [client.post("/masuk", data={"csrf_token": token, "email": "a@uji.id",
                                                "password": "salah-salah-1"}).status_code for _ in range(11)]
    assert statuses[-1] == 429


def test_an_app_without_limits_still_signs_in(make_app, make_user, monkeypatch):
    """A successful login clears the account's failure count; without limits (the bench's server, the first app
    of its process, so the limiter never got a storage) there is none to clear: no 500."""
    from shop.extensions import limiter
    from tests.conftest import ShopClient

    user = make_user("cashier")
    db.session.commit()
    application = make_app({"RATELIMIT_ENABLED": False})
    monkeypatch.setattr(limiter, "_limiter", None)  # as if no app of this process had limits
    application.test_client_class = ShopClient
    client = application.test_client()
    with application.app_context():
        response = client.post_form("/masuk", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
