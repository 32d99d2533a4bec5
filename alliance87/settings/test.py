"""Settings for the test suite: production settings with a fast hasher, in-memory e-mail and the
development tools (devtools/).

The test client speaks plain HTTP, so the HTTPS redirect is off here; every other production
setting (secure cookies, HSTS on secure requests, CSP, throttling) stays as in production.
Tests sign in with `force_login`: django-axes refuses `client.login()`, which gives it no request.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from .production import *  # noqa: E402,F403

# The development tools (generate_scale_data, which the scale tests run), as in local.py.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "base.storage.WholeFilesStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test client speaks plain HTTP; tests that need HTTPS pass `secure=True`.
SECURE_SSL_REDIRECT = False
# Serve static files from the finders as `runserver` does: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# One process: the record's version in memory, not in the checkout's folder.
CACHES = {
    **CACHES,  # noqa: F405
    RECORD_VERSION_CACHE: {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "record-version",
    },
}
# The record's version in the database is neither read nor written, so that no page's counted
# queries depend on when it was last read; the tests about it turn it on
# (tests/base/test_record_version_in_database.py).
RECORD_VERSION_DATABASE_SECONDS = None
