"""The cash drawer of a till: one open session per till (a unique column holds the till's id while open),
opening float, money paid in or out with a reason, expected cash = float + cash sales + in - out, the counted
cash at closing and the difference. Sessions are numbered per till without gaps. Flush, never commit."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from shop.activity.services import record
from shop.errors import DomainError, NotFound
from shop.events.models import Till, TillSale
from shop.extensions import db
from shop.models_base import utcnow
from shop.pos.models import DrawerMovement, DrawerSession

MAX_AMOUNT = 100_000_000


def open_session(till: Till) -> DrawerSession | None:
    return db.session.scalar(select(DrawerSession).where(DrawerSession.open_till_id == till.id))


def _amount(value: int | None, allow_zero: bool = False) -> int:
    if value is None or value < 0 or value > MAX_AMOUNT or (value == 0 and not allow_zero):
        raise DomainError(_("Isi jumlah rupiah yang benar."))
    return value


def open_drawer(till: Till, opening_float: int | None, user_id: int | None) -> DrawerSession:
    if till.event.status != "running":
        raise DomainError(_("Laci kas hanya dibuka saat bazar berlangsung."))
    if open_session(till) is not None:
        raise DomainError(_("Laci kas kasir ini masih terbuka. Tutup dulu sebelum membuka yang baru."))
    number = (db.session.scalar(select(func.max(DrawerSession.number)).where(DrawerSession.till_id == till.id))
              or 0) + 1
    session = DrawerSession(till_id=till.id, open_till_id=till.id, number=number, opened_by_id=user_id,
                            opening_float=_amount(opening_float, allow_zero=True))
    db.session.add(session)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise DomainError(_("Laci kas kasir ini baru saja dibuka di perangkat lain.")) from None
    record("drawer.opened", till.name, detail=str(session.opening_float))
    return session


def add_movement(session: DrawerSession, kind: str, amount: int | None, reason: str) -> DrawerMovement:
    if session.closed_at is not None:
        raise DomainError(_("Laci kas ini sudah ditutup."))
    if kind not in ("in", "out"):
        raise DomainError(_("Pilih uang masuk atau uang keluar."))
    if not reason.strip():
        raise DomainError(_("Tulis alasan uang masuk atau keluar."))
    amount = _amount(amount)
    if kind == "out" and amount > expected_cash(session):
        raise DomainError(_("Uang keluar melebihi uang tunai di laci."))
    movement = DrawerMovement(session=session, kind=kind, amount=amount, reason=reason.strip()[:200])
    db.session.add(movement)
    db.session.flush()
    return movement


def cash_sales(session: DrawerSession) -> int:
    return int(db.session.scalar(select(func.coalesce(func.sum(TillSale.total), 0)).where(
        TillSale.drawer_session_id == session.id, TillSale.method == "cash", TillSale.status == "recorded")))


def expected_cash(session: DrawerSession) -> int:
    moved = sum(m.amount if m.kind == "in" else -m.amount for m in session.movements)
    return session.opening_float + cash_sales(session) + moved


def close_drawer(session: DrawerSession, counted: int | None, waiting_on_device: int,
                 user_id: int | None) -> DrawerSession:
    """Refused while the device still holds unsent sales, or a cash sale of this till waits as a conflict."""
    if session.closed_at is not None:
        raise DomainError(_("Laci kas ini sudah ditutup."))
    if waiting_on_device:
        raise DomainError(_("Masih ada %(n)d penjualan di perangkat ini yang belum terkirim. Kirim dulu.",
                            n=waiting_on_device))
    if db.session.scalar(select(TillSale.id).where(TillSale.drawer_session_id == session.id,
                                                   TillSale.status == "conflict").limit(1)) is not None:
        raise DomainError(_("Selesaikan dulu konflik penjualan di kasir ini."))
    counted = _amount(counted, allow_zero=True)
    session.cash_sales = cash_sales(session)
    session.expected_cash = expected_cash(session)
    session.counted_cash = counted
    session.difference = counted - session.expected_cash
    session.closed_at, session.closed_by_id, session.open_till_id = utcnow(), user_id, None
    db.session.flush()
    record("drawer.closed", session.till.name, detail=f"#{session.number} {session.difference}")
    return session


def get_session(session_id: int, event_id: int) -> DrawerSession:
    session = db.session.get(DrawerSession, session_id)
    if session is None or session.till.event_id != event_id:
        raise NotFound(_("Sesi laci kas tidak ditemukan."))
    return session


def sessions(till: Till) -> list[DrawerSession]:
    return list(db.session.scalars(select(DrawerSession).where(DrawerSession.till_id == till.id)
                                   .order_by(DrawerSession.number)))
