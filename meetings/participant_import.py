"""Importing a meeting's participants list, pasted from the report, into its attendance.

The list is pasted as the report prints it, one participant a line, three tab-separated cells
(name, organisation as listed, e-mail addresses separated by "/"); a "Remote Participants"
heading starts the remote participants. The whole list is checked and matched before anything is
written, and written in one transaction, so a list is imported entirely or not at all.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from partners.models import EmailAddress, Organization, Person
from partners.services import organization_create, person_add_email, person_create

from .models import Attendance, AttendanceMode

REMOTE_HEADING = "remote participants"
CELLS = 3
MAX_LENGTH = 200  # Person.name, Organization.name and Attendance.listed_as


@dataclass
class ParticipantLine:
    """One participant as pasted: nothing matched yet."""

    line_number: int
    name: str
    listed_as: str
    emails: list[str]
    mode: str
    position: int


@dataclass
class PlannedAttendance:
    """One participant matched against the record: what exists, what will be created."""

    line: ParticipantLine
    person: Person | None = None
    person_matched_by: str = ""
    organization: Organization | None = None
    organization_matched_by: str = ""
    new_emails: list[str] = field(default_factory=list)
    already_attending: bool = False

    @property
    def mode_label(self):
        return AttendanceMode(self.line.mode).label


@dataclass
class ImportResult:
    attendances_created: int = 0
    people_matched: list[str] = field(default_factory=list)
    people_created: list[str] = field(default_factory=list)
    organizations_matched: list[str] = field(default_factory=list)
    organizations_created: list[str] = field(default_factory=list)
    emails_added: list[str] = field(default_factory=list)
    already_attending: list[str] = field(default_factory=list)


def participants_list_parse(text):
    """The participants of a pasted list, in order; a ValidationError naming every bad line."""
    errors = []
    participants = []
    mode = AttendanceMode.IN_PERSON
    names_seen = {}
    emails_seen = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if cells[0].casefold() == REMOTE_HEADING and not any(cells[1:]):
            mode = AttendanceMode.REMOTE
            continue
        if len(cells) != CELLS:
            errors.append(
                _(
                    "Line %(line)d: expected 3 cells separated by tabs (name, organisation, "
                    "e-mail), found %(count)d."
                )
                % {"line": number, "count": len(cells)}
            )
            continue
        name, listed_as, email_cell = cells
        line_errors = []
        if not name:
            line_errors.append(_("Line %(line)d: the name is empty.") % {"line": number})
        if not listed_as:
            line_errors.append(_("Line %(line)d: the organisation is empty.") % {"line": number})
        if max(len(name), len(listed_as)) > MAX_LENGTH:
            line_errors.append(
                _("Line %(line)d: a name or organisation is longer than %(max)d characters.")
                % {"line": number, "max": MAX_LENGTH}
            )
        emails = [address.strip() for address in email_cell.split("/") if address.strip()]
        for address in emails:
            try:
                validate_email(address)
            except ValidationError:
                line_errors.append(
                    _("Line %(line)d: “%(address)s” is not a valid e-mail address.")
                    % {"line": number, "address": address}
                )
        if name and name.casefold() in names_seen:
            line_errors.append(
                _("Line %(line)d: %(name)s is already listed on line %(first)d.")
                % {"line": number, "name": name, "first": names_seen[name.casefold()]}
            )
        for address in emails:
            if address.casefold() in emails_seen:
                line_errors.append(
                    _("Line %(line)d: %(address)s is already listed on line %(first)d.")
                    % {"line": number, "address": address, "first": emails_seen[address.casefold()]}
                )
        errors.extend(line_errors)
        if line_errors:
            continue
        names_seen[name.casefold()] = number
        emails_seen.update({address.casefold(): number for address in emails})
        participants.append(
            ParticipantLine(number, name, listed_as, emails, mode, position=len(participants) + 1)
        )
    if not participants and not errors:
        errors.append(_("The list names no participant."))
    if errors:
        raise ValidationError(errors)
    return participants


def attendance_import_plan(meeting, text):
    """Parse and match a pasted list against the record, writing nothing."""
    participants = participants_list_parse(text)
    errors = []
    plans = [PlannedAttendance(line) for line in participants]
    _match_people(plans, errors)
    _match_organizations(plans, errors)
    if errors:
        raise ValidationError(errors)
    attending = set(
        Attendance.objects.filter(
            meeting=meeting, person__in=[plan.person for plan in plans if plan.person]
        ).values_list("person_id", flat=True)
    )
    for plan in plans:
        plan.already_attending = plan.person is not None and plan.person.pk in attending
    return plans


def attendance_import(meeting, text):
    """Import a pasted participants list into a meeting's attendance, entirely or not at all."""
    result = ImportResult()
    with transaction.atomic():
        plans = attendance_import_plan(meeting, text)
        new_organizations = {}
        for plan in plans:
            _save_participant(meeting, plan, new_organizations, result)
    return result


