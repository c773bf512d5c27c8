"""The one way a view commits: `with unit_of_work(...) as work:` around the service calls, then `if work.ok:`.

Services flush and raise DomainError; the view commits exactly once here. On a DomainError the session is rolled
back (nothing the action did is kept) and the error's message is shown: flashed, or appended to a form field's
errors when `field` is given (the form is then rendered again with the message beside the input), or handed to
`show(error)` when the view places messages itself (a nested form row named by the error). Any other
exception rolls back and propagates (a real bug: the error page, never a half-written change).

    with unit_of_work(_("Pesanan ditandai dikirim.")) as work:
        orders.ship_part(part, form.courier.data, form.tracking_number.data)
    if work.ok:
        return redirect(...)
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field

from flask import flash

from shop.errors import DomainError
from shop.extensions import db


@dataclass
class UnitOfWork:
    success: str | None = None
    field: object | None = None  # a WTForms field whose errors receive the message
    show: Callable[[DomainError], None] | None = None  # or: the view shows the error itself
    ok: bool = False
    error: DomainError | None = None
    errors: list = dc_field(default_factory=list)

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            db.session.commit()
            self.ok = True
            if self.success:
                flash(self.success, "success")
            return False
        db.session.rollback()
        if exc is not None and isinstance(exc, DomainError):
            self.error = exc
            if self.show is not None:
                self.show(exc)
            elif self.field is not None:
                self.field.errors = [*list(self.field.errors or []), str(exc)]
            else:
                flash(str(exc), "error")
            return True  # handled: the view decides what to render
        return False


def unit_of_work(success: str | None = None, field=None, show=None) -> UnitOfWork:
    """Commit once on success (flashing `success`), roll back and show the message on a DomainError."""
    return UnitOfWork(success=success, field=field, show=show)


def core_connection():
    """The session's connection, for a read that selects plain columns and runs as a Core statement (a good
    part of a short statement's cost is the ORM's statement handling). Pending changes are flushed first, as
    the ORM's autoflush would."""
    if db.session.new or db.session.dirty or db.session.deleted:
        db.session.flush()
    return db.session.connection()
