"""gunicorn's configuration for `make serve`: every value from the environment."""

import os

wsgi_app = "alliance87.wsgi:application"
# Behind a reverse proxy on the same machine by default; HOST=0.0.0.0 to listen everywhere.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Access log to stdout, errors to stderr: the process manager collects both.
accesslog = "-"
errorlog = "-"
# Only the proxy's own address may say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
