"""Login: fresh session, wrong credentials, deactivated accounts, rate limits with a clear message."""
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


def test_one_account_is_limited_across_addresses(client, make_user):
    user = make_user("admin")
    db.session.commit()
    token = client.csrf_token()
    for n in range(20):
        response = client.post("/masuk", data={"csrf_token": token, "email": user.email, "password": "tebak-tebak"},
                               environ_base={"REMOTE_ADDR": f"10.0.{n}.1"})
        assert response.status_code == 200, n
    response = client.post("/masuk", data={"csrf_token": token, "email": user.email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 429  # even the right password waits: guessing one account is throttled
    response = client.post("/masuk", data={"csrf_token": token, "email": "lain@uji.id", "password": "x"},
                           environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 200


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
