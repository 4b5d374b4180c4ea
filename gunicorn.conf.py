"""gunicorn settings for quizapp: `gunicorn 'quizapp:create_app()'` picks this file up from the project root.

Environment variables (all optional):
  BIND / PORT           where to listen (default 127.0.0.1:8000; PORT alone means 0.0.0.0:PORT)
  WEB_CONCURRENCY       worker processes (default 2 × CPU cores + 1)
  GUNICORN_THREADS      threads per worker (default 4)
  GUNICORN_TIMEOUT      seconds before a stuck worker is restarted (default 30)
  GUNICORN_ACCESS_LOG   "-" (stderr) or a file: gunicorn's own access log, off by default because
                        the app already logs one line per request (quizapp.ops.requestlog)
"""
import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("BIND") or (f"0.0.0.0:{os.environ['PORT']}" if os.environ.get("PORT") else "127.0.0.1:8000")

# Requests spend part of their time waiting for the database, so a few threads per process
# keep the cores busy; processes beyond the cores give CPU parallelism past the GIL. (One
# thread per process served 10-15 % more PostgreSQL pages per second in the benchmark, but
# some keep-alive connections then waited 0.5-1.5 s behind others; 2 threads measured as 4.)
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5

# Build the app once in the master: a SQLite schema upgrade runs once, and a refused schema
# stops the server right away with its message instead of in every worker.
preload_app = True
# Recycle workers now and then so a slow leak never takes the server down.
max_requests = 10_000
max_requests_jitter = 1_000

errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# Client, request line, status, bytes, duration in ms, user agent.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
# gunicorn ≥ 24 opens a control socket in ~/.gunicorn; several servers on one host would share
# it, so it is off unless GUNICORN_CONTROL_SOCKET names a path of this server's own.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or "gunicorn.ctl"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
# X-Forwarded-Proto is believed only from these addresses (see TRUSTED_PROXIES for the app).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
