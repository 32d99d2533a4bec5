"""Publishing a draft meeting: an explicit, confirmed step that first lists what looks unfinished
and can go ahead anyway; and the way back to draft."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from base.record.visibility import PublicationStatus
from meetings.models import ActionPointKind, KeyFigure, Meeting
from meetings.publishing import Unclassified, unclassified, unfinished, what_looks_unfinished
from partners.models import OrganizationKind
from tests.admin_forms import posted_data
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_document,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED
DUE = datetime.date(2019, 12, 1)


def make_finished_meeting(**kwargs):
    """A draft with nothing missing: a chair, attendance, every item spoken to, follow-ups owned
    and dated."""
    meeting = make_meeting(status=DRAFT, chair=make_person(), **kwargs)
    make_attendance(meeting=meeting)
    make_intervention(agenda_item=make_agenda_item(meeting=meeting))
    point = make_action_point(meeting=meeting, due_date=DUE, due_precision="day")
    point.owners.add(make_organization())
    return meeting


def publish_url(meeting):
    return reverse("admin:meetings_meeting_publish", args=[meeting.pk])


def return_url(meeting):
    return reverse("admin:meetings_meeting_return_to_draft", args=[meeting.pk])


def test_each_kind_of_unfinished_part_is_listed():
    meeting = make_meeting(status=DRAFT, chair=None)
    make_intervention(agenda_item=make_agenda_item(meeting=meeting, title="Welcome"))
    make_agenda_item(meeting=meeting, title="Update from pathfinder countries")
    owner = make_organization()
    dated = {"due_date": DUE, "due_precision": "day"}
    make_action_point(meeting=meeting, text="Owned and dated.", **dated).owners.add(owner)
    make_action_point(meeting=meeting, text="Dated only.", **dated)
    make_action_point(meeting=meeting, text="Owned only.").owners.add(owner)
    make_action_point(meeting=meeting, text="Neither.")
    make_action_point(meeting=meeting, text="A decision.", kind=ActionPointKind.DECISION)

    assert unfinished(meeting) == [
        "No chair is recorded.",
        "No attendance is recorded.",
        "Agenda item “2. Update from pathfinder countries” has no interventions.",
        "Follow-up “Dated only.” has no owner.",
        "Follow-up “Owned only.” has no due date.",
        "Follow-up “Neither.” has no owner and no due date.",
    ]


def test_a_finished_meeting_has_nothing_unfinished():
    assert unfinished(make_finished_meeting()) == []


def test_the_check_costs_five_queries_whatever_the_meetings(django_assert_num_queries):
    for _ in range(5):
        meeting = make_finished_meeting()
        make_agenda_item(meeting=meeting)
        make_action_point(meeting=meeting)

    # Attendance and chair; silent items; follow-ups; unclassified organisations, their people.
    with django_assert_num_queries(5):
        problems = what_looks_unfinished(Meeting.objects.all())

    assert [len(found) for found in problems.values()] == [2] * 5


def test_publishing_lists_what_looks_unfinished_and_can_go_ahead_anyway(staff, staff_client):
    meeting = make_meeting(status=DRAFT, title="6th meeting of the GCG")
    make_agenda_item(meeting=meeting, title="Update from pathfinder countries")

    public_page = meeting.get_absolute_url()
    assert Client().get(public_page).status_code == 404  # a draft: for staff only
    page = staff_client.get(publish_url(meeting))

    body = page.content.decode()
    for problem in unfinished(meeting):
        assert f"<li>{problem}</li>" in body
    assert 'value="Publish anyway"' in body
    meeting.refresh_from_db()
    assert meeting.status == DRAFT  # looking publishes nothing

    response = staff_client.post(publish_url(meeting), {"post": "yes", **checked(page)})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:meetings_meeting_change", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.status == PUBLISHED
    version = meeting.history.order_by("-history_id").first()
    assert (version.status, version.history_change_reason) == (PUBLISHED, "Published")
    assert version.history_user == staff
    assert Client().get(public_page).status_code == 200


def checked(page):
    return {"checked": page.context["checked"]}


def test_a_finished_meeting_is_published_without_anyway(staff_client):
    meeting = make_finished_meeting()

    body = staff_client.get(publish_url(meeting)).content.decode()

    assert "Nothing looks unfinished." in body
    assert 'value="Publish"' in body


def test_what_changed_after_the_check_is_looked_at_again(staff_client):
    meeting = make_finished_meeting()
    page = staff_client.get(publish_url(meeting))
    meeting.attendances.all().delete()

    response = staff_client.post(publish_url(meeting), {"post": "yes", **checked(page)})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was changed: what is shown below changed since you looked." in body
    assert "<li>No attendance is recorded.</li>" in body
    meeting.refresh_from_db()
    assert meeting.status == DRAFT


def test_returning_to_draft_is_confirmed_and_kept_in_the_history(staff_client):
    meeting = make_meeting(status=PUBLISHED)
    page = staff_client.get(return_url(meeting))
    assert 'value="Return to draft"' in page.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == PUBLISHED

    response = staff_client.post(return_url(meeting), {"post": "yes", **checked(page)})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == DRAFT
    version = meeting.history.order_by("-history_id").first()
    assert version.history_change_reason == "Returned to draft"


def test_the_list_action_publishes_the_selected_drafts_after_the_check(staff_client):
    finished, unfinished_draft = make_finished_meeting(), make_meeting(status=DRAFT)
    already = make_meeting(status=PUBLISHED)
    changelist = reverse("admin:meetings_meeting_changelist")
    selection = {
        "action": "publish_selected",
        "_selected_action": [finished.pk, unfinished_draft.pk, already.pk],
    }

    page = staff_client.post(changelist, selection)

    body = page.content.decode()
    assert page.status_code == 200
    assert "<li>No chair is recorded.</li>" in body
    assert f"Already published, left as is: {already}" in body
    assert Meeting.objects.filter(status=DRAFT).count() == 2

    response = staff_client.post(changelist, {**selection, "post": "yes", **checked(page)})

    assert response.status_code == 302
    assert set(Meeting.objects.values_list("status", flat=True)) == {PUBLISHED}


def test_the_list_action_returns_the_selected_to_draft(staff_client):
    meetings = [make_meeting(status=PUBLISHED) for _ in range(2)]
    changelist = reverse("admin:meetings_meeting_changelist")
    selection = {
        "action": "return_selected_to_draft",
        "_selected_action": [meeting.pk for meeting in meetings],
    }

    page = staff_client.post(changelist, selection)
    staff_client.post(changelist, {**selection, "post": "yes", **checked(page)})

    assert set(Meeting.objects.values_list("status", flat=True)) == {DRAFT}


@pytest.fixture
def viewer(django_user_model):
    """Staff who may see meetings in the admin but not change them."""
    user = django_user_model.objects.create_user(
        "viewer", password="a-long-test-password-1", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client = Client()
    client.force_login(user)
    return client


def test_only_who_may_change_meetings_may_publish_or_return_to_draft(viewer):
    draft, published = make_meeting(status=DRAFT), make_meeting(status=PUBLISHED)
    changelist = reverse("admin:meetings_meeting_changelist")

    answers = [
        viewer.get(publish_url(draft)).status_code,
        viewer.post(publish_url(draft), {"post": "yes"}).status_code,
        viewer.get(return_url(published)).status_code,
        viewer.post(return_url(published), {"post": "yes"}).status_code,
        viewer.get(publish_url(Meeting(pk=999999))).status_code,
    ]
    action_form = viewer.get(changelist).context["action_form"]
    actions = action_form.fields["action"].choices if action_form else []

    assert answers == [403] * 5
    assert not {"publish_selected", "return_selected_to_draft"} & {name for name, _ in actions}
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (DRAFT, PUBLISHED)


def test_an_unknown_meeting_is_not_found(staff_client):
    assert staff_client.get(publish_url(Meeting(pk=999999))).status_code == 404
    assert staff_client.get("/admin/meetings/meeting/not-a-number/publish/").status_code == 404


def test_the_status_changes_only_through_publishing(staff_client):
    meeting = make_finished_meeting()
    page = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert "status" not in page.context["adminform"].form.fields
    assert f'href="{publish_url(meeting)}">Publish…</a>' in page.content.decode()

    staff_client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        posted_data(page, status=PUBLISHED),
    )

    meeting.refresh_from_db()
    assert meeting.status == DRAFT


def test_a_published_meeting_offers_the_way_back_to_draft(staff_client):
    meeting = make_meeting(status=PUBLISHED)

    body = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content

    assert f'href="{return_url(meeting)}">Return to draft…</a>' in body.decode()


def test_the_confirmation_page_costs_the_same_whatever_the_meeting(
    superuser_client, django_assert_num_queries
):
    small = make_meeting(status=DRAFT)
    large = make_meeting(status=DRAFT)
    for _ in range(10):
        make_intervention(agenda_item=make_agenda_item(meeting=large))
        make_agenda_item(meeting=large)
        make_attendance(meeting=large)
        make_action_point(meeting=large)
    superuser_client.get(publish_url(small))  # a session's first request loads more

    # Session, user, their second factor; the meeting (get_object), the meetings shown; what
    # cannot be published; the five queries of the check; the calendar's entries.
    with django_assert_num_queries(12):
        superuser_client.get(publish_url(small))
    with django_assert_num_queries(12):
        response = superuser_client.get(publish_url(large))

    assert len(response.context["rows"][0][1]) == 21  # no chair; 10 silent items, 10 follow-ups


def test_reverting_to_an_earlier_version_keeps_the_status(staff_client):
    """A version from before publication brings back its fields, not its draft status."""
    meeting = make_meeting(status=DRAFT, city="Geneva")
    draft_version = meeting.history.get()
    meeting.city = "New York"
    meeting.status = PUBLISHED
    meeting.save()
    url = reverse(
        "admin:meetings_meeting_simple_history", args=[meeting.pk, draft_version.history_id]
    )

    response = staff_client.post(url, posted_data(staff_client.get(url)))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.city, meeting.status) == ("Geneva", PUBLISHED)


# Organisations still "Other or not yet classified" (the participant import makes them so).


def make_unclassified(name):
    return make_organization(name=name, kind=OrganizationKind.OTHER)


def unclassified_found(meeting):
    return {
        problem.name: problem.people
        for problem in unfinished(meeting)
        if isinstance(problem, Unclassified)
    }


def test_every_unclassified_organisation_the_meeting_names_is_listed_with_its_people():
    meeting = make_meeting(status=DRAFT)
    imported = make_unclassified("Imported Organisation (test data)")
    zoe = make_person(name="Zoe Abbott", organization=imported)
    ana = make_person(name="Ana Zamora", organization=imported)
    ben = make_person(name="Ben Moreau")  # of a classified organisation, listed under this one
    for person in (zoe, ana):
        make_attendance(meeting=meeting, person=person)
    make_attendance(meeting=meeting, person=ben, organization=imported)
    speaker = make_person(name="Sam Speaker", organization=make_unclassified("Speaker's (test)"))
    meeting.chair = make_person(name="Cleo Chair", organization=make_unclassified("Chair's (test)"))
    meeting.save()
    item = make_agenda_item(meeting=meeting)
    spoken = make_intervention(agenda_item=item, organization=make_unclassified("Spoke (test)"))
    spoken.on_behalf_of.add(make_unclassified("Spoken for (test)"))
    make_intervention(agenda_item=item, speaker=speaker)
    make_action_point(meeting=meeting).owners.add(make_unclassified("Owner (test)"))
    make_document(agenda_item=item).organizations.add(make_unclassified("Author, item (test)"))
    make_document(meeting=meeting).organizations.add(make_unclassified("Author (test)"))
    KeyFigure.objects.create(
        agenda_item=item, value=3, label="symposia", reported_by=make_unclassified("Source (test)")
    )
    make_attendance(meeting=meeting, person=make_person(name="Classified Person"))
    make_unclassified("Named nowhere (test)")
    other_draft = make_meeting(status=DRAFT)
    make_attendance(meeting=other_draft, person=make_person(organization=make_unclassified("X")))

    found = unclassified_found(meeting)

    assert found == {
        "Author (test)": (),
        "Author, item (test)": (),
        "Chair's (test)": ((meeting.chair.pk, "Cleo Chair"),),
        # By family name: Abbott, Moreau, Zamora.
        "Imported Organisation (test data)": (
            (zoe.pk, "Zoe Abbott"),
            (ben.pk, "Ben Moreau"),
            (ana.pk, "Ana Zamora"),
        ),
        "Owner (test)": (),
        "Source (test)": (),
        "Speaker's (test)": ((speaker.pk, "Sam Speaker"),),
        "Spoke (test)": (),
        "Spoken for (test)": (),
    }
    assert list(found) == sorted(found)  # by name
    assert [str(problem) for problem in unfinished(meeting)][-1] == (
        "“Spoken for (test)” is still “Other or not yet classified”."
    )


def test_classified_organisations_raise_nothing():
    meeting = make_finished_meeting()
    make_attendance(meeting=meeting, person=make_person(organization=make_organization()))
    assert unfinished(meeting) == []


def test_the_publish_check_links_each_unclassified_organisation_and_its_people(staff_client):
    meeting = make_finished_meeting()
    imported = make_unclassified("Imported Organisation (test data)")
    person = make_person(name="Zoe Abbott", organization=imported)
    make_attendance(meeting=meeting, person=person)

    page = staff_client.get(publish_url(meeting))

    body = page.content.decode()
    organization_url = reverse("admin:partners_organization_change", args=[imported.pk])
    person_url = reverse("admin:partners_person_change", args=[person.pk])
    assert (
        f'<a href="{organization_url}">Imported Organisation (test data)</a> is still '
        "“Other or not yet classified”: classify it before it goes public."
    ) in body
    assert "Its people at this meeting, who go public with it:" in body
    assert f'<li><a href="{person_url}">Zoe Abbott</a></li>' in body
    assert "Nothing looks unfinished." not in body
    assert 'value="Publish anyway"' in body  # a warning, as the others are

    response = staff_client.post(publish_url(meeting), {"post": "yes", **checked(page)})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == PUBLISHED


def test_someone_of_an_unclassified_organisation_added_after_the_check_is_looked_at_again(
    staff_client,
):
    meeting = make_finished_meeting()
    imported = make_unclassified("Imported Organisation (test data)")
    make_attendance(meeting=meeting, person=make_person(organization=imported))
    page = staff_client.get(publish_url(meeting))
    make_attendance(meeting=meeting, person=make_person(name="Late Arrival", organization=imported))

    response = staff_client.post(publish_url(meeting), {"post": "yes", **checked(page)})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was changed: what is shown below changed since you looked." in body
    assert "Late Arrival" in body
    meeting.refresh_from_db()
    assert meeting.status == DRAFT


def test_the_unclassified_check_costs_two_queries_whatever_the_meetings(
    django_assert_num_queries,
):
    def build(count):
        for _ in range(count):
            meeting = make_meeting(status=DRAFT)
            organization = make_unclassified(f"Imported {meeting.number} (test data)")
            for _ in range(3):
                make_attendance(meeting=meeting, person=make_person(organization=organization))
            make_intervention(agenda_item=make_agenda_item(meeting), organization=organization)

    build(1)
    with django_assert_num_queries(2):
        small = unclassified(Meeting.objects.all())
    build(9)
    with django_assert_num_queries(2):
        large = unclassified(Meeting.objects.all())

    assert [len(found[0].people) for found in small.values()] == [3]
    assert [len(found[0].people) for found in large.values()] == [3] * 10
