"""Account verbs: authenticate, create and invite users, e-mailed links for invitations and password resets,
deactivate and reactivate. They flush, never commit."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from shop.accounts import throttle
from shop.accounts.models import ROLES, AccountToken, User
from shop.activity.services import record
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.groups.models import Group
from shop.labels import label
from shop.mail.services import queue
from shop.models_base import utcnow
from shop.urls import external_url

MIN_PASSWORD_LENGTH = 10
TOKEN_LIFETIME = timedelta(days=7)


class InvalidToken(DomainError):
    """The link is unknown, expired, already used or belongs to a deactivated account."""


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


# checked when the account is unknown or has no password, so every wrong login costs one scrypt (no timing oracle)
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16), method="scrypt")


class LoginDelayed(DomainError):
    """Too many wrong passwords for this account just now: wait, or use the e-mailed link."""


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None. After a few wrong passwords an account can be
    tried only every few seconds (LoginDelayed), and its owner is sent a link that skips the wait."""
    if throttle.must_wait(email):
        check_password_hash(_DUMMY_HASH, password or "")
        raise LoginDelayed(_("Terlalu banyak kata sandi salah untuk akun ini. Tunggu %(n)d detik lalu coba lagi, "
                             "atau buka tautan yang kami kirim ke e-mail akun ini.", n=throttle.DELAY_SECONDS))
    user = find_by_email(email)
    ok = False
    if user is not None and user.active and user.password_hash:
        ok = user.check_password(password)
    else:
        check_password_hash(_DUMMY_HASH, password or "")
    if not ok:
        if throttle.record_failure(email) and user is not None and user.active:
            send_unlock_link(user)
        return None
    throttle.forget(email)
    user.last_login_at = utcnow()
    return user


def send_unlock_link(user: User) -> None:
    raw = issue_token(user, "unlock")
    link = external_url("accounts.unlock", token=raw)
    body = _("Halo %(name)s,\n\nAda beberapa percobaan masuk ke akun Pasar Karya Anda dengan kata sandi yang salah, "
             "jadi akun ini sementara hanya bisa dicoba sekali setiap beberapa detik. Jika itu Anda, buka tautan "
             "berikut di browser Anda untuk langsung masuk tanpa menunggu:\n\n%(link)s\n\nJika bukan Anda, "
             "kata sandi Anda tetap aman; sebaiknya tetap gunakan kata sandi yang kuat.\n\nPasar Karya",
             name=user.name or user.email, link=link)
    queue(user.email, _("Percobaan masuk ke akun Pasar Karya"), body)


def use_unlock_link(raw_token: str) -> User:
    token = valid_token(raw_token, "unlock")
    token.used_at = utcnow()
    db.session.flush()
    throttle.unlock_this_browser(token.user.email)
    return token.user


