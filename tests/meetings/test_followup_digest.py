"""`manage.py send_followup_digest`: the follow-ups overdue or due within two weeks, e-mailed to
the Secretariat and to the owners' contacts who agreed, once a day whatever the runs."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from base.record.partial_dates import DatePrecision
from base.record.visibility import PublicationStatus
from meetings.models import ActionPointStatus, FollowupDigestSent
from partners.models import ContactVisibility
from tests.factories import make_action_point, make_meeting, make_organization, make_person

pytestmark = pytest.mark.django_db

JULY = datetime.date(2019, 7, 17)


def at(day):
    """time-machine, frozen at 7:00 UTC on `day` (a cron run in the morning)."""
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(7), datetime.UTC), tick=False
    )


def run():
    out = StringIO()
    call_command("send_followup_digest", stdout=out)
    return out.getvalue()


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def unicef():
    return make_organization(name="United Nations Children's Fund", acronym="UNICEF")


@pytest.fixture
def advance_copy(unicef):
    """Due "end of August 2019", as in the 2019 record."""
    point = make_action_point(
        make_meeting(date=JULY, number=5),
        text="All GCG members will receive an advance copy of the report.",
        due_date=datetime.date(2019, 8, 1),
        due_precision=DatePrecision.END_MONTH,
    )
    point.owners.add(unicef)
    return point


def test_due_within_two_weeks_then_overdue(officer, advance_copy):
    with at(datetime.date(2019, 8, 16)):  # 15 days before 31 August: not yet
        assert run() == "Digests sent: 0; already sent today: 0.\n"
    with at(datetime.date(2019, 8, 17)):  # 14 days before
        run()
    with at(datetime.date(2019, 9, 1)):  # "end of August" is over
        run()
    due_soon, overdue = sent_to(officer.email)
    assert due_soon.subject == "GCG portal: 1 follow-up overdue or due within two weeks"
    assert "Due within two weeks\n" in due_soon.body
    assert "\nOverdue\n" not in due_soon.body
    assert "\nOverdue\n" in overdue.body
    assert "Due end of August 2019; decided at the 5th meeting. Owners: UNICEF." in overdue.body


def test_a_second_run_the_same_day_sends_nothing_the_next_day_sends_again(officer, advance_copy):
    with at(datetime.date(2019, 9, 2)):
        assert run() == "Digests sent: 1; already sent today: 0.\n"
    with time_machine.travel(datetime.datetime(2019, 9, 2, 19, tzinfo=datetime.UTC), tick=False):
        assert run() == "Digests sent: 0; already sent today: 1.\n"
    with at(datetime.date(2019, 9, 3)):
        assert run() == "Digests sent: 1; already sent today: 0.\n"
    assert len(sent_to(officer.email)) == 2
    assert FollowupDigestSent.objects.filter(recipient=officer.email).count() == 2


def test_a_digest_changed_the_same_day_is_sent(officer, advance_copy):
    with at(datetime.date(2019, 9, 2)):
        run()
        make_action_point(
            advance_copy.meeting,
            text="Confirm the dates of the next meeting.",
            due_date=datetime.date(2019, 9, 1),
            due_precision=DatePrecision.DAY,
        )
        run()
        run()
    first, second = sent_to(officer.email)
    assert "Confirm the dates" not in first.body
    assert "Confirm the dates" in second.body


def test_done_dropped_or_undated_follow_ups_are_left_out(officer, advance_copy):
    meeting = advance_copy.meeting
    for status in (ActionPointStatus.DONE, ActionPointStatus.DROPPED):
        make_action_point(
            meeting,
            text=f"Closed {status}.",
            status=status,
            due_date=datetime.date(2019, 8, 1),
            due_precision=DatePrecision.DAY,
        )
    make_action_point(meeting, text="Never dated.")
    with at(datetime.date(2019, 9, 2)):
        run()
    (message,) = sent_to(officer.email)
    assert "advance copy" in message.body
    assert "Closed" not in message.body
    assert "Never dated" not in message.body


def test_only_active_secretariat_members_with_an_address(
    django_user_model, officer, roles, advance_copy
):
    secretariat = roles.secretariat
    gone = django_user_model.objects.create_user("gone", email="gone@example.org", is_active=False)
    gone.groups.add(secretariat)
    django_user_model.objects.create_user("no-address", email="").groups.add(secretariat)
    member = django_user_model.objects.create_user("member", email="member@example.org")
    member.groups.add(roles.members)
    with at(datetime.date(2019, 9, 2)):
        run()
    assert [message.to for message in mail.outbox] == [[officer.email]]


def test_owners_contacts_who_agreed_and_never_a_hidden_one(advance_copy, unicef):
    make_person(organization=unicef, email="members@unicef.example.org")
    make_person(
        organization=unicef,
        email="secretariat@unicef.example.org",
        contact_visibility=ContactVisibility.SECRETARIAT,
    )
    make_person(
        organization=unicef,
        email="hidden@unicef.example.org",
        contact_visibility=ContactVisibility.HIDDEN,
    )
    make_person(email="other@ilo.example.org")  # of an organisation owning nothing due
    with at(datetime.date(2019, 9, 2)):
        run()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "members@unicef.example.org",
        "secretariat@unicef.example.org",
    ]
    assert "advance copy" in mail.outbox[0].body


def test_a_drafts_follow_ups_go_to_the_secretariat_only(officer, unicef):
    draft = make_meeting(date=JULY, status=PublicationStatus.DRAFT)
    point = make_action_point(
        draft, text="Drafted follow-up.", due_date=datetime.date(2019, 8, 1), due_precision="day"
    )
    point.owners.add(unicef)
    make_person(organization=unicef, email="members@unicef.example.org")
    with at(datetime.date(2019, 9, 2)):
        run()
    assert [message.to for message in mail.outbox] == [[officer.email]]


@override_settings(SITE_DOMAIN="gcg.example.org", HTTPS=True)
def test_links_are_absolute(officer, advance_copy):
    with at(datetime.date(2019, 9, 2)):
        run()
    body = mail.outbox[0].body
    assert (
        f"https://gcg.example.org/meetings/{advance_copy.meeting.slug}/#decision-{advance_copy.pk}"
        in body
    )
    assert "Every follow-up: https://gcg.example.org/follow-ups/" in body


def test_the_cost_does_not_grow_with_the_follow_ups(
    officer, advance_copy, unicef, django_assert_num_queries
):
    make_person(organization=unicef, email="members@unicef.example.org")

    def add(count):
        for _ in range(count):
            make_action_point(
                advance_copy.meeting, due_date=datetime.date(2019, 8, 20), due_precision="day"
            ).owners.add(unicef, make_organization())

    # The follow-ups, their owners, the sent today, the Secretariat, the owners' contacts;
    # then one INSERT per digest sent (two here).
    add(2)
    with at(datetime.date(2019, 9, 2)), django_assert_num_queries(7):
        run()
    add(27)
    with at(datetime.date(2019, 9, 3)), django_assert_num_queries(7):
        run()
    assert "Circulate the paper." in mail.outbox[-1].body