def _match_people(plans, errors):
    """A person by any of their e-mail addresses (any case), else by exact name."""
    all_emails = {address.lower() for plan in plans for address in plan.line.emails}
    by_email = {
        email.lowered: email.person
        for email in EmailAddress.objects.annotate(lowered=Lower("address"))
        .filter(lowered__in=all_emails)
        .select_related("person__organization")
    }
    by_name = {}
    for person in Person.objects.filter(name__in=[plan.line.name for plan in plans]).select_related(
        "organization"
    ):
        by_name.setdefault(person.name, []).append(person)
    claimed = {}
    for plan in plans:
        number = plan.line.line_number
        matches = {by_email[a.lower()] for a in plan.line.emails if a.lower() in by_email}
        if len(matches) > 1:
            errors.append(
                _("Line %(line)d: the e-mail addresses belong to different people: %(names)s.")
                % {"line": number, "names": ", ".join(sorted(p.name for p in matches))}
            )
            continue
        if matches:
            plan.person, plan.person_matched_by = matches.pop(), _("e-mail address")
        elif len(by_name.get(plan.line.name, [])) > 1:
            errors.append(
                _("Line %(line)d: several people are named %(name)s; add their e-mail address.")
                % {"line": number, "name": plan.line.name}
            )
            continue
        elif plan.line.name in by_name:
            plan.person, plan.person_matched_by = by_name[plan.line.name][0], _("name")
        if plan.person is None:
            continue
        if plan.person.pk in claimed:
            errors.append(
                _("Line %(line)d: %(name)s is already listed on line %(first)d.")
                % {"line": number, "name": plan.person.name, "first": claimed[plan.person.pk]}
            )
            continue
        claimed[plan.person.pk] = number
        plan.new_emails = [a for a in plan.line.emails if a.lower() not in by_email]


def _match_organizations(plans, errors):
    """An organisation by name, else acronym, else a label already used in attendance."""
    labels = {plan.line.listed_as.lower() for plan in plans}
    organizations = list(
        Organization.objects.annotate(name_lower=Lower("name"), acronym_lower=Lower("acronym"))
        .filter(Q(name_lower__in=labels) | Q(acronym_lower__in=labels))
        .order_by("name")
    )
    by_name, by_acronym = {}, {}
    for org in organizations:
        if org.name_lower in labels:
            by_name.setdefault(org.name_lower, []).append(org)
        if org.acronym_lower:
            by_acronym.setdefault(org.acronym_lower, []).append(org)
    listed = (
        Attendance.objects.annotate(label=Lower("listed_as"))
        .filter(label__in=labels)
        .select_related("organization")
        .order_by("organization__name")
    )
    by_label = {}
    for attendance in listed:
        candidates = by_label.setdefault(attendance.label, [])
        if attendance.organization not in candidates:
            candidates.append(attendance.organization)
    tiers = [(by_name, _("name")), (by_acronym, _("acronym")), (by_label, _("earlier listing"))]
    for plan in plans:
        label = plan.line.listed_as.lower()
        for tier, matched_by in tiers:
            candidates = tier.get(label, [])
            if len(candidates) > 1:
                errors.append(
                    _("Line %(line)d: “%(label)s” could be any of %(names)s; record it first.")
                    % {
                        "line": plan.line.line_number,
                        "label": plan.line.listed_as,
                        "names": ", ".join(org.name for org in candidates),
                    }
                )
                break
            if candidates:
                plan.organization, plan.organization_matched_by = candidates[0], matched_by
                break


def _save_participant(meeting, plan, new_organizations, result):
    line = plan.line
    organization = plan.organization
    if organization is None:
        key = line.listed_as.lower()
        if key not in new_organizations:
            # Kind "other": the Secretariat classifies it; the import never guesses.
            new_organizations[key] = organization_create(line.listed_as)
            result.organizations_created.append(line.listed_as)
        organization = new_organizations[key]
    elif organization.name not in result.organizations_matched:
        result.organizations_matched.append(organization.name)
    person = plan.person
    if person is None:
        person = person_create(line.name, organization)
        result.people_created.append(line.name)
        new_emails = line.emails
    else:
        result.people_matched.append(person.name)
        new_emails = plan.new_emails
    for address in new_emails:
        person_add_email(person, address)
        result.emails_added.append(address)
    if plan.already_attending:
        result.already_attending.append(person.name)
        return
    Attendance.objects.create(
        meeting=meeting,
        person=person,
        organization=organization,
        listed_as=line.listed_as,
        mode=line.mode,
        position=line.position,
    )
    result.attendances_created += 1
