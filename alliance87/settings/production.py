"""Production: what `make serve`, WSGI and anything deployed run. No default for secrets, never
DEBUG, HTTPS throughout (see README, "Production")."""

from .base import *  # noqa: F403
from .base import env

# No default: a server without its key refuses to start, loudly.
SECRET_KEY = env.str("SECRET_KEY")

HTTPS = env.bool("HTTPS", default=True)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
# A load balancer's health checks often speak plain HTTP to the server itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Behind a proxy that terminates TLS, e.g. SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https.
# Only set it when the proxy always overwrites that header, or a client could claim HTTPS.
SECURE_PROXY_SSL_HEADER = env.tuple("SECURE_PROXY_SSL_HEADER", default=None) or None
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading HSTS is a one-way commitment for the whole domain, which the host organisation
# decides, not this application; SECURE_HSTS_PRELOAD=True turns it on and this check back on.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
