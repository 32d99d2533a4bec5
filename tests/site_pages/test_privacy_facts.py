"""The privacy page's facts are the portal's rules: a setting changed, the page says the new
value; the fields, choices and readers it names are the models' and the address rule's."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import override_settings
from django.urls import reverse

from partners.models import ContactVisibility, EmailAddress
from site_pages import privacy_facts

pytestmark = pytest.mark.django_db


def privacy_text(client):
    response = client.get(reverse("site_pages:privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index('id="privacy-facts-heading"') :]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#x27;", "'")


def test_it_says_how_long_sign_in_records_are_kept(client):
    assert (
        "attempt is recorded (Username, IP Address, User Agent, Attempt Time) and kept 90 days"
        in (privacy_text(client))
    )


@override_settings(SIGN_IN_RECORDS_DAYS=30)
def test_a_shorter_retention_changes_the_page(client):
    text = privacy_text(client)

    assert "and kept 30 days, then deleted" in text
    assert "90 days" not in text


@override_settings(
    AXES_FAILURE_LIMIT=7,
    AXES_COOLOFF_TIME=timedelta(hours=2),
    MEMBER_SESSION_IDLE_SECONDS=6 * 3600,
    MEMBER_SESSION_MAX_SECONDS=7 * 86400,
    STAFF_SESSION_IDLE_SECONDS=20 * 60,
    STAFF_SESSION_MAX_SECONDS=8 * 3600,
)
def test_the_lockout_and_the_sessions_are_the_settings(client):
    text = privacy_text(client)

    assert "After 7 failed attempts" in text
    assert "refused for 2 hours" in text
    assert "after 6 hours without a visit and after 7 days in all" in text
    assert "the Secretariat's after 20 minutes and 8 hours" in text


@override_settings(CONTACT_MESSAGES_DAYS=30, CONTACT_MESSAGES_PER_HOUR=5)
def test_the_contact_messages_retention_and_limit_are_the_settings(client):
    text = privacy_text(client)

    assert "Messages and their answers are kept 30 days, then deleted." in text
    assert "5 messages an hour are taken from one e-mail address" in text


def test_the_default_contact_retention_is_a_year(client):
    assert "Messages and their answers are kept 365 days" in privacy_text(client)


def test_it_names_the_fields_kept_about_people(client):
    text = privacy_text(client)

    assert "the portal keeps: name, position, organisation," in text
    assert "E-mail addresses: kept for the people who gave them" in text
    assert "Visitors who are not signed in never see an address" in text


def test_it_says_who_reads_the_addresses_for_each_choice(client):
    text = privacy_text(client)

    assert (
        "Contact details shown to “Signed-in members”: the addresses are read on the site by "
        "signed-in members and the Secretariat." in text
    )
    assert (
        "Contact details shown to “Secretariat only”: the addresses are read on the site by "
        "the Secretariat." in text
    )
    assert (
        "Contact details shown to “Hidden from the directory”: nobody reads the addresses on the "
        "site." in text
    )


def test_the_readers_come_from_the_address_rule_itself(monkeypatch):
    """Were the rule to show members' addresses to visitors, the page would say so."""
    original = EmailAddress.objects.shown_to

    def everyone_reads_members(user):
        if not user.is_authenticated:
            return EmailAddress.objects.filter(
                person__contact_visibility__in=[ContactVisibility.MEMBERS]
            )
        return original(user)

    monkeypatch.setattr(EmailAddress.objects, "shown_to", everyone_reads_members)

    readers = privacy_facts.readers_of_addresses()

    assert [str(r) for r in readers[ContactVisibility.MEMBERS]] == [
        "visitors who are not signed in",
        "signed-in members",
        "the Secretariat",
    ]


def test_the_rule_read_matches_the_rule_run():
    """What the facts read from the rule's filter is what the rule returns."""
    assert privacy_facts.visibilities_shown_to(AnonymousUser()) == set()
    assert privacy_facts.visibilities_shown_to(User(is_staff=False)) == {ContactVisibility.MEMBERS}
    assert privacy_facts.visibilities_shown_to(User(is_staff=True)) == {
        ContactVisibility.MEMBERS,
        ContactVisibility.SECRETARIAT,
    }


def test_it_names_the_rights_the_secretariat_has(client):
    text = privacy_text(client)

    assert "Can export everything held about a person" in text
    assert "Can erase a person on request" in text


def test_it_names_the_cookies_the_site_sets(client):
    text = privacy_text(client)

    assert "“sessionid”: your session" in text
    assert "“csrftoken”: a token" in text
    assert "“django_language”: the language you chose" in text


@override_settings(SESSION_COOKIE_NAME="gcg_session")
def test_a_renamed_cookie_is_named_so(client):
    assert "“gcg_session”: your session" in privacy_text(client)


def test_durations_are_read_in_their_largest_whole_unit():
    assert privacy_facts.duration(86400) == "1 day"
    assert privacy_facts.duration(90 * 86400) == "90 days"
    assert privacy_facts.duration(36 * 3600) == "36 hours"
    assert privacy_facts.duration(90 * 60) == "90 minutes"
    assert privacy_facts.duration(45) == "45 seconds"
