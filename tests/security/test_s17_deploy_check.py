"""S17: `manage.py check --deploy --fail-level WARNING` passes with the production settings;
production refuses to start without SECRET_KEY and never runs with DEBUG on; a checkout's
`manage.py` runs the local settings, which need no SECRET_KEY.

Each check runs `manage.py` in a process of its own, in a clean environment, as on a server, from
a copy of the checkout without its `.env` (which the settings read, and a developer may have).
"""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def manage(checkout, *args, **environment):
    """Run `manage.py *args` in the checkout with only the environment given (None: unset)."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(DATABASE_URL=f"sqlite:///{checkout.parent / 'check.sqlite3'}")
    env.update(environment)
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "alliance87.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "gcg.example.org",
}
PRINT_SETTINGS = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"


def check_deploy(checkout, **overrides):
    return manage(
        checkout, "check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, **overrides}
    )


@pytest.mark.process
def test_s17_check_deploy_passes(checkout):
    result = check_deploy(checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


@pytest.mark.process
def test_s17_check_deploy_catches_a_weakened_setting(checkout):
    """The check is real: turning off the HTTPS redirect makes it fail."""
    result = check_deploy(checkout, SECURE_SSL_REDIRECT="False")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.process
def test_s17_production_refuses_to_start_without_a_secret_key(checkout):
    result = check_deploy(checkout, SECRET_KEY=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.process
def test_s17_production_never_runs_with_debug_on(checkout):
    result = manage(
        checkout, "shell", "--no-imports", "-c", PRINT_SETTINGS, DEBUG="True", **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["alliance87.settings.production", "False"]


@pytest.mark.process
def test_s17_a_checkouts_manage_py_runs_the_local_settings_without_a_secret_key(checkout):
    result = manage(checkout, "shell", "--no-imports", "-c", PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["alliance87.settings.local", "True"]
    assert manage(checkout, "check").returncode == 0


def test_s17_only_named_checks_are_silenced():
    # security.W021 (HSTS preload): the domain's owner decides on preloading (production.py).
    assert settings.SILENCED_SYSTEM_CHECKS == ["security.W021"]
