"""Settings every environment shares, read from the environment in one place (.env.example).

`local.py` (what `manage.py` runs from a checkout) and `production.py` (what `make serve`, WSGI
and anything deployed run) build on these; `test.py` is production's with fast test doubles.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from .database import default_database
from .file_storage import default_storage

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "alliance87.apps.PortalAdminConfig",  # django.contrib.admin, its index listed by task
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",  # the search's full text and trigrams; harmless on SQLite
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "axes",
    "simple_history",
    "nested_admin",  # a meeting's agenda items with their interventions, on the meeting's page
    # The second factor (base/accounts/second_factor.py): codes from an authenticator app (TOTP),
    # recovery codes, passkeys (WebAuthn), and the sign-in that asks for one.
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "two_factor.plugins.webauthn",
    # The portal's apps, each importing only those above it in this list (`make lint` checks it).
    "base",
    "partners",
    "actiongroups",
    "meetings",
    "invitations",
    "comment_rounds",
    "pathfinders",
    "directory",
    "search",
    "site_pages",
    "following",
    "feeds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session gave its second factor: `request.user.is_verified()`.
    "django_otp.middleware.OTPMiddleware",
    # Binds the files kept from a refused form to the session (meetings.kept_uploads).
    "meetings.kept_uploads.KeptUploadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a session idle or old for its reader (base/accounts/sessions.py): after the two above.
    "base.accounts.sessions.SessionLifetimeMiddleware",
    # Staff go nowhere but to setting up their second factor until they have given one.
    "base.accounts.second_factor.SecondFactorForStaffMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "base.web.middleware.SecurityHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliance87.urls"
WSGI_APPLICATION = "alliance87.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        # No "loaders": Django then wraps the folder and app loaders in its cached loader, so a
        # server reads and compiles each template once (tests/alliance87/test_serving.py).
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": default_database(env, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every server when REDIS_URL names a Redis (docs/deploy.md); otherwise each process
# keeps its own, which is right for one server only.
REDIS_URL = env.str("REDIS_URL", default="")
# The record's version (base/web/page_cache.py), which retires the cached public pages when the
# record changes, must be one for every process: in Redis, or in a folder of this host.
RECORD_VERSION_CACHE = "record_version"
RECORD_VERSION_DIR = env.path("RECORD_VERSION_DIR", default=BASE_DIR / ".cache" / "record-version")
# A Redis that does not answer costs a request at most these seconds, once: the portal then
# renders pages without the cache for a while (base/web/page_cache.py).
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "OPTIONS": REDIS_TIMEOUTS,
}
# Without Redis, each process keeps at most this many pages (a third of them dropped when full):
# what a flood of distinct addresses can fill. With Redis, its own maxmemory bounds them
# (docs/deploy.md, "Caching and privacy").
PAGE_CACHE_MAX_ENTRIES = env.int("PAGE_CACHE_MAX_ENTRIES", default=300)
CACHES = {
    "default": (
        REDIS_CACHE
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
        }
    ),
    RECORD_VERSION_CACHE: (
        REDIS_CACHE
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(RECORD_VERSION_DIR),
        }
    ),
}
# The record's version is also kept in the database (base/web/page_cache.py), for a writer that
# shares neither Redis nor RECORD_VERSION_DIR with the servers (a `manage.py shell` given
# DATABASE_URL alone): each process reads it at most once every this many seconds, so such a
# write retires every kept page within this bound. None (the tests' settings, so that no page's
# counted queries depend on the clock): neither kept nor read there.
RECORD_VERSION_DATABASE_SECONDS = env.float("RECORD_VERSION_DATABASE_SECONDS", default=1.0)
# How long a cached public page may be served (any change to the record retires it at once,
# whatever this says); 0 caches none.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Sessions in the database by default, which every server shares; with Redis,
# SESSION_ENGINE=django.contrib.sessions.backends.cached_db reads them from the cache first.
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
# Sessions end after a while without a request, and after a while in all (base/accounts/
# sessions.py): staff, who open every address and draft, sooner than members.
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_MINUTES", default=30) * 60
STAFF_SESSION_MAX_SECONDS = env.int("STAFF_SESSION_MAX_HOURS", default=12) * 3600
MEMBER_SESSION_IDLE_SECONDS = env.int("MEMBER_SESSION_IDLE_HOURS", default=12) * 3600
MEMBER_SESSION_MAX_SECONDS = env.int("MEMBER_SESSION_MAX_DAYS", default=14) * 86400
SESSION_COOKIE_AGE = MEMBER_SESSION_MAX_SECONDS

# django-axes first, so a locked-out address or account is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 12: OWASP ASVS 5.0, 6.2.1, for accounts that open personal data of officials.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# The second factor (base/accounts/second_factor.py; docs/security.md, S23). Authenticator apps
# list the portal under this name. A wrong code makes the account wait before its next try, 1 s,
# then 2, 4, 8... (django-otp's throttling), as django-axes throttles the password step. A
# sign-in left at the second step for 10 minutes starts again from the password. No "remember
# this browser": every sign-in asks for the second factor.
OTP_TOTP_ISSUER = "GCG portal"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
TWO_FACTOR_LOGIN_TIMEOUT = 600
TWO_FACTOR_WEBAUTHN_RP_NAME = "GCG portal"
TWO_FACTOR_WEBAUTHN_THROTTLE_FACTOR = 1

# British English by default: dates read day first, as the GCG's reports print them (12/11/2019
# is 12 November). French and Spanish, the Alliance's other working languages, from the catalogues
# in locale/ (compiled by `make`). No URL prefix: the language cookie, set by the header's
# switcher, decides; on a first visit, the browser's Accept-Language. Each language is named in
# itself in the switcher, so these names are not translated.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The portal's own date formats ('17 July 2019'), on top of Django's for each language.
FORMAT_MODULE_PATH = ["base.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": default_storage(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files (documents' files), when kept in a local folder. No MEDIA_URL: nothing serves
# this folder; a file is only downloaded through the view that applies the drafts rule.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=20)
# A request's own limits, the files aside (DOCUMENT_MAX_UPLOAD_MB): one form may hold a whole
# meeting's record (the 2019 meeting's page posts about 1,200 fields, and Django's default of
# 1,000 answered "400 Bad Request"; 10,000 leaves room for meetings eight times its size); a
# file over FILE_UPLOAD_MAX_MEMORY_SIZE is spooled to a temporary file, not held in memory. The
# proxy in front caps the whole request (README, "Uploaded files").
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

# The console prints mail (password resets, invitations) until a real server is configured.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Where security researchers report what they find, in /.well-known/security.txt: an address
# or a URI (mailto:, https:). Unset, that file is not served.
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="")
# The contact form (site_pages/contact.py): its messages go to the Secretariat's active officers
# with an address, and to these addresses besides; CONTACT_MESSAGES_PER_HOUR are taken an hour
# from one e-mail address or one network address; messages are kept CONTACT_MESSAGES_DAYS, then
# deleted by `manage.py purge_contact_messages`, run daily. The privacy page says all three.
CONTACT_FORM_RECIPIENTS = env.list("CONTACT_FORM_RECIPIENTS", default=[])
CONTACT_MESSAGES_PER_HOUR = env.int("CONTACT_MESSAGES_PER_HOUR", default=3)
CONTACT_MESSAGES_DAYS = env.int("CONTACT_MESSAGES_DAYS", default=365)
# The host name invitations link to (a management command has no request to read it from).
SITE_DOMAIN = env.str("SITE_DOMAIN", default="127.0.0.1:8000")

# Headers and cookies for every environment; production.py adds HTTPS and HSTS.
HTTPS = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The language chosen (set_language): sent back on the site's own links only.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere, the admin included; nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        # Scripts may not write HTML strings into the page (innerHTML and the like): a DOM
        # injection has no sink left. Not in the admin (TRUSTED_TYPES_EXEMPT_PATHS).
        "require-trusted-types-for": ["'script'"],
    },
}
# Django's admin loads jQuery (and select2, nested_admin's scripts with it), which writes HTML
# through innerHTML from the moment it loads: under Trusted Types none of the admin's scripts
# run. Its pages keep the rest of the policy (base.web.middleware.SecurityHeadersMiddleware).
TRUSTED_TYPES_EXEMPT_PATHS = ["/admin/"]
# Sent by base.web.middleware.SecurityHeadersMiddleware: the portal uses none of these.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Sign-in throttling: after AXES_FAILURE_LIMIT failures for one account, or from one address,
# further attempts are refused until the cool-off has passed (it ends by itself).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Sign-in records (axes' logs: address, browser, time) are kept this long, then deleted by
# `manage.py purge_sign_in_records`, run daily.
SIGN_IN_RECORDS_DAYS = env.int("SIGN_IN_RECORDS_DAYS", default=90)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "base.web.client_ip.client_ip"
# Behind N proxies, the client's address is the Nth from the right of X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