def normalise_email(email: str) -> str:
    try:
        return validate_email((email or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise DomainError(_("Alamat e-mail tidak valid.")) from None


def check_password_rules(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise DomainError(_("Kata sandi minimal %(n)d karakter.", n=MIN_PASSWORD_LENGTH))


def create_user(email: str, role: str, password: str | None = None, group_id: int | None = None,
                name: str = "") -> User:
    if role not in ROLES:
        raise DomainError(_("Peran tidak dikenal."))
    if role == "coordinator" and group_id is None:
        raise DomainError(_("Koordinator harus terhubung ke satu kelompok."))
    if role == "coordinator" and db.session.get(Group, group_id) is None:
        raise DomainError(_("Kelompok tidak ditemukan."))
    email = normalise_email(email)
    if find_by_email(email):
        raise DomainError(_("Alamat e-mail ini sudah terdaftar."))
    if password is not None:
        check_password_rules(password)
    user = User(email=email, role=role, group_id=group_id if role == "coordinator" else None,
                name=name.strip(), active=True)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def _hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def issue_token(user: User, purpose: str) -> str:
    """A new single-use token for `purpose`; earlier unused ones of the same purpose stop working.
    Returns the raw token (only its hash is stored)."""
    now = utcnow()
    db.session.execute(update(AccountToken)
                       .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose,
                              AccountToken.used_at.is_(None))
                       .values(used_at=now))
    raw = secrets.token_urlsafe(32)
    db.session.add(AccountToken(user_id=user.id, purpose=purpose, token_hash=_hash(raw),
                                created_at=now, expires_at=now + TOKEN_LIFETIME))
    db.session.flush()
    return raw


def invite_user(email: str, role: str, group_id: int | None = None, name: str = "") -> User:
    """An account without a password, and an e-mail with a 7-day link to choose one."""
    user = create_user(email, role, group_id=group_id, name=name)
    send_invitation(user)
    record("user.invited", f"{user.email} ({role})", group_id=user.group_id)
    return user


def send_invitation(user: User) -> None:
    raw = issue_token(user, "invite")
    link = external_url("accounts.accept_invite", token=raw)
    role = label("role", user.role)
    where = (_("%(role)s untuk %(group)s", role=role, group=user.group.name) if user.group is not None else role)
    body = _("Halo %(name)s,\n\nDinas Sosial mengundang Anda ke Pasar Karya sebagai %(where)s. Buka tautan berikut "
             "untuk memilih kata sandi (berlaku 7 hari, hanya sekali pakai); setelah itu Anda langsung masuk:\n\n"
             "%(link)s\n\nJika Anda tidak merasa diundang, abaikan e-mail ini.\n\nPasar Karya",
             name=user.name or user.email, where=where, link=link)
    queue(user.email, _("Undangan Pasar Karya: %(role)s", role=role), body)


def resend_invitation(user: User) -> None:
    if user.password_hash or not user.active:
        raise NotAllowed(_("Undangan hanya bisa dikirim ulang ke akun aktif yang belum memilih kata sandi."))
    send_invitation(user)
    record("user.reinvited", user.email, group_id=user.group_id)


def request_password_reset(email: str) -> None:
    """Send a reset link when an active account has this address. The caller says the same thing either way."""
    user = find_by_email(email or "")
    if user is None or not user.active:
        return
    raw = issue_token(user, "reset")
    link = external_url("accounts.reset_password", token=raw)
    body = _("Halo %(name)s,\n\nSeseorang meminta atur ulang kata sandi akun Pasar Karya Anda. Buka tautan berikut "
             "untuk memilih kata sandi baru (berlaku 7 hari, hanya sekali pakai):\n\n%(link)s\n\nJika bukan Anda "
             "yang meminta, abaikan e-mail ini; kata sandi Anda tidak berubah.\n\nPasar Karya",
             name=user.name or user.email, link=link)
    queue(user.email, _("Atur ulang kata sandi Pasar Karya"), body)


def valid_token(raw_token: str, purpose: str) -> AccountToken:
    """The stored token for this link, or InvalidToken when it is unknown, expired, used or its account inactive."""
    token = db.session.scalar(select(AccountToken).where(AccountToken.token_hash == _hash(raw_token or ""),
                                                         AccountToken.purpose == purpose))
    if token is None or token.used_at is not None or token.expires_at <= utcnow() or not token.user.active:
        raise InvalidToken(_("Tautan ini tidak berlaku lagi: sudah dipakai, kedaluwarsa, atau tidak dikenal."))
    return token


def set_password_with_token(raw_token: str, purpose: str, password: str) -> User:
    token = valid_token(raw_token, purpose)
    check_password_rules(password)
    user = token.user
    user.set_password(password)
    token.used_at = utcnow()
    db.session.flush()
    record("user.password_set" if purpose == "invite" else "user.password_reset", user.email,
           group_id=user.group_id, user_id=user.id)
    return user


def set_active(user: User, active: bool, acting_user_id: int | None = None) -> User:
    if user.id == acting_user_id and not active:
        raise NotAllowed(_("Anda tidak bisa menonaktifkan akun Anda sendiri."))
    if user.active == active:
        raise NotAllowed(_("Akun ini sudah aktif.") if active else _("Akun ini sudah nonaktif."))
    user.active = active
    user.end_sessions()  # deactivating ends its sessions; reactivating never revives the old cookies
    db.session.flush()
    record("user.reactivated" if active else "user.deactivated", user.email, group_id=user.group_id)
    return user
