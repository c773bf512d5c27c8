"""The browser infrastructure works: the live server answers, Chromium renders, axe-core runs."""
from __future__ import annotations


def test_home_page_loads_and_is_accessible(live_server, page, assert_accessible):
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_assert_accessible_reports_violations(live_server, page, assert_accessible):
    """The checker is not a no-op: an unlabelled input and an image without alt text are reported."""
    page.goto(live_server.url + "/")
    page.evaluate("""() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<input type="text" id="x-unlabelled"><img src="/x.png">');
    }""")
    try:
        assert_accessible(page)
    except AssertionError as err:
        message = str(err)
    else:
        raise AssertionError("assert_accessible accepted a page with known violations")
    assert "label" in message and "image-alt" in message and "#x-unlabelled" in message


def test_live_server_keeps_csrf_on_and_knows_its_public_url(live_server, page):
    assert live_server.app.config["PUBLIC_URL"] == live_server.url
    response = page.request.post(live_server.url + "/masuk", form={"email": "a@b.id", "password": "x"})
    assert response.status == 400  # no CSRF token: refused, as in production
