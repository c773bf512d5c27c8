"""Versions that cached fragments name in their keys.

Before each flush: a product whose row, variants, photos or makers changed gets a new `updated_at`; so does a
group whose row or members changed. A cached card keyed on those values is then simply never asked for again (the old entry
ages out), and only the cards of what changed are rendered anew. Stock taken by an order is a conditional UPDATE
that bypasses the ORM: cards read "can be ordered now" from SQL for their key instead (shop.catalog.cards).
Any such change also adds a CatalogChange row: the version of cached lists (shop.catalog.listing) and of whole
pages kept for anonymous visitors (shop.page_cache). Other packages name what of theirs public pages show
(`also_shown`: the bazaars' events, their groups and the items they hold)."""
from __future__ import annotations

from sqlalchemy import event

from shop.catalog.models import CatalogChange, Product, ProductImage, Variant
from shop.groups.models import Group, Member
from shop.models_base import utcnow

_ALSO_SHOWN: dict[type, bool] = {}  # class -> whether a change to a row (not only a new or removed one) counts


def also_shown(cls: type, updates: bool = True) -> None:
    """Changes to `cls` rows change public pages too: they give the catalogue a new version. With
    `updates=False` only rows added or removed do (e.g. a bazaar item whose sold count the till raises)."""
    _ALSO_SHOWN[cls] = updates


def _touch(session, flush_context, instances) -> None:
    now = utcnow()
    changed = False
    with session.no_autoflush:
        for obj in list(session.new) + list(session.dirty) + list(session.deleted):
            if isinstance(obj, (Variant, ProductImage)):
                if obj in session.dirty and not session.is_modified(obj):
                    continue
                product = obj.product or (session.get(Product, obj.product_id) if obj.product_id else None)
                if product is not None and product not in session.deleted:
                    product.updated_at = now
                changed = True
            elif isinstance(obj, Member):  # shown on the group's page and as a product's maker
                if obj in session.dirty and not session.is_modified(obj):
                    continue
                group = obj.group or (session.get(Group, obj.group_id) if obj.group_id else None)
                if group is not None and group not in session.deleted:
                    group.updated_at = now
            elif type(obj) in _ALSO_SHOWN:
                if obj in session.dirty and (not _ALSO_SHOWN[type(obj)] or not session.is_modified(obj)):
                    continue
                changed = True
            elif isinstance(obj, (Product, Group)):
                if obj in session.dirty and not session.is_modified(obj):
                    continue
                if obj in session.dirty:
                    obj.updated_at = now
                changed = True
    if changed and not any(isinstance(obj, CatalogChange) for obj in session.new):
        session.add(CatalogChange(at=now))


def install() -> None:
    """Idempotent: listen on every Flask-SQLAlchemy session."""
    from flask_sqlalchemy.session import Session

    if not event.contains(Session, "before_flush", _touch):
        event.listen(Session, "before_flush", _touch)
