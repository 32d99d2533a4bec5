"""Small factories for tests: each makes one valid object, with overridable fields; and the
assertion the model tests share, that the database refuses a write."""

import datetime
import importlib
import itertools
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from actiongroups.models import ActionGroup, ActionGroupStatus
from base.accounts.roles import grant_the_secretariat_its_permissions
from base.record.visibility import PublicationStatus
from comment_rounds.models import Audience, Comment, CommentRound, Reviewer
from invitations.models import Invitation
from meetings.models import (
    ActionPoint,
    ActionPointKind,
    AgendaItem,
    Attendance,
    AttendanceMode,
    Document,
    DocumentKind,
    Event,
    Intervention,
    Meeting,
)
from partners.models import Country, EmailAddress, Organization, OrganizationKind, Person
from pathfinders.models import Milestone, Stage
from tests import document_samples

_seq = itertools.count(1)


def _n():
    return next(_seq)


# A meeting's number is a small integer, unique. Tests that type one use numbers under 1,000, so
# the factory's own are 1,000 and above, counted apart from the other names, and wrap before the
# column's limit however many meetings a worker makes.
_meeting_numbers = itertools.count()


def make_country(**kwargs):
    n = _n()
    kwargs.setdefault("name", f"Country {n}")
    return Country.objects.create(**kwargs)


def make_organization(**kwargs):
    n = _n()
    kwargs.setdefault("name", f"Organisation {n}")
    kwargs.setdefault("kind", OrganizationKind.CIVIL_SOCIETY)
    return Organization.objects.create(**kwargs)


def make_person(email=True, **kwargs):
    n = _n()
    kwargs.setdefault("name", f"Person {n}")
    if "organization" not in kwargs:
        kwargs["organization"] = make_organization()
    person = Person.objects.create(**kwargs)
    if email:
        address = email if isinstance(email, str) else f"person{n}@example.org"
        EmailAddress.objects.create(person=person, address=address)
    return person


def make_meeting(**kwargs):
    n = _n()
    kwargs.setdefault("number", 1000 + next(_meeting_numbers) % 30000)
    kwargs.setdefault("title", f"Meeting {n}")
    kwargs.setdefault("date", datetime.date(2019, 7, 17))
    kwargs.setdefault("city", "New York")
    kwargs.setdefault("status", PublicationStatus.PUBLISHED)
    return Meeting.objects.create(**kwargs)


def make_agenda_item(meeting=None, **kwargs):
    meeting = meeting or make_meeting()
    kwargs.setdefault("number", meeting.agenda_items.count() + 1)
    kwargs.setdefault("title", f"Item {kwargs['number']}")
    return AgendaItem.objects.create(meeting=meeting, **kwargs)


def make_intervention(agenda_item=None, countries=(), action_groups=(), **kwargs):
    agenda_item = agenda_item or make_agenda_item()
    kwargs.setdefault("position", agenda_item.interventions.count() + 1)
    kwargs.setdefault("summary", "Took the floor.")
    if "organization" not in kwargs:
        # A named speaker speaks for their own organisation, as Intervention.clean() asks.
        speaker = kwargs.get("speaker")
        kwargs["organization"] = speaker.organization if speaker else make_organization()
    intervention = Intervention.objects.create(agenda_item=agenda_item, **kwargs)
    intervention.countries.set(countries)
    intervention.action_groups.set(action_groups)
    return intervention


def make_attendance(meeting=None, person=None, **kwargs):
    meeting = meeting or make_meeting()
    person = person or make_person()
    kwargs.setdefault("organization", person.organization)
    kwargs.setdefault("listed_as", person.organization.name)
    kwargs.setdefault("mode", AttendanceMode.IN_PERSON)
    return Attendance.objects.create(meeting=meeting, person=person, **kwargs)


def make_milestone(country=None, kind=Stage.EXPRESSION_OF_INTEREST, source_meeting=None, **kwargs):
    return Milestone.objects.create(
        country=country or make_country(),
        kind=kind,
        source_meeting=source_meeting or make_meeting(),
        **kwargs,
    )


def make_action_group(**kwargs):
    n = _n()
    kwargs.setdefault("name", f"Action Group {n}")
    kwargs.setdefault("status", ActionGroupStatus.ACTIVE)
    return ActionGroup.objects.create(**kwargs)


def make_action_point(meeting=None, **kwargs):
    kwargs.setdefault("kind", ActionPointKind.FOLLOW_UP)
    kwargs.setdefault("text", "Circulate the paper.")
    return ActionPoint.objects.create(meeting=meeting or make_meeting(), **kwargs)


def make_document(**kwargs):
    n = _n()
    kwargs.setdefault("title", f"Document {n}")
    kwargs.setdefault("kind", DocumentKind.REPORT)
    return Document.objects.create(**kwargs)


