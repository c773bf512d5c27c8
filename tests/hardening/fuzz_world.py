"""What the fuzz tests need: a small shop (one group with its coordinator, products, photos, members, orders
with a slip, books entries, an admin), a signed-in client per role, the forms found on every page, and a
fingerprint of the whole database to prove a refused request changed nothing."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

from PIL import Image
from sqlalchemy import select

from shop.accounts.access import session_values
from shop.accounts.models import User
from shop.coop.services import record_contribution
from shop.extensions import db
from tests.conftest import ShopClient

# Which role walks which blueprint. Blueprints not listed (new ones: bazaar, tailoring, xendit...) are walked
# as every role in turn, so their forms are fuzzed by whoever may use them.
ROLE_BY_BLUEPRINT = {"workspace": "coordinator", "group_orders": "coordinator", "books": "coordinator",
                     "coop": "coordinator", "admin": "admin", "books_admin": "admin", "coop_admin": "admin",
                     "catalog": "anonymous", "groups": "anonymous",
                     "pages": "anonymous", "accounts": "anonymous", "cart": "anonymous", "orders": "anonymous",
                     "payments": "anonymous"}
ROLES = ("coordinator", "admin", "organiser", "cashier", "anonymous")
DOWNLOADS = (".pdf", ".xlsx", ".csv", ".beancount", "/bukti", "/slip-kemas")


def roles_for(blueprint: str) -> tuple[str, ...]:
    return (ROLE_BY_BLUEPRINT[blueprint],) if blueprint in ROLE_BY_BLUEPRINT else ROLES


def png(size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (120, 40, 20)).save(buf, "PNG")
    return buf.getvalue()


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> list of sample values (defaults, options)
    files: set = field(default_factory=set)


class _FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.page, self.forms, self._form, self._select = page, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = urlsplit(a.get("action") or self.page).path
            self._form = Form(action=action, method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and a.get("name") and tag in ("input", "textarea", "select"):
            if a.get("type") == "file":
                self._form.files.add(a["name"])
            self._form.fields.setdefault(a["name"], [])
            if a.get("value") is not None:
                self._form.fields[a["name"]].append(a["value"])
            self._select = a["name"] if tag == "select" else None
        elif tag == "option" and self._form is not None and self._select and a.get("value") is not None:
            self._form.fields[self._select].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(page: str, html: str) -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def fingerprint() -> dict[str, str]:
    """A digest of every row, per table: equal before and after means the request changed nothing (and a
    difference names the tables it touched). Requests share the test's app context and so its session: what a
    request flushed but never committed is rolled back first, as the end of a real request would."""
    db.session.rollback()
    digests = {}
    for table in db.metadata.sorted_tables:
        digest = hashlib.sha256()
        for row in db.session.execute(table.select().order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
        digests[table.name] = digest.hexdigest()[:16]
    db.session.rollback()
    return digests


def changed(before: dict, after: dict) -> list[str]:
    return sorted(name for name in after if after[name] != before.get(name))


def build_world(app, make_group, make_member, make_product, make_order, make_user):
    """The shop the fuzz runs against; returns (ids for URL variables, words for string variables, users)."""
    from shop.payments import services as payments

    group = make_group(name="Kelompok Fuzz")
    maker = make_member(group, name="Pembatik Fuzz")
    product = make_product(group=group, title="Batik Fuzz", sizes=("S", "M"), image=True, makers=[maker],
                           stock=50)
    draft = make_product(group=group, title="Draf Fuzz", status="draft")
    users = {role: make_user(role, group=group if role == "coordinator" else None)
             for role in ("coordinator", "admin", "organiser", "cashier")}
    transfer = make_order([(product.variants[0], 1)])
    cod = make_order([(product.variants[1], 1)], method="cash_on_delivery", shipping="courier")
    paid = make_order([(product.variants[0], 2)])
    db.session.commit()
    payments.confirm_payment(paid.parts[0], users["coordinator"].id)
    simpanan = record_contribution(group.id, maker.id, "wajib", 25_000, date(2026, 1, 5))
    db.session.commit()
    app.test_client_class = ShopClient
    client = app.test_client()
    token = client.csrf_token(f"/pesanan/{transfer.token}")
    client.post(f"/pesanan/{transfer.token}/bukti/{transfer.parts[0].id}",
                data={"csrf_token": token, "slip": (io.BytesIO(png()), "bukti.png")},
                content_type="multipart/form-data")
    orders = (transfer, cod, paid)
    ids = {"group": [group.id], "member": [maker.id], "product": [product.id, draft.id],
           "variant": [v.id for v in product.variants], "image": [i.id for i in product.images],
           "user": [users["organiser"].id], "region": [group.region_id],
           "part": [o.parts[0].id for o in orders], "payment": [p.id for o in orders for p in o.payments],
           "order": [o.id for o in orders], "contribution": [simpanan.id]}
    words = [product.slug, group.slug, transfer.token, "active", "x"]
    return ids, words, users, transfer


def clients(app, users) -> dict[str, ShopClient]:
    app.test_client_class = ShopClient
    return {role: app.test_client() for role in ROLES}


def sign_in(client: ShopClient, user: User | None) -> None:
    """(Re)sign a client in the way a login does; the account is made active again if the fuzz disabled it."""
    from flask import g

    g.pop("_login_user", None)
    if user is None:
        return
    user = db.session.get(User, user.id)
    if not user.active:
        user.active = True
        db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        session.update({"_user_id": str(user.id), "_fresh": True, **session_values(user)})


def user_of(users, role):
    return users.get(role)


def emails(users) -> list[str]:
    return list(db.session.scalars(select(User.email).where(User.id.in_([u.id for u in users.values()]))))
