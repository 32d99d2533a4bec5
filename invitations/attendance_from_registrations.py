"""A meeting's attendance filled from its registrations, once the meeting has taken place, for
the officer to correct in the meeting's workspace: nobody is typed twice.

- Attending in person or remotely: the invitee, as they answered, for the organisation they
  answered for (their own if they did not say), with their current position.
- Sending someone else: the delegate, in place of the invitee, attending as the answer says (in
  person where it does not say), with the position the answer gives. The delegate is found among
  the record's people by the e-mail address given (an address is one person's, whatever its
  case); else by their exact name in the organisation answered for, and the address given is
  added to them; else they are recorded as a new person of that organisation, with that name,
  position and address. A name several people of the organisation share is not guessed: it is
  left to the officer.
- Not attending, and no answer: nobody.

Someone already in the attendance keeps their row as it is, so filling twice adds nothing; no
one is added twice (an invitee who comes is added as they answered, though another invitee sends
them too; a delegate two invitees send, once). The fill is planned first, nothing written (what
the confirmation page shows); then planned again and written in one transaction, the meeting
locked, in a fixed number of queries whatever the number of registrations. Every row it writes
carries FILLED_REASON in its history.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from base.record.partial_dates import DatePrecision
from meetings.models import Attendance, AttendanceMode, Meeting
from partners.models import EmailAddress, Organization, Person
from partners.services import emails_add, people_create

from .models import Answer, Invitation
from .registration_counts import organization_counted

FILLED_REASON = "Filled from the registrations"

INVITEE = gettext_lazy("the invitee")
BY_EMAIL = gettext_lazy("delegate, found by e-mail address")
BY_NAME = gettext_lazy("delegate, found by name in the organisation")
NEW_PERSON = gettext_lazy("delegate, recorded as a new person")


@dataclass
class Arrival:
    """Someone the registrations bring to the meeting: the invitee or their delegate, found or
    to record (`person` None until written)."""

    invitation: Invitation
    person: Person | None
    organization: Organization
    mode: str
    position_held: str
    matched_by: str
    name: str
    email: str = ""  # the delegate's address, for a person found by name or a new one

    @property
    def mode_label(self):
        return AttendanceMode(self.mode).label

    @property
    def for_whom(self):
        """Whose registration brings them: the invitee's name, for a delegate."""
        return self.invitation.person.name if self.invitation.answer == Answer.DELEGATE else ""


@dataclass
class LeftToTheOfficer:
    invitation: Invitation
    reason: str


@dataclass
class FillPlan:
    """What filling the attendance does, or did: who is added, who already was, whose answer
    adds nobody, and what is left to the officer."""

    meeting: Meeting
    added: list[Arrival] = field(default_factory=list)
    already_there: list[Arrival] = field(default_factory=list)
    not_attending: list[Invitation] = field(default_factory=list)
    no_answer: list[Invitation] = field(default_factory=list)
    left_to_the_officer: list[LeftToTheOfficer] = field(default_factory=list)
    last_order: int = 0  # the highest order in the list of the attendance recorded

    @property
    def people_created(self):
        return [arrival for arrival in self.added if arrival.matched_by == NEW_PERSON]


def attendance_fill_refusal(meeting, today=None):
    """Why `meeting`'s attendance cannot be filled now, or None."""
    today = today or timezone.localdate()
    values = {"meeting": meeting}
    if meeting.cancelled:
        return _("%(meeting)s was cancelled: it has no attendance to fill.") % values
    if meeting.date_precision != DatePrecision.DAY:
        return _("The day of %(meeting)s is not yet known: confirm its date first.") % values
    if meeting.date > today:
        return _(
            "%(meeting)s takes place on %(date)s: its attendance can be filled from that day on."
        ) % {**values, "date": formats.date_format(meeting.date, "DATE_FORMAT")}
    return None


def attendance_fill_plan(meeting, today=None):
    """What filling `meeting`'s attendance would do, nothing written; a ValidationError saying
    why when it cannot be done. Four queries at most."""
    refusal = attendance_fill_refusal(meeting, today)
    if refusal:
        raise ValidationError(refusal)
    invitations = list(
        Invitation.objects.filter(meeting=meeting)
        .select_related("person__organization", "organization")
        .order_by("person__sort_key", "person__name", "pk")
    )
    if not invitations:
        raise ValidationError(
            _("Nobody was invited to %(meeting)s: there are no registrations to fill from.")
            % {"meeting": meeting}
        )
    if not any(invitation.answer for invitation in invitations):
        raise ValidationError(
            _(
                "No invitee of %(meeting)s has answered yet: "
                "there are no registrations to fill from."
            )
            % {"meeting": meeting}
        )
    plan = FillPlan(meeting)
    arrivals = _arrivals(invitations, plan)
    recorded = dict(
        Attendance.objects.filter(meeting=meeting).order_by().values_list("person_id", "position")
    )
    plan.last_order = max(recorded.values(), default=0)
    _added_or_already_there(arrivals, recorded.keys(), plan)
    return plan


