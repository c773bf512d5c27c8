"""Files to delete once the transaction that stopped referring to them has committed (a rollback keeps them)."""
from __future__ import annotations

import os

from flask import current_app
from sqlalchemy import event

from shop.extensions import db

_KEY = "files_to_remove"


def remove_after_commit(path) -> None:
    """`path`: a local file's path, or a callable that deletes the file from its storage (shop.storage)."""
    db.session.info.setdefault(_KEY, []).append(path)


def _after_commit(sess) -> None:
    if sess.in_nested_transaction():
        return
    for path in sess.info.pop(_KEY, []):
        try:
            path() if callable(path) else os.remove(path)
        except FileNotFoundError:
            pass
        except OSError as err:  # a file left behind is untidy, never a reason to fail the request
            current_app.logger.warning("could not remove %s: %s", path, err)


def _after_rollback(sess, previous_transaction) -> None:
    if previous_transaction.parent is None:
        sess.info.pop(_KEY, None)


def install() -> None:
    from flask_sqlalchemy.session import Session

    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback)
