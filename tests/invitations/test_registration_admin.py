"""The Secretariat's list of registrations: a meeting's invitees and their answers, filtered,
searched, counted above the list, corrected with the history kept; for staff with the
Secretariat's permissions alone; its queries the same at 1x and 10x the invitations."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from invitations.models import Answer, Invitation, Registration
from tests.factories import make_meeting, make_person

from .registration_rows import ANSWERED_AT, every_answer, invite

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:invitations_registration_changelist")
# The session, the user, their second factor, the meeting filtered, its counts, the user's
# permissions (their own and their groups'), the meeting filter's choices, the rows counted as
# filtered and as a whole, and the page of them.
QUERIES = 11


def of_meeting(meeting, **query):
    return {"meeting__id__exact": meeting.pk, **query}


def listed(response):
    return [invitation.person.name for invitation in response.context["cl"].result_list]


def test_a_meetings_invitees_with_their_answers_and_counts(staff_client):
    meeting = make_meeting(title="6th meeting")
    invitations = every_answer(meeting)
    every_answer(make_meeting())  # another meeting's

    response = staff_client.get(CHANGELIST, of_meeting(meeting))

    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(i.person.name for i in invitations)
    counts = response.context["registration_counts"]
    assert counts.total.cells == [1, 1, 1, 1, 1]
    body = response.content.decode()
    assert "Answers to the invitation to 6th meeting" in body
    assert "5 invitees, by answer and stakeholder group" in body
    assert "No answer yet" in body
    delegate = invitations[2]
    assert f"{delegate.delegate_name}, Adviser (Remote)" in body
    export = reverse("admin:invitations_registration_export", args=[meeting.pk])
    fill = reverse("admin:invitations_registration_fill_attendance", args=[meeting.pk])
    assert f'href="{export}"' in body
    assert f'href="{fill}"' in body


def test_without_a_meeting_chosen_no_counts_and_a_hint(staff_client):
    every_answer(make_meeting())

    response = staff_client.get(CHANGELIST)

    assert response.context["registration_counts"] is None
    assert "Choose a meeting in the filter" in response.content.decode()
    assert len(listed(response)) == 5


@pytest.mark.parametrize("value", ["x", "-1", "99999999999999999999999", "１"])
def test_a_meeting_filter_that_names_no_meeting_is_no_error(staff_client, value):
    every_answer(make_meeting())

    response = staff_client.get(CHANGELIST, {"meeting__id__exact": value})

    assert response.status_code in (200, 302)  # the admin's "?e=1" for a bad lookup
    if response.status_code == 200:
        assert response.context["registration_counts"] is None


def test_a_meeting_nobody_was_invited_to_says_so(staff_client):
    meeting = make_meeting(title="Nobody yet")

    response = staff_client.get(CHANGELIST, of_meeting(meeting))

    assert "Nobody has been invited to Nobody yet yet." in response.content.decode()


@pytest.mark.parametrize(
    ("answer", "index"),
    [
        (Answer.IN_PERSON, 0),
        (Answer.REMOTE, 1),
        (Answer.DELEGATE, 2),
        (Answer.NOT_ATTENDING, 3),
        ("none", 4),
    ],
)
def test_filtered_by_answer(staff_client, answer, index):
    meeting = make_meeting()
    invitations = every_answer(meeting)

    response = staff_client.get(CHANGELIST, of_meeting(meeting, answer=answer))

    assert listed(response) == [invitations[index].person.name]


def test_searched_by_name_the_invitees_or_the_delegates(staff_client):
    meeting = make_meeting()
    invite(meeting, make_person(name="Graciela Guzmán"), Answer.IN_PERSON)
    invite(
        meeting,
        make_person(name="Kevin Hyland"),
        Answer.DELEGATE,
        delegate_name="Bernard Smith",
    )
    invite(meeting, make_person(name="Someone Else"))

    assert listed(staff_client.get(CHANGELIST, {"q": "Guzmán"})) == ["Graciela Guzmán"]
    assert listed(staff_client.get(CHANGELIST, {"q": "bernard"})) == ["Kevin Hyland"]


def test_names_are_shown_escaped(staff_client):
    meeting = make_meeting()
    invite(
        meeting,
        make_person(name="<script>alert(1)</script>"),
        Answer.DELEGATE,
        delegate_name='"><img src=x onerror=alert(2)>',
    )

    body = staff_client.get(CHANGELIST, of_meeting(meeting)).content.decode()

    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img src=x" not in body


def make_invitations(meeting, times):
    for _ in range(times):
        every_answer(meeting)


def count_queries(client, query):
    with CaptureQueriesContext(connection) as context:
        response = client.get(CHANGELIST, query)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_s_queries_do_not_grow_with_the_invitations(staff_client):
    meeting = make_meeting()
    make_invitations(make_meeting(), 1)  # another meeting's: the filter has two to choose from
    make_invitations(meeting, 1)
    staff_client.get(CHANGELIST)  # a session's first request loads more
    few = count_queries(staff_client, of_meeting(meeting))

    make_invitations(meeting, 9)
    many = count_queries(staff_client, of_meeting(meeting))

    assert Invitation.objects.filter(meeting=meeting).count() == 50
    assert few == many == QUERIES


# Correcting an answer ----------------------------------------------------------------------------


def change_url(invitation):
    return reverse("admin:invitations_registration_change", args=[invitation.pk])


def correction(client, invitation, **fields):
    """The change form as the page gives it, with `fields` typed over it."""
    page = client.get(change_url(invitation))
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in ((name, form[name].value()) for name in form.fields)
    }
    return {**data, **fields}


def test_the_secretariat_corrects_an_answer_with_its_reason_in_the_history(staff_client, staff):
    invitation = invite(make_meeting(), answer=Answer.NOT_ATTENDING)

    response = staff_client.post(
        change_url(invitation),
        correction(
            staff_client,
            invitation,
            answer=Answer.REMOTE,
            history_change_reason="She wrote to say she will join online",
        ),
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == Answer.REMOTE
    assert invitation.answered_at > ANSWERED_AT  # the answer as it is now, when it was given
    latest = invitation.history.first()
    assert latest.history_change_reason == "She wrote to say she will join online"
    assert latest.history_user == staff
    assert latest.prev_record.answer == Answer.NOT_ATTENDING


def test_a_delegate_without_a_name_is_refused_and_what_was_typed_is_kept(staff_client):
    invitation = invite(make_meeting(), answer=Answer.IN_PERSON)

    response = staff_client.post(
        change_url(invitation),
        correction(
            staff_client,
            invitation,
            answer=Answer.DELEGATE,
            delegate_name="  ",
            delegate_position="Counsellor",
            delegate_email="counsellor@example.org",
        ),
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["delegate_name"] == ["Give the name of the person they are sending."]
    assert form["delegate_position"].value() == "Counsellor"
    assert form["delegate_email"].value() == "counsellor@example.org"
    invitation.refresh_from_db()
    assert invitation.answer == Answer.IN_PERSON


def test_another_answer_drops_the_delegate_kept_in_the_history(staff_client):
    invitation = invite(
        make_meeting(),
        answer=Answer.DELEGATE,
        delegate_name="Bernard Smith",
        delegate_email="bernard@example.org",
    )

    staff_client.post(
        change_url(invitation),
        correction(staff_client, invitation, answer=Answer.IN_PERSON),
    )

    invitation.refresh_from_db()
    assert (invitation.answer, invitation.delegate_name, invitation.delegate_email) == (
        Answer.IN_PERSON,
        "",
        "",
    )
    assert invitation.history.first().prev_record.delegate_name == "Bernard Smith"


def test_the_answer_taken_back_leaves_no_answer_time(staff_client):
    invitation = invite(make_meeting(), answer=Answer.IN_PERSON)

    staff_client.post(change_url(invitation), correction(staff_client, invitation, answer=""))

    invitation.refresh_from_db()
    assert (invitation.answer, invitation.answered_at) == ("", None)


def test_nobody_is_invited_or_uninvited_here(staff_client):
    invitation = invite(make_meeting())

    add = staff_client.get(reverse("admin:invitations_registration_add"))
    delete = staff_client.get(
        reverse("admin:invitations_registration_delete", args=[invitation.pk])
    )
    listing = staff_client.get(CHANGELIST)

    assert (add.status_code, delete.status_code) == (403, 403)
    assert "delete_selected" not in listing.content.decode()


def test_the_history_pages_of_a_registration_answer(staff_client):
    invitation = invite(make_meeting(), answer=Answer.IN_PERSON)
    version = invitation.history.first()

    history = staff_client.get(
        reverse("admin:invitations_registration_history", args=[invitation.pk])
    )
    old = staff_client.get(
        reverse(
            "admin:invitations_registration_simple_history",
            args=[invitation.pk, version.history_id],
        )
    )

    assert (history.status_code, old.status_code) == (200, 200)


# Who sees them ----------------------------------------------------------------------------------


def pages(meeting, invitation):
    return [
        f"{CHANGELIST}?meeting__id__exact={meeting.pk}",
        change_url(invitation),
        reverse("admin:invitations_registration_export", args=[meeting.pk]),
        reverse("admin:invitations_registration_fill_attendance", args=[meeting.pk]),
    ]


def test_visitors_and_members_are_sent_to_sign_in(client, member_client):
    meeting = make_meeting()
    invitation = invite(meeting, make_person(name="Private Person"), Answer.IN_PERSON)

    for visitor in (client, member_client):
        for url in pages(meeting, invitation):
            response = visitor.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url
            assert "Private Person" not in response.content.decode()


def test_staff_without_the_secretariat_s_permissions_are_refused(django_user_model, roles):
    meeting = make_meeting()
    invitation = invite(meeting, make_person(name="Private Person"), Answer.IN_PERSON)
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    client = Client()
    client.force_login(clerk)

    for url in pages(meeting, invitation):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Private Person" not in response.content.decode()


def test_who_may_view_but_not_fill_sees_no_fill_link(django_user_model, roles):
    meeting = make_meeting()
    invite(meeting, answer=Answer.IN_PERSON)
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client = Client()
    client.force_login(viewer)

    listing = client.get(CHANGELIST, of_meeting(meeting))
    fill = client.get(reverse("admin:invitations_registration_fill_attendance", args=[meeting.pk]))

    assert listing.status_code == 200
    assert "Fill the attendance" not in listing.content.decode()
    assert fill.status_code == 403


def test_the_meeting_s_page_leads_to_its_registrations(staff_client):
    meeting = make_meeting()

    body = staff_client.get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    ).content.decode()

    assert f'href="{CHANGELIST}?meeting__id__exact={meeting.pk}"' in body
    assert "Invitations and registrations" in body


def test_registrations_are_invitations_seen_as_their_answers():
    invitation = invite(make_meeting(), answer=Answer.REMOTE)

    assert Registration.objects.get().pk == invitation.pk
