"""S19: `backup`, then `restore` into an empty database: the same objects, model by model."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from base.portal_apps import portal_app_configs
from meetings.models import Meeting

from .conftest import PASSWORD


def to_milliseconds(row):
    """Django's JSON keeps times to the millisecond: the audit history's dates are compared so."""
    for name, value in row["fields"].items():
        if isinstance(value, datetime.datetime):
            row["fields"][name] = value.replace(microsecond=value.microsecond // 1000 * 1000)
    return row


def snapshot():
    """Every row of the portal's apps (history and the loaded-rows log included) by model, and
    the accounts by username."""
    data = {}
    for config in portal_app_configs():
        for model in config.get_models():
            rows = serializers.serialize(
                "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
            )
            data[model._meta.label] = [to_milliseconds(row) for row in rows]
    # The search's vectors are not backed up: the triggers rebuild them as the rows are restored,
    # with ids of their own. What they hold must come back the same.
    data["search.SearchEntry"] = sorted(
        (row["fields"]["kind"], row["fields"]["object_id"], row["fields"]["vector"])
        for row in data["search.SearchEntry"]
    )
    users = get_user_model().objects.order_by("username")
    data["users"] = [
        (
            u.username,
            u.email,
            u.password,
            u.is_staff,
            u.is_superuser,
            sorted(u.groups.values_list("name", flat=True)),
        )
        for u in users
    ]
    data["groups"] = {
        group.name: sorted(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }
    return data


def difference(before, after):
    for old, new in zip(before, after, strict=False):
        if old != new:
            return {
                k: (v, new["fields"].get(k))
                for k, v in old["fields"].items()
                if v != new["fields"].get(k)
            }
    return f"{len(before)} rows before, {len(after)} after"


@pytest.mark.django_db(transaction=True)
def test_s19_backup_and_restore_round_trip(users, tmp_path):
    # A transactional test (restore needs an empty database): it loads the record itself.
    call_command("load_record", verbosity=0)
    meeting = Meeting.objects.get(number=5)
    meeting.title = "5th Meeting, edited"
    meeting._history_user = users["secretariat"]
    meeting.save()  # an audit-history row with its author, which must survive too
    before = snapshot()
    assert len(before["meetings.Attendance"]) == 43
    # Every row of the fixtures: the record's 314, the site's four pages.
    assert len(before["base.LoadedFixtureRow"]) == 314 + 4

    call_command("backup", directory=tmp_path)
    (path,) = tmp_path.glob("gcg-*.json")
    assert json.loads(path.read_text())

    call_command("flush", interactive=False, verbosity=0)
    assert not Meeting.objects.exists() and not get_user_model().objects.exists()
    call_command("restore", str(path), verbosity=0)

    after = snapshot()
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], (key, difference(before[key], after[key]))
    assert Meeting.history.filter(title="5th Meeting, edited").get().history_user.username == (
        "an-officer"
    )
    # The accounts work: passwords came back as they were.
    assert get_user_model().objects.get(username="a-member").check_password(PASSWORD)


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_s19_restore_refuses_a_database_with_data(self, tmp_path):
        path = tmp_path / "any.json"
        path.write_text("[]")
        with pytest.raises(CommandError, match="not empty"):
            call_command("restore", str(path))
