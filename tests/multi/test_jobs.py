"""Background jobs on Redis: a job that keeps failing is retried, then kept in the failed registry that
`flask shop jobs` lists (never dropped); a job that succeeds runs once with a session of its own."""
import secrets
import socket

import pytest
from redis import Redis
from rq import SimpleWorker

from shop import queue

pytestmark = pytest.mark.xdist_group("multi_instance")
REDIS = "redis://127.0.0.1:6379/13"
CALLS: list[str] = []


def flaky(label: str) -> None:
    CALLS.append(label)
    raise RuntimeError(f"provider down for {label}")


def fine(label: str) -> None:
    CALLS.append(label)


@pytest.fixture()
def redis_app(make_app, monkeypatch):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("job tests need Redis on 127.0.0.1:6379 (CI starts it in .ci/run)")
    prefix = f"pasar-jobs-{secrets.token_hex(4)}:"
    app = make_app({"REDIS_URL": REDIS, "REDIS_PREFIX": prefix, "CACHE_TYPE": "SimpleCache",
                    "RATELIMIT_STORAGE_URI": "memory://"})
    monkeypatch.setattr(queue, "RETRY_INTERVALS", (0, 0))  # retry at once: no scheduler needed in a test
    CALLS.clear()
    with app.app_context():
        yield app
    redis = Redis.from_url(REDIS)
    for key in list(redis.scan_iter(f"*{prefix}*")):
        redis.delete(key)


def _work() -> None:
    SimpleWorker([queue.rq_queue()], connection=queue.redis_connection()).work(burst=True)


def test_failing_job_is_retried_then_kept_for_an_admin(redis_app):
    queue.enqueue_now("tests.multi.test_jobs.flaky", "kiriman-1")
    _work()
    assert CALLS == ["kiriman-1"] * 3  # the first attempt and two retries
    failed = queue.failed_jobs()
    assert [(job["job"], job["args"]) for job in failed] == [("tests.multi.test_jobs.flaky", ["kiriman-1"])]
    assert "provider down for kiriman-1" in " ".join(failed[0]["error"])
    result = redis_app.test_cli_runner().invoke(args=["shop", "jobs"])
    assert failed[0]["id"] in result.output and "provider down" in result.output
    queue.requeue(failed[0]["id"])  # an admin runs it again: still failing, still kept
    _work()
    assert len(queue.failed_jobs()) == 1


def test_job_queued_after_commit_runs_once(redis_app):
    import sqlalchemy as sa

    from shop.extensions import db

    db.session.execute(sa.select(1))  # inside a transaction, as a service's work is
    queue.after_commit("tests.multi.test_jobs.fine", "sekali")
    db.session.rollback()  # a rolled-back transaction queues nothing
    _work()
    assert CALLS == []
    queue.after_commit("tests.multi.test_jobs.fine", "sekali")
    db.session.commit()
    _work()
    assert CALLS == ["sekali"]
