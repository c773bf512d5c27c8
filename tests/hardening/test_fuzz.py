"""Hostile input on every route of app.url_map (so routes added later are covered), as the role that uses it:
huge and negative numbers, huge strings, control characters, CR/LF, scripts, wrong types, missing and repeated
fields, ids past 2**63. Never a 5xx; a refused request says what is wrong and changes nothing in the database.
Bounded: a few Hypothesis examples per route (FUZZ_EXAMPLES), no shrinking database, no deadline."""
from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fixtures.routes import blueprint_of, fill, methods_of
from tests.hardening.fuzz_world import (
    DOWNLOADS,
    Form,
    build_world,
    changed,
    clients,
    fingerprint,
    forms_on,
    roles_for,
    sign_in,
)

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))  # per route; raise it locally for a longer hunt
SKIP = {"static", "pages.media", "accounts.logout",  # logout ends the session on purpose (tests/accounts)
        "payments.stripe_webhook", "payments.xendit_webhook",  # JSON: test_webhooks_refuse_hostile_bodies
        "pages.health"}  # 503 without migrations, on purpose (test_double_actions_and_faults)
HOSTILE = ["", " ", "0", "-1", "-99999999999999", str(2**31), str(2**63), str(2**64 + 1), "9" * 400, "1e309",
           "NaN", "1.000,50", "150.000,00", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
           "{{7*7}}", "' OR 1=1 --", "a\r\nBcc: korban@contoh.id", "\r\n\r\n", "\x1b[31m\x07\x08", "\u202e\ufeff",
           "../../etc/passwd", "javascript:alert(1)", "0001-01-01", "9999-12-31", "2026-02-30", "x" * 100_000,
           "١٠٠٠", "true", "null", "[]", "{}"]
hostile = st.one_of(st.sampled_from(HOSTILE), st.integers(-2**70, 2**70).map(str),
                    st.text(st.characters(exclude_characters="\x00"), max_size=200))
SETTINGS = settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large, HealthCheck.filter_too_much])
ERROR_MARKERS = ('class="error', 'role="alert"', "flash error", "<h1>")


@pytest.fixture
def world(app, make_group, make_member, make_product, make_order, make_user):
    ids, words, users, order = build_world(app, make_group, make_member, make_product, make_order, make_user)
    return {"ids": ids, "words": words, "users": users, "order": order, "clients": clients(app, users)}


def _routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.endpoint not in SKIP:
            for role in roles_for(blueprint_of(rule)):
                yield rule, role


def _client(world, role):
    client = world["clients"][role]
    sign_in(client, world["users"].get(role))
    return client


def _crawl(app, world) -> dict[str, Form]:
    """Every form on every page the roles can open, by the path it posts to."""
    found: dict[str, Form] = {}
    for rule, role in _routes(app):
        if "GET" not in methods_of(rule) or rule.rule.endswith(DOWNLOADS):
            continue
        client = _client(world, role)
        for url in fill(rule, world["ids"], world["words"], limit=2):
            response = client.get(url)
            assert response.status_code < 500, (url, role)
            if response.mimetype == "text/html":
                for form in forms_on(url, response.get_data(as_text=True)):
                    known = found.setdefault(form.action, Form(form.action, form.method))
                    for name, values in form.fields.items():
                        known.fields.setdefault(name, []).extend(values)
                    known.files |= form.files
    return found


def _flashed_errors(client) -> list[str]:
    with client.session_transaction() as session:
        return [str(m) for category, m in session.get("_flashes", []) if category == "error"]


def _check(client, method, url, before, send):
    response = send()
    body = response.get_data().decode("utf-8", "replace")
    assert response.status_code < 500, (method, url, response.status_code, body[:3000])
    errors = _flashed_errors(client)
    refused = response.status_code >= 400 or (method == "POST" and response.status_code == 200) or errors
    if refused and method == "POST":
        said = response.get_json(silent=True) if response.is_json else None  # a JSON route names the problem too
        assert errors or any(marker in body for marker in ERROR_MARKERS) or (
            isinstance(said, dict) and said.get("message")), (url, "refused without a message")
        assert not changed(before, fingerprint()), (url, "a refused request changed", changed(before, fingerprint()))
    with client.session_transaction() as session:
        session.pop("_flashes", None)
    return response


