"""Sign-in records are kept SIGN_IN_RECORDS_DAYS (90) days, then deleted by `manage.py
purge_sign_in_records`, with the expired sessions; running it again deletes nothing more."""

import datetime
from io import StringIO

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command

NOW = datetime.datetime(2026, 6, 30, 12, 0, tzinfo=datetime.UTC)


def record_at(when, time_machine, username):
    time_machine.move_to(when, tick=False)
    fields = {"username": username, "ip_address": "192.0.2.1", "user_agent": "test"}
    AccessLog.objects.create(http_accept="*/*", **fields)
    AccessFailureLog.objects.create(http_accept="*/*", **fields)
    AccessAttempt.objects.create(
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
        **fields,
    )
    session = SessionStore()
    session["who"] = username
    session.set_expiry(3600)
    session.create()


def purged():
    out = StringIO()
    call_command("purge_sign_in_records", stdout=out)
    return out.getvalue()


def test_records_older_than_ninety_days_go_the_others_stay(db, time_machine):
    record_at(NOW - datetime.timedelta(days=91), time_machine, "old")
    record_at(NOW - datetime.timedelta(days=89), time_machine, "recent")
    time_machine.move_to(NOW, tick=False)
    output = purged()
    assert "sign-ins and sign-outs: 1 deleted (older than 90 days)" in output
    assert "failed sign-ins: 1 deleted" in output
    assert "lockout counts: 1 deleted" in output
    assert "expired sessions: 2 deleted" in output  # each lasted an hour
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == ["recent"]
    assert "1 deleted" not in purged()  # again the same day: nothing more


def test_a_live_session_stays(db, time_machine):
    record_at(NOW - datetime.timedelta(minutes=10), time_machine, "signed-in")
    time_machine.move_to(NOW, tick=False)
    assert "expired sessions: 0 deleted" in purged()
    assert Session.objects.count() == 1


def test_the_retention_is_a_setting(db, time_machine, settings):
    settings.SIGN_IN_RECORDS_DAYS = 30
    record_at(NOW - datetime.timedelta(days=31), time_machine, "old")
    time_machine.move_to(NOW, tick=False)
    assert "sign-ins and sign-outs: 1 deleted (older than 30 days)" in purged()
