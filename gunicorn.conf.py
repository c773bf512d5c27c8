"""Production gunicorn settings (README "Production"); `make serve-prod` and `make bench` use them.

Threaded workers (gthread), two processes per core with two threads each. A page is short CPU work plus a few
quick queries: while one thread waits on PostgreSQL (a commit's fsync, a round trip) the other runs, and only a
threaded worker keeps a connection alive between requests (sync workers close every connection, so nginx's
keep-alive upstream and the bench's connections were reconnecting for every request; `keepalive` did nothing).
More threads than two buy little: Python runs one at a time per process (the GIL). Measured on 2 cores
(bench/results/): the trivial route answers about twice as often as with sync workers; pages stay CPU-bound.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30              # a request longer than this is a bug; the worker is replaced
graceful_timeout = 20
keepalive = 5             # seconds an idle keep-alive connection (nginx upstream) stays open
max_requests = 5000       # recycle workers now and then (bounds any slow leak)
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESSLOG")  # None: no access log (nginx keeps one)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
