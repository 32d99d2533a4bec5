"""Who takes part in a comment round: the people its audience names, and always the participants
who attended for an organisation that took the floor (and each named speaker), so that speakers
can confirm how their words were recorded, whoever else the round is for.

- The meeting's participants: the people of its attendance, each for the organisation they
  attended for.
- The meeting's invitees: the people invited to it (invitations.Invitation), for the organisation
  they answered for, or they attended for, or their own.
- All GCG members: the people linked to an active account of the Members group, for the
  organisation they attended for, or their own.

Erased people take no part. Reviewers are added when the round opens and again each time it is
re-circulated (people added to the attendance since then join it); nobody is removed.
"""

from base.accounts.invitations import MEMBERS
from invitations.models import Invitation
from meetings.models import Attendance, Intervention
from partners.models import Person

from .models import Audience, Reviewer


def people_taking_part(meeting, audience):
    """{person pk: organisation pk or None} for a round on `meeting` for `audience`. At most
    four queries."""
    attended = dict(
        Attendance.objects.filter(meeting=meeting).values_list("person", "organization")
    )
    spoke = Intervention.objects.filter(agenda_item__meeting=meeting)
    speaking_organizations = set(spoke.values_list("organization", flat=True))
    people = {
        person: organization
        for person, organization in attended.items()
        if organization in speaking_organizations
    }
    named = spoke.exclude(speaker=None).values_list("speaker", "speaker__organization")
    for person, organization in named:
        people.setdefault(person, attended.get(person, organization))

    if audience == Audience.PARTICIPANTS:
        people.update(attended)
    elif audience == Audience.INVITEES:
        invited = Invitation.objects.filter(meeting=meeting).values_list(
            "person", "organization", "person__organization"
        )
        for person, answered_for, own in invited:
            people.setdefault(person, answered_for or attended.get(person, own))
    elif audience == Audience.MEMBERS:
        members = Person.objects.filter(
            user__is_active=True, user__groups__name=MEMBERS
        ).values_list("pk", "organization")
        for person, own in members:
            people.setdefault(person, attended.get(person, own))
    not_erased = set(
        Person.objects.filter(pk__in=people, erased_at__isnull=True).values_list("pk", flat=True)
    )
    return {person: org for person, org in people.items() if person in not_erased}


def add_reviewers(comment_round):
    """Adds the people taking part who are not yet reviewers of `comment_round`; returns how
    many were added. Each reviewer's e-mails are in the language of their invitation to the
    meeting, if they had one, else in the record's."""
    people = people_taking_part(comment_round.meeting, comment_round.audience)
    already = set(comment_round.reviewers.values_list("person", flat=True))
    languages = dict(
        Invitation.objects.filter(meeting=comment_round.meeting, person__in=people).values_list(
            "person", "language"
        )
    )
    new = [
        Reviewer(
            round=comment_round,
            person_id=person,
            organization_id=organization,
            **({"language": languages[person]} if person in languages else {}),
        )
        for person, organization in people.items()
        if person not in already
    ]
    Reviewer.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def speaks_for(reviewer, intervention):
    """Whether `reviewer` may confirm or correct `intervention`'s summary: its named speaker, or
    a participant for the organisation that took the floor."""
    return reviewer.person_id == intervention.speaker_id or (
        reviewer.organization_id is not None
        and reviewer.organization_id == intervention.organization_id
    )
