"""A meeting's answers counted: per answer, "no answer yet" included, and per stakeholder group
of the organisation answered for (the invitee's own until they say), in one query."""

import pytest

from invitations.models import Answer
from invitations.registration_counts import NO_ANSWER, registration_counts
from partners.models import OrganizationKind
from tests.factories import make_meeting, make_organization, make_person

from .registration_rows import every_answer, invite

pytestmark = pytest.mark.django_db


def person_of(kind):
    return make_person(organization=make_organization(kind=kind))


def test_every_answer_is_counted_and_no_other_meetings(django_assert_num_queries):
    meeting = make_meeting()
    every_answer(meeting)
    invite(meeting, answer=Answer.IN_PERSON)
    invite(meeting)
    every_answer(make_meeting())  # another meeting's, not counted

    with django_assert_num_queries(1):
        counts = registration_counts(meeting)

    assert counts.total.per_answer == {
        Answer.IN_PERSON: 2,
        Answer.REMOTE: 1,
        Answer.DELEGATE: 1,
        Answer.NOT_ATTENDING: 1,
        NO_ANSWER: 2,
    }
    assert counts.total.cells == [2, 1, 1, 1, 2]  # the columns' order: who comes first
    assert counts.headings == [
        "Attending in person",
        "Attending remotely",
        "Sending someone else",
        "Not attending",
        "No answer yet",
    ]
    assert (counts.total.invited, counts.total.attending) == (7, 4)


def test_stakeholder_groups_by_the_organisation_answered_for_else_the_invitees():
    meeting = make_meeting()
    government = make_organization(kind=OrganizationKind.GOVERNMENT)
    # Answered for a government though working for civil society: a government's invitee.
    invite(
        meeting,
        person_of(OrganizationKind.CIVIL_SOCIETY),
        Answer.IN_PERSON,
        organization=government,
    )
    invite(meeting, person_of(OrganizationKind.GOVERNMENT), Answer.NOT_ATTENDING)
    # Not answered yet: their own organisation's group.
    invite(meeting, person_of(OrganizationKind.CIVIL_SOCIETY))
    # A regional body counts with the UN and intergovernmental organisations.
    invite(meeting, person_of(OrganizationKind.REGIONAL_BODY), Answer.REMOTE)
    invite(meeting, person_of(OrganizationKind.INTERGOVERNMENTAL), Answer.IN_PERSON)
    invite(meeting, person_of(OrganizationKind.OTHER), Answer.IN_PERSON)

    counts = registration_counts(meeting)

    assert [(row.label, row.cells) for row in counts.groups] == [
        ("Governments", [1, 0, 0, 1, 0]),
        ("UN and intergovernmental", [1, 1, 0, 0, 0]),
        ("Civil society", [0, 0, 0, 0, 1]),
        ("Not yet classified", [1, 0, 0, 0, 0]),
    ]
    assert counts.total.cells == [3, 1, 0, 1, 1]


def test_a_meeting_nobody_was_invited_to_counts_nothing():
    counts = registration_counts(make_meeting())

    assert counts.groups == []
    assert counts.total.invited == 0