def _form_values(form: Form | None):
    """Field values: hostile, or one the page offered (to get past the first check), some fields missing,
    some repeated, and an unexpected extra one."""
    names = sorted(form.fields) if form else []

    def one(name):
        offered = [v for v in form.fields[name] if v] if form else []
        choice = st.one_of(hostile, st.sampled_from(offered)) if offered else hostile
        return st.one_of(choice, st.lists(choice, min_size=2, max_size=3))  # a repeated field

    fields = st.fixed_dictionaries({}, optional={name: one(name) for name in names if name != "csrf_token"})
    extra = st.dictionaries(st.sampled_from(["id", "group_id", "user_id", "price", "total", "role", "_method"]),
                            hostile, max_size=2)
    return st.tuples(fields, extra)


def _fuzz_post(world, url: str, role: str, form: Form | None) -> None:
    client = _client(world, role)

    @SETTINGS
    @given(values=_form_values(form))
    def post(values):
        sign_in(client, world["users"].get(role))
        fields, extra = values
        data = {**extra, **fields, "csrf_token": client.csrf_token("/masuk" if role == "anonymous" else "/dasbor")}
        for name in (form.files if form else ()):
            data[name] = (io.BytesIO(b"\xff\xd8\xff" + os.urandom(64)), "rusak.jpg")
        before = fingerprint()
        _check(client, "POST", url, before, lambda: client.post(url, data=data))

    post()


def test_hostile_form_values_on_every_post_route(app, world):
    forms = _crawl(app, world)
    walked = 0
    for rule, role in _routes(app):
        if "POST" not in methods_of(rule):
            continue
        for url in fill(rule, world["ids"], world["words"], limit=1):
            _fuzz_post(world, url, role, forms.get(url))
            walked += 1
    assert walked > 40  # the walk reached the forms (a broken fixture would quietly walk nothing)


def test_wrong_types_json_instead_of_a_form(app, world):
    for rule, role in _routes(app):
        if "POST" in methods_of(rule):
            client = _client(world, role)
            for url in fill(rule, world["ids"], world["words"], limit=1):
                before = fingerprint()
                _check(client, "POST", url, before, lambda c=client, u=url: c.post(u, json={"quantity": [1], "price": {}}))


@pytest.mark.parametrize("value", [2**31, 2**63, 2**64 + 7, 10**30])
def test_ids_past_the_database_integer_in_every_int_url(app, world, value):
    for rule, role in _routes(app):
        ints = [n for n, c in rule._converters.items() if type(c).__name__.endswith("IntConverter")
                or "Integer" in type(c).__name__]
        if not ints:
            continue
        client = _client(world, role)
        for url in fill(rule, {k: [value] for k in world["ids"]}, world["words"], limit=1):
            for method in methods_of(rule):
                token = client.csrf_token("/masuk" if role == "anonymous" else "/dasbor")
                data = None if method == "GET" else {"csrf_token": token}
                response = client.open(url, method=method, data=data)
                assert response.status_code == 404, (method, url, role, response.status_code)


QUERY_NAMES = ["page", "q", "dari", "sampai", "tahun", "bulan", "status", "laporan", "next", "akun", "jenis",
               "urut", "kerajinan", "harga_min", "price_min", "price_max", "anggota", "_external", "_method"]


QUERY_SETTINGS = settings(SETTINGS, max_examples=max(2, FUZZ_EXAMPLES // 2))


def _fuzz_query(client, url: str, names: list[str]) -> None:
    @QUERY_SETTINGS
    @given(query=st.dictionaries(st.sampled_from(names), hostile, max_size=4))
    def get(query):
        response = client.get(url, query_string=query)
        assert response.status_code < 500, (url, query, response.status_code)

    get()


def test_hostile_query_strings_on_every_page(app, world):
    forms = _crawl(app, world)
    names = sorted({n for f in forms.values() if f.method == "get" for n in f.fields} | set(QUERY_NAMES))
    for rule, role in _routes(app):
        if "GET" not in methods_of(rule) or rule.rule.endswith((".pdf",)):
            continue
        client = _client(world, role)
        for url in fill(rule, world["ids"], world["words"], limit=1):
            _fuzz_query(client, url, names)


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b'{"id": 1e309}', b"\xff\xfe", b'{"data": {"object": []}}',
                                  b"x" * 200_000])
@pytest.mark.parametrize("url", ["/webhooks/stripe", "/webhooks/xendit"])
def test_webhooks_refuse_hostile_bodies(client, body, url):
    response = client.post(url, data=body, content_type="application/json",
                           headers={"Stripe-Signature": "t=1,v1=00", "X-CALLBACK-TOKEN": "salah"})
    assert response.status_code in (400, 401)
