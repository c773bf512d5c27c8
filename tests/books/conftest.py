import pytest


@pytest.fixture(autouse=True)
def request_context(app):
    """Services build translated error messages, which need a request (as in a view or webhook)."""
    with app.test_request_context("/"):
        yield
