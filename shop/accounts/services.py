"""Account verbs: authenticate, create users."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.accounts.models import ROLES, User
from shop.errors import DomainError
from shop.extensions import db
from shop.models_base import utcnow


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    user = find_by_email(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    return user


def create_user(email: str, role: str, password: str | None = None, group_id: int | None = None,
                name: str = "") -> User:
    from flask_babel import gettext as _

    if role not in ROLES:
        raise DomainError(_("Peran tidak dikenal."))
    if role == "coordinator" and group_id is None:
        raise DomainError(_("Koordinator harus terhubung ke satu kelompok."))
    if find_by_email(email):
        raise DomainError(_("Alamat e-mail ini sudah terdaftar."))
    user = User(email=email.strip().lower(), role=role, group_id=group_id if role == "coordinator" else None,
                name=name, active=True)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
