"""Background work: RQ on Redis when SHOP_REDIS_URL is set, else the same work in-process after the commit.

`after_commit("shop.mail.services.deliver_job", ids)` runs the dotted function once the caller's transaction has
committed (nothing on rollback): queued on RQ for `make worker` with retries (a job that still fails stays in
RQ's failed-job registry, listed by `flask shop jobs`, never dropped), or, without Redis, called right away in a
fresh app context (its own database session) as before. Jobs take plain arguments (ids, names), never objects.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from flask import current_app
from redis import Redis
from rq import Queue, Retry
from rq.job import Job
from sqlalchemy import event

from shop import storage
from shop.extensions import db

_PENDING = "queue_pending"
RETRY_INTERVALS = (10, 60, 300)  # seconds before the 2nd, 3rd and 4th attempt
FAILED_TTL = 90 * 24 * 3600      # failed jobs stay visible this long
QUEUE = "default"


def _function(path: str) -> Callable:
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def redis_connection():
    """The app's Redis client (one per app), or None without SHOP_REDIS_URL."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    conn = current_app.extensions.get("shop_redis")
    if conn is None:
        conn = current_app.extensions["shop_redis"] = Redis.from_url(url)
    return conn


def rq_queue() -> Queue:
    prefix = current_app.config["REDIS_PREFIX"]
    return Queue(f"{prefix}{QUEUE}", connection=redis_connection())


def enqueue_now(path: str, *args) -> None:
    """Run or queue the job now (outside any transaction that must commit first)."""
    if redis_connection() is None:
        run_job(path, *args)
        return
    rq_queue().enqueue("shop.queue.run_job", path, *args, retry=Retry(max=len(RETRY_INTERVALS),
                                                                        interval=list(RETRY_INTERVALS)),
                       failure_ttl=FAILED_TTL, job_timeout=600)


def run_job(path: str, *args):
    """What a worker runs: the function in an app context of its own, so it has its own database session."""
    app = current_app._get_current_object()
    with app.app_context():
        try:
            return _function(path)(*args)
        finally:
            db.session.remove()


def after_commit(path: str, *args) -> None:
    """Run or queue `path(*args)` once the current transaction commits; forget it on rollback."""
    db.session.info.setdefault(_PENDING, []).append((path, args))


def enqueue_pdf(render: str, args: tuple, name: str) -> None:
    """Render a large PDF in the background: `render(*args)` returns the PDF's bytes, stored as
    private file `pdfs/<name>.pdf` (shop.storage.private_files()); `pdf_ready(name)` says when it is there."""
    after_commit("shop.queue.render_pdf", render, list(args), name)


def render_pdf(render: str, args: list, name: str) -> None:
    storage.private_files().save(f"pdfs/{name}.pdf", _function(render)(*args))


def pdf_ready(name: str) -> bool:
    return storage.private_files().exists(f"pdfs/{name}.pdf")


def _after_commit(sess) -> None:
    if sess.in_nested_transaction():
        return
    for path, args in sess.info.pop(_PENDING, []):
        enqueue_now(path, *args)


def _after_rollback(sess, previous_transaction) -> None:
    if previous_transaction.parent is None:
        sess.info.pop(_PENDING, None)


def install() -> None:
    from flask_sqlalchemy.session import Session

    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback)


def failed_jobs() -> list[dict]:
    """Jobs that failed every attempt (Redis only): id, function, arguments, when, the error's last line."""
    if redis_connection() is None:
        return []
    registry = rq_queue().failed_job_registry
    jobs = Job.fetch_many(registry.get_job_ids(), connection=redis_connection())
    return [{"id": job.id, "job": job.args[0] if job.args else job.func_name, "args": list(job.args[1:]),
             "ended_at": job.ended_at, "error": (job.latest_result().exc_string or "").strip().splitlines()[-1:]}
            for job in jobs if job is not None]


def requeue(job_id: str) -> None:
    rq_queue().failed_job_registry.requeue(job_id)
