"""Importing a meeting's participants list, pasted from the report, into its attendance.

The list is pasted as the report prints it, one participant a line, three tab-separated cells
(name, organisation as listed, e-mail addresses separated by "/"); a "Remote Participants"
heading starts the remote participants. The whole list is checked and matched before anything is
written, and written in one transaction. By default a list with a bad line is refused whole;
asked to, the import writes the good lines and hands back the rejected ones, with their reasons.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from partners.models import Country, EmailAddress, Organization, OrganizationKind, Person
from partners.services import emails_add, organizations_create, people_create

from .models import Attendance, AttendanceMode
from .organization_labels import CountryIndex, folded, split_label

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
    text: str = ""  # as pasted


@dataclass
class RejectedLine:
    """A pasted line that cannot be imported, with every reason why."""

    line_number: int
    text: str
    mode: str
    reasons: list[str] = field(default_factory=list)

    def messages(self):
        return [
            _("Line %(line)d: %(reason)s") % {"line": self.line_number, "reason": reason}
            for reason in self.reasons
        ]


@dataclass(eq=False)
class NewOrganization:
    """An organisation the import will create, as the preview announces it."""

    name: str
    country: Country | None
    listed_as: str


@dataclass
class PlannedAttendance:
    """One participant matched against the record: what exists, what will be created."""

    line: ParticipantLine
    person: Person | None = None
    person_matched_by: str = ""
    organization: Organization | None = None
    organization_matched_by: str = ""
    new_organization: NewOrganization | None = None
    new_emails: list[str] = field(default_factory=list)
    already_attending: bool = False

    @property
    def mode_label(self):
        return AttendanceMode(self.line.mode).label


@dataclass
class ImportReview:
    """A pasted list checked and matched, nothing written: the lines to import and the others."""

    plans: list[PlannedAttendance]
    rejected: list[RejectedLine]

    def error_messages(self):
        return [message for line in self.rejected for message in line.messages()]

    def rejected_text(self):
        """The rejected lines as pasted, to correct and import again; the remote ones after a
        "Remote Participants" heading so that they stay remote."""
        lines, remote = [], False
        for line in self.rejected:
            if line.mode == AttendanceMode.REMOTE and not remote:
                lines.append("Remote Participants\t\t")
                remote = True
            lines.append(line.text)
        return "\n".join(lines)


@dataclass
class ImportResult:
    attendances_created: int = 0
    people_matched: list[str] = field(default_factory=list)
    people_created: list[Person] = field(default_factory=list)
    organizations_matched: list[str] = field(default_factory=list)
    organizations_created: list[Organization] = field(default_factory=list)
    emails_added: list[str] = field(default_factory=list)
    already_attending: list[str] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    rejected_text: str = ""


def participants_list_parse(text):
    """The participants of a pasted list in order, and the lines that are not well formed.

    Line numbers are those of the text as pasted, blank lines included, so that an officer
    finds the line; positions count every participant line, rejected ones too, so that each
    line imported keeps its number in the list.
    """
    participants, rejected = [], []
    mode = AttendanceMode.IN_PERSON
    names_seen = {}
    emails_seen = {}
    position = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if cells[0].casefold() == REMOTE_HEADING and not any(cells[1:]):
            mode = AttendanceMode.REMOTE
            continue
        position += 1
        reasons = _line_problems(cells, names_seen, emails_seen)
        if reasons:
            rejected.append(RejectedLine(number, raw.rstrip(), mode, reasons))
            continue
        name, listed_as, emails = cells[0], cells[1], _addresses(cells[2])
        names_seen[name.casefold()] = number
        emails_seen.update({address.casefold(): number for address in emails})
        participants.append(
            ParticipantLine(number, name, listed_as, emails, mode, position, raw.rstrip())
        )
    if not participants and not rejected:
        raise ValidationError(_("The list names no participant."))
    return participants, rejected


def _addresses(cell):
    return [address.strip() for address in cell.split("/") if address.strip()]


def _line_problems(cells, names_seen, emails_seen):
    if len(cells) != CELLS:
        return [
            _("expected 3 cells separated by tabs (name, organisation, e-mail), found %(count)d.")
            % {"count": len(cells)}
        ]
    name, listed_as, email_cell = cells
    emails = _addresses(email_cell)
    problems = []
    if not name:
        problems.append(_("the name is empty."))
    if not listed_as:
        problems.append(_("the organisation is empty."))
    if max(len(name), len(listed_as)) > MAX_LENGTH:
        problems.append(
            _("a name or organisation is longer than %(max)d characters.") % {"max": MAX_LENGTH}
        )
    for address in emails:
        try:
            validate_email(address)
        except ValidationError:
            problems.append(
                _("“%(address)s” is not a valid e-mail address.") % {"address": address}
            )
    if name and name.casefold() in names_seen:
        problems.append(
            _("%(name)s is already listed on line %(first)d.")
            % {"name": name, "first": names_seen[name.casefold()]}
        )
    for address in emails:
        if address.casefold() in emails_seen:
            problems.append(
                _("%(address)s is already listed on line %(first)d.")
                % {"address": address, "first": emails_seen[address.casefold()]}
            )
    return problems


def attendance_import_review(meeting, text):
    """Parse and match a pasted list against the record, writing nothing; the lines that cannot
    be imported are set apart with their reasons."""
    participants, rejected = participants_list_parse(text)
    plans = [PlannedAttendance(line) for line in participants]
    problems = {}
    _match_people(plans, problems)
    _match_organizations(plans, problems)
    if problems:
        by_number = {line.line_number: line for line in rejected}
        for plan in plans:
            reasons = problems.get(plan.line.line_number)
            if reasons:
                by_number[plan.line.line_number] = RejectedLine(
                    plan.line.line_number, plan.line.text, plan.line.mode, reasons
                )
        rejected = sorted(by_number.values(), key=lambda line: line.line_number)
        plans = [plan for plan in plans if plan.line.line_number not in problems]
    attending = set(
        Attendance.objects.filter(
            meeting=meeting, person__in=[plan.person for plan in plans if plan.person]
        ).values_list("person_id", flat=True)
    )
    for plan in plans:
        plan.already_attending = plan.person is not None and plan.person.pk in attending
    return ImportReview(plans, rejected)


def attendance_import_plan(meeting, text):
    """The participants to import, or a ValidationError naming every bad line."""
    review = attendance_import_review(meeting, text)
    if review.rejected:
        raise ValidationError(review.error_messages())
    return review.plans


def attendance_import(meeting, text, keep_valid=False):
    """Import a pasted participants list into a meeting's attendance, in one transaction:
    entirely or not at all, or (keep_valid) its valid lines, handing back the rejected ones."""
    result = ImportResult()
    with transaction.atomic():
        review = attendance_import_review(meeting, text)
        if review.rejected and not (keep_valid and review.plans):
            raise ValidationError(review.error_messages())
        _write(meeting, review.plans, result)
    result.rejected = review.rejected
    result.rejected_text = review.rejected_text()
    return result


def _match_people(plans, problems):
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
            problems.setdefault(number, []).append(
                _("the e-mail addresses belong to different people: %(names)s.")
                % {"names": ", ".join(sorted(p.name for p in matches))}
            )
            continue
        if matches:
            plan.person, plan.person_matched_by = matches.pop(), _("e-mail address")
        elif len(by_name.get(plan.line.name, [])) > 1:
            problems.setdefault(number, []).append(
                _("several people are named %(name)s; add their e-mail address.")
                % {"name": plan.line.name}
            )
            continue
        elif plan.line.name in by_name:
            plan.person, plan.person_matched_by = by_name[plan.line.name][0], _("name")
        if plan.person is None:
            continue
        if plan.person.pk in claimed:
            problems.setdefault(number, []).append(
                _("%(name)s is already listed on line %(first)d.")
                % {"name": plan.person.name, "first": claimed[plan.person.pk]}
            )
            plan.person = None
            continue
        claimed[plan.person.pk] = number
        plan.new_emails = [a for a in plan.line.emails if a.lower() not in by_email]


def _match_organizations(plans, problems):
    """An organisation by name, else acronym, else a label already used in attendance, else
    (for "Name (Country)") by its name and country."""
    labels = {plan.line.listed_as.lower() for plan in plans}
    splits = {plan.line.listed_as: split_label(plan.line.listed_as) for plan in plans}
    splits = {label: split for label, split in splits.items() if split}
    insides = {split.inside.lower() for split in splits.values()}
    bases = {split.name.lower() for split in splits.values()}
    organizations = list(
        Organization.objects.annotate(name_lower=Lower("name"), acronym_lower=Lower("acronym"))
        .filter(
            Q(name_lower__in=labels | bases) | Q(acronym_lower__in=labels | insides),
        )
        .order_by("name")
    )
    by_name, by_acronym, by_name_and_country = {}, {}, {}
    for org in organizations:
        if org.name_lower in labels:
            by_name.setdefault(org.name_lower, []).append(org)
        if org.acronym_lower:
            by_acronym.setdefault(org.acronym_lower, []).append(org)
        if org.country_id:
            by_name_and_country.setdefault((folded(org.name), org.country_id), []).append(org)
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
    countries = CountryIndex(acronyms=[org.acronym for org in organizations])
    taken_names = {folded(org.name) for org in organizations}
    unmatched = []
    tiers = [(by_name, _("name")), (by_acronym, _("acronym")), (by_label, _("earlier listing"))]
    for plan in plans:
        label = plan.line.listed_as.lower()
        split = splits.get(plan.line.listed_as)
        country = countries.get(split.inside) if split else None
        keyed = [(tier, label, matched_by) for tier, matched_by in tiers]
        if country:
            keyed.append(
                (by_name_and_country, (folded(split.name), country.pk), _("name and country"))
            )
        for tier, key, matched_by in keyed:
            candidates = tier.get(key, [])
            if len(candidates) > 1:
                problems.setdefault(plan.line.line_number, []).append(
                    _("“%(label)s” could be any of %(names)s; record it first.")
                    % {
                        "label": plan.line.listed_as,
                        "names": ", ".join(org.name for org in candidates),
                    }
                )
                break
            if candidates:
                plan.organization, plan.organization_matched_by = candidates[0], matched_by
                break
        if plan.organization is None and plan.line.line_number not in problems:
            unmatched.append((plan, split.name if country else plan.line.listed_as, country))
    _plan_new_organizations(unmatched, taken_names)


def _plan_new_organizations(unmatched, taken_names):
    """One new organisation for each label (or name and country) not matched. A country in
    parentheses leaves the name, unless the bare name is already another organisation's (names
    are unique): then the name stays as listed, and the country is set all the same."""
    new = {}
    for plan, name, country in unmatched:
        key = (folded(name), country.pk) if country else (name.lower(), None)
        if key not in new:
            new[key] = NewOrganization(name, country, plan.line.listed_as)
        plan.new_organization = new[key]
    named = Counter(folded(planned.name) for planned in new.values())
    for planned in new.values():
        name = folded(planned.name)
        if planned.country and (named[name] > 1 or name in taken_names):
            planned.name = planned.listed_as


def _write(meeting, plans, result):
    """Write what the plans say, a few queries for the whole list rather than some per line."""
    planned = list(dict.fromkeys(plan.new_organization for plan in plans if not plan.organization))
    # Kind "other": the Secretariat classifies them; the import never guesses.
    created = organizations_create(
        [
            Organization(name=new.name, kind=OrganizationKind.OTHER, country=new.country)
            for new in planned
        ]
    )
    result.organizations_created = created
    created_for = dict(zip(planned, created, strict=True))
    organizations = [plan.organization or created_for[plan.new_organization] for plan in plans]
    for plan in plans:
        name = plan.organization.name if plan.organization else None
        if name and name not in result.organizations_matched:
            result.organizations_matched.append(name)
    result.people_created = people_create(
        [
            Person(name=plan.line.name, organization=organization)
            for plan, organization in zip(plans, organizations, strict=True)
            if plan.person is None
        ]
    )
    new_people = iter(result.people_created)
    people = [plan.person or next(new_people) for plan in plans]
    result.people_matched = [plan.person.name for plan in plans if plan.person]
    addresses = [
        (person, address)
        for plan, person in zip(plans, people, strict=True)
        for address in (plan.new_emails if plan.person else plan.line.emails)
    ]
    emails_add(addresses)
    result.emails_added = [address for _person, address in addresses]
    result.already_attending = [plan.person.name for plan in plans if plan.already_attending]
    attendances = [
        Attendance(
            meeting=meeting,
            person=person,
            organization=organization,
            listed_as=plan.line.listed_as,
            mode=plan.line.mode,
            position=plan.line.position,
        )
        for plan, person, organization in zip(plans, people, organizations, strict=True)
        if not plan.already_attending
    ]
    if attendances:
        bulk_create_with_history(attendances, Attendance)
    result.attendances_created = len(attendances)
