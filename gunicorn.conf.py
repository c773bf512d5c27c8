"""Production gunicorn settings (README "Production"); `make serve-prod` and `make bench` use them.

Sync workers: every page is short CPU work plus a few quick queries, and the reverse proxy (nginx) buffers slow
clients, so one process per request is the simplest fast choice. Two workers per core keeps a core busy while
the other worker waits on PostgreSQL.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "sync"
timeout = 30              # a request longer than this is a bug; the worker is replaced
graceful_timeout = 20
keepalive = 5             # behind nginx keep-alive upstream connections
max_requests = 5000       # recycle workers now and then (bounds any slow leak)
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESSLOG")  # None: no access log (nginx keeps one)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
