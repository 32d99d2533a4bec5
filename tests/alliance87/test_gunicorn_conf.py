"""gunicorn.conf.py: the HTTPS header gunicorn trusts is the one Django trusts, and no control
socket is shared between instances."""

import runpy

import pytest
from django.conf import settings

CONF = settings.BASE_DIR / "gunicorn.conf.py"


def configuration(monkeypatch, **environment):
    for name in ("SECURE_PROXY_SSL_HEADER", "GUNICORN_CONTROL_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


@pytest.mark.parametrize(
    ("django_setting", "headers"),
    [
        ("HTTP_X_FORWARDED_PROTO,https", {"X-FORWARDED-PROTO": "https"}),
        ("HTTP_X_FORWARDED_SSL,on", {"X-FORWARDED-SSL": "on"}),
        ("", {}),
    ],
)
def test_gunicorn_trusts_the_header_django_trusts_and_no_other(
    monkeypatch, django_setting, headers
):
    assert (
        configuration(monkeypatch, SECURE_PROXY_SSL_HEADER=django_setting)["secure_scheme_headers"]
        == headers
    )


def test_without_the_variable_gunicorn_trusts_no_https_header(monkeypatch):
    assert configuration(monkeypatch)["secure_scheme_headers"] == {}


def test_no_control_socket_unless_one_is_named(monkeypatch, tmp_path):
    assert configuration(monkeypatch)["control_socket_disable"] is True
    own = str(tmp_path / "gunicorn.ctl")
    named = configuration(monkeypatch, GUNICORN_CONTROL_SOCKET=own)
    assert named["control_socket_disable"] is False and named["control_socket"] == own


def test_a_worker_freezes_what_it_loaded_before_serving(monkeypatch):
    """The objects a worker holds once Django is loaded are left out of later collections."""
    import gc

    gc.unfreeze()
    try:
        configuration(monkeypatch)["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