def make_document_with_file(name="paper.pdf", content=None, **kwargs):
    """A document with an uploaded file (a tiny PDF unless `content` is given)."""
    return make_document(
        file=document_samples.upload(name, content or document_samples.pdf()), **kwargs
    )


def make_event(**kwargs):
    n = _n()
    kwargs.setdefault("title", f"Event {n}")
    kwargs.setdefault("start_date", datetime.date(2019, 11, 11))
    return Event.objects.create(**kwargs)


def assert_refused(write, constraint=None):
    """Run `write` in its own transaction and check the database refuses it (naming
    `constraint`, as SQLite and PostgreSQL both do for a check constraint)."""
    with pytest.raises(IntegrityError) as excinfo:
        with transaction.atomic():
            write()
    if constraint:
        assert constraint in str(excinfo.value)


ROLES_MIGRATION = importlib.import_module("partners.migrations.0003_roles")
ROLES = ("Secretariat", "Members")


def make_roles():
    """The Secretariat's and the members' groups, made by the roles migration's own code.

    The migration ran when the test database was created, but a transactional test (the live
    server, the migration tests) empties every table after it, groups included: they are made
    again only then, not for every test (the migration's code costs 20 queries)."""
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLES)}
    if len(groups) < len(ROLES):
        ROLES_MIGRATION.create_roles(apps, SimpleNamespace(connection=connection))
        # And what `migrate` grants after it, on the models added since (the invitations').
        grant_the_secretariat_its_permissions()
        groups = {group.name: group for group in Group.objects.filter(name__in=ROLES)}
    return SimpleNamespace(secretariat=groups["Secretariat"], members=groups["Members"])


def make_announced_meeting(agenda=(), **kwargs):
    """A planned meeting (meetings.planned_meetings): a draft announced to everyone, by default
    in Paris in November 2019, its day not yet known; its draft agenda the titles in `agenda`
    (circulated if `agenda_circulated=True` is given); put on the calendar as the meeting's admin
    page puts it when it is saved."""
    from meetings.calendar_entries import meeting_event_keep_in_step

    kwargs.setdefault("status", PublicationStatus.DRAFT)
    kwargs.setdefault("announced", True)
    kwargs.setdefault("date", datetime.date(2019, 11, 1))
    kwargs.setdefault("date_precision", "month")
    kwargs.setdefault("city", "Paris")
    meeting = make_meeting(**kwargs)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, number=number, title=title)
        for number, title in enumerate(agenda, start=1)
    )
    meeting_event_keep_in_step(meeting)
    return meeting


def make_invitation(meeting=None, person=None, **kwargs):
    """An invitation to a meeting still a draft (planned, say), unanswered unless told."""
    return Invitation.objects.create(
        meeting=meeting or make_meeting(status=PublicationStatus.DRAFT),
        person=person or make_person(),
        **kwargs,
    )


def make_comment_round(meeting=None, **kwargs):
    """An open round on a draft meeting, for its participants, with ten days to comment; no
    reviewers unless added (comment_rounds.reviewers.add_reviewers, or make_reviewer)."""
    kwargs.setdefault("audience", Audience.PARTICIPANTS)
    kwargs.setdefault("deadline", timezone.now() + datetime.timedelta(days=10))
    return CommentRound.objects.create(
        meeting=meeting or make_meeting(status=PublicationStatus.DRAFT), **kwargs
    )


def make_reviewer(comment_round=None, person=None, **kwargs):
    person = person or make_person()
    kwargs.setdefault("organization", person.organization)
    return Reviewer.objects.create(
        round=comment_round or make_comment_round(), person=person, **kwargs
    )


def make_comment(reviewer=None, **kwargs):
    reviewer = reviewer or make_reviewer()
    kwargs.setdefault("text", "The summary leaves out what was said of the budget.")
    return Comment.objects.create(round=reviewer.round, reviewer=reviewer, **kwargs)


def make_draft_record():
    """A draft meeting with a record to comment on: two agenda items; at the first, organisation
    A takes the floor by its named speaker `speaker_a`; at the second, organisation B, its
    speaker not named, while `participant_b` attended for B; `listener` attended for C, which
    did not take the floor; `outsider` did not attend."""
    meeting = make_meeting(status=PublicationStatus.DRAFT)
    first, second = make_agenda_item(meeting), make_agenda_item(meeting)
    speaker_a, participant_b, listener = make_person(), make_person(), make_person()
    for person in (speaker_a, participant_b, listener):
        make_attendance(meeting, person)
    return SimpleNamespace(
        meeting=meeting,
        first_item=first,
        second_item=second,
        speaker_a=speaker_a,
        participant_b=participant_b,
        listener=listener,
        outsider=make_person(),
        intervention_a=make_intervention(first, speaker=speaker_a, summary="A said yes."),
        intervention_b=make_intervention(
            second, organization=participant_b.organization, summary="B said no."
        ),
    )
