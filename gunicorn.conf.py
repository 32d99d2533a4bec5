"""gunicorn's configuration for `make serve`: every value from the environment."""

import gc
import os

wsgi_app = "alliance87.wsgi:application"
# Behind a reverse proxy on the same machine by default; HOST=0.0.0.0 to listen everywhere.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Access log to stdout, errors to stderr: the process manager collects both.
accesslog = "-"
errorlog = "-"
# Only the proxy's own address may say a request came over HTTPS, and only in the header Django is
# told to trust (SECURE_PROXY_SSL_HEADER, "HTTP_X_FORWARDED_PROTO,https"): gunicorn's default
# would also take X-Forwarded-Ssl and X-Forwarded-Protocol, which a proxy may pass on unchanged.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def scheme_headers(django_setting):
    """gunicorn's secure_scheme_headers for Django's SECURE_PROXY_SSL_HEADER ("" gives none)."""
    if not django_setting.strip():
        return {}
    name, value = (part.strip() for part in django_setting.split(",", 1))
    return {name.removeprefix("HTTP_").replace("_", "-").upper(): value}


secure_scheme_headers = scheme_headers(os.environ.get("SECURE_PROXY_SSL_HEADER", ""))
# gunicornc's control socket is one per user by default ($XDG_RUNTIME_DIR/gunicorn.ctl), shared by
# every instance on the host: none unless GUNICORN_CONTROL_SOCKET names this instance's own.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]


def post_worker_init(worker):
    """Once the worker has loaded Django, its objects (~120,000: modules, settings, URL patterns,
    compiled templates) are moved out of the garbage collector's generations (gc.freeze). They live
    as long as the worker, yet every full collection walked them all again: one in about twenty
    requests of a 50-row page, and it took longer than rendering the page (docs/benchmarks.md)."""
    gc.collect()
    gc.freeze()