def attendance_fill(meeting, today=None):
    """Fill `meeting`'s attendance from its registrations, in one transaction; the plan it
    carried out (`person` set on every arrival). A ValidationError, nothing written, when it
    cannot be done."""
    with transaction.atomic():
        # One fill at a time per meeting, on the meeting as it is now (cancelled, its date).
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        plan = attendance_fill_plan(meeting, today)
        _write(plan)
    return plan


def _arrivals(invitations, plan):
    """Each attending registration's arrival, in the invitations' order, the invitees who come
    themselves first (someone who answered for themselves attends as they said, though another
    invitee sends them too); the others sorted into the plan."""
    delegations = [i for i in invitations if i.answer == Answer.DELEGATE]
    by_email = _people_by_email(delegations)
    by_name = _people_by_name(delegations)
    arrivals, delegates = [], []
    for invitation in invitations:
        if not invitation.answer:
            plan.no_answer.append(invitation)
        elif invitation.answer == Answer.NOT_ATTENDING:
            plan.not_attending.append(invitation)
        elif invitation.answer == Answer.DELEGATE:
            arrival = _delegate(invitation, by_email, by_name)
            if isinstance(arrival, LeftToTheOfficer):
                plan.left_to_the_officer.append(arrival)
            else:
                delegates.append(arrival)
        else:
            person = invitation.person
            arrivals.append(
                Arrival(
                    invitation,
                    person,
                    organization_counted(invitation),
                    mode=invitation.answer,
                    position_held=person.position,
                    matched_by=INVITEE,
                    name=person.name,
                )
            )
    return arrivals + delegates


def _people_by_email(delegations):
    addresses = {i.delegate_email.strip().lower() for i in delegations if i.delegate_email.strip()}
    if not addresses:
        return {}
    found = (
        EmailAddress.objects.annotate(lowered=Lower("address"))
        .filter(lowered__in=addresses)
        .select_related("person")
    )
    return {email.lowered: email.person for email in found}


def _people_by_name(delegations):
    if not delegations:
        return {}
    people = Person.objects.filter(
        name__in={i.delegate_name.strip() for i in delegations},
        organization__in={organization_counted(i).pk for i in delegations},
    ).order_by("pk")
    by_name = {}
    for person in people:
        by_name.setdefault((person.name, person.organization_id), []).append(person)
    return by_name


def _delegate(invitation, by_email, by_name):
    name, email = invitation.delegate_name.strip(), invitation.delegate_email.strip()
    organization = organization_counted(invitation)
    person, matched_by = by_email.get(email.lower()) if email else None, BY_EMAIL
    if person is None:
        namesakes = by_name.get((name, organization.pk), [])
        if len(namesakes) > 1:
            return LeftToTheOfficer(
                invitation,
                _("several people of %(organization)s are named %(name)s")
                % {"organization": organization.name, "name": name},
            )
        person, matched_by = (namesakes[0], BY_NAME) if namesakes else (None, NEW_PERSON)
    position = invitation.delegate_position.strip() or (person.position if person else "")
    return Arrival(
        invitation,
        person,
        organization,
        mode=invitation.delegate_mode or AttendanceMode.IN_PERSON,
        position_held=position,
        matched_by=matched_by,
        name=person.name if person else name,
        email=email if matched_by != BY_EMAIL else "",
    )


def _added_or_already_there(arrivals, recorded, plan):
    """Someone recorded, or brought by an earlier registration of the list (a delegate who was
    invited too, two invitees sending the same person), is already there."""
    people = set(recorded)
    new_people, addresses = set(), set()
    for arrival in arrivals:
        if arrival.person is not None:
            key, seen = arrival.person.pk, people
        else:
            key = arrival.email.lower() or (arrival.name.casefold(), arrival.organization.pk)
            seen = new_people
        if key in seen:
            plan.already_there.append(arrival)
            continue
        seen.add(key)
        # An address goes to one person only, the first the list gives it to.
        if arrival.email and arrival.email.lower() in addresses:
            arrival.email = ""
        addresses.add(arrival.email.lower())
        plan.added.append(arrival)


def _write(plan):
    if not plan.added:
        return
    new = [arrival for arrival in plan.added if arrival.person is None]
    created = people_create(
        [Person(name=a.name, organization=a.organization, position=a.position_held) for a in new],
        reason=FILLED_REASON,
    )
    for arrival, person in zip(new, created, strict=True):
        arrival.person = person
    emails_add(
        [(arrival.person, arrival.email) for arrival in plan.added if arrival.email],
        reason=FILLED_REASON,
    )
    attendances = [
        Attendance(
            meeting=plan.meeting,
            person=arrival.person,
            organization=arrival.organization,
            position_held=arrival.position_held,
            mode=arrival.mode,
            position=plan.last_order + order,
        )
        for order, arrival in enumerate(plan.added, start=1)
    ]
    bulk_create_with_history(attendances, Attendance, default_change_reason=FILLED_REASON)
