"""Importing a meeting's participants list into its attendance.

The list is read by meetings.participant_lists (tabs, commas or semicolons; a header row, or
columns by their place). Here each participant is checked and matched against the record, and
merged with the meeting's attendance, nothing written; then it is all written in one
transaction. By default a list with a bad line is refused whole; asked to, the import writes the
good lines and hands back the rejected ones, with their reasons.

A list imported again, whole or corrected, merges with what is recorded: a participant already
recorded keeps their row and its order in the list. What the row lacks (a position, the
organisation as listed) is filled in; a different attendance mode replaces the recorded one
where the list says how they attended (a mode column, or a "Remote Participants" line: a list
that says nothing of it leaves the recorded mode as it is); a recorded position or listing the
list contradicts is kept, and the preview says so. New rows take the next numbers after the
highest order recorded for the meeting, in the list's order, so no two rows share a number.

The position a list gives is kept on the attendance, as it was at that meeting, and as the
person's current position: for a new person, for one with no position yet, or when this meeting
is the latest they attended. Only an attendance that takes its position from this list sets the
person's: importing a list again does not undo a correction made on the person's page.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partners.models import Country, EmailAddress, Organization, OrganizationKind, Person
from partners.services import emails_add, organizations_create, people_create

from .models import Attendance, AttendanceMode, Meeting
from .organization_labels import CountryIndex, folded, split_label
from .participant_lists import participants_list_read

MAX_LENGTH = 200  # Person.name and .position, Organization.name, Attendance.listed_as
MAX_ADDRESSES = 10  # in one participant's cell
# Between the addresses of one cell: "/" as the report prints them, or what a CSV cell uses;
# spaces alone where they separate addresses.
BETWEEN_ADDRESSES = re.compile(r"[/;,]+")


@dataclass
class ParticipantLine:
    """One participant as listed, checked: nothing matched yet. `mode` is None where the list
    does not say how they attended."""

    line_number: int
    name: str
    listed_as: str
    emails: list[str]
    mode: str | None
    position_held: str = ""
    country: str = ""  # the country column's cell
    text: str = ""  # as pasted
    section: str | None = None  # the "Remote Participants"-like heading it came under


@dataclass
class RejectedLine:
    """A listed line that cannot be imported, with every reason why."""

    line_number: int
    text: str
    section: str | None
    reasons: list[str] = field(default_factory=list)

    def messages(self):
        return [
            _("Line %(line)d: %(reason)s") % {"line": self.line_number, "reason": reason}
            for reason in self.reasons
        ]


@dataclass(eq=False)
class NewOrganization:
    """An organisation the import will create, as the preview announces it; `fallback` is its
    name where the bare name is another organisation's already."""

    name: str
    country: Country | None
    fallback: str


@dataclass
class PlannedAttendance:
    """One participant matched against the record and the meeting's attendance: what exists,
    what will be created, what will change."""

    line: ParticipantLine
    person: Person | None = None
    person_matched_by: str = ""
    organization: Organization | None = None
    organization_matched_by: str = ""
    new_organization: NewOrganization | None = None
    new_emails: list[str] = field(default_factory=list)
    country: Country | None = None  # from the country column
    attendance: Attendance | None = None  # the meeting's row for this person, if recorded
    order: int | None = None  # a new row's order in the list
    updates: dict = field(default_factory=dict)  # the recorded row's fields to change
    changes: list[str] = field(default_factory=list)  # those changes, in words
    kept: list[str] = field(default_factory=list)  # recorded values the list contradicts
    person_position: str | None = None  # the person's current position, to set
    person_position_note: str = ""

    @property
    def already_attending(self):
        return self.attendance is not None

    @property
    def status(self):
        if self.attendance is None:
            return "new"
        return "updated" if self.updates else "unchanged"

    @property
    def mode(self):
        """How they attended, once imported."""
        if self.line.mode:
            return self.line.mode
        return self.attendance.mode if self.attendance else AttendanceMode.IN_PERSON

    @property
    def mode_label(self):
        return AttendanceMode(self.mode).label


@dataclass
class ImportReview:
    """A list checked and matched, nothing written: the lines to import and the others."""

    plans: list[PlannedAttendance]
    rejected: list[RejectedLine]
    listed: object  # participant_lists.ParticipantsList: how the list was read

    def error_messages(self):
        return [message for line in self.rejected for message in line.messages()]

    def description(self):
        return self.listed.description()

    def rejected_text(self):
        """The rejected lines as listed, to correct and import again: after the list's header
        row, if it has one, and under the heading each came under, so that they are read the
        same way again."""
        lines = [self.listed.header.text] if self.listed.header else []
        section = None
        for line in self.rejected:
            if line.section and line.section != section:
                lines.append(self.listed.section_heading(line.section))
                section = line.section
            lines.append(line.text)
        return "\n".join(lines)


@dataclass
class ImportResult:
    attendances_created: int = 0
    attendances_updated: list[str] = field(default_factory=list)
    people_matched: list[str] = field(default_factory=list)
    people_created: list[Person] = field(default_factory=list)
    positions_set: list[str] = field(default_factory=list)
    organizations_matched: list[str] = field(default_factory=list)
    organizations_created: list[Organization] = field(default_factory=list)
    emails_added: list[str] = field(default_factory=list)
    already_attending: list[str] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    rejected_text: str = ""


def participants_list_parse(text):
    """The participants of a list in order, and the lines that are not well formed, with how
    the list was read."""
    listed = participants_list_read(text)
    participants, rejected = [], []
    names_seen, emails_seen = {}, {}
    for entry in listed.participants:
        emails = _addresses(entry.emails)
        reasons = entry.problems or _line_problems(entry, emails, names_seen, emails_seen)
        if reasons:
            rejected.append(RejectedLine(entry.line_number, entry.text, entry.section, reasons))
            continue
        names_seen[entry.name.casefold()] = entry.line_number
        emails_seen.update({address.casefold(): entry.line_number for address in emails})
        participants.append(
            ParticipantLine(
                entry.line_number,
                entry.name,
                entry.listed_as,
                emails,
                entry.mode,
                entry.position,
                entry.country,
                entry.text,
                entry.section,
            )
        )
    return participants, rejected, listed


def _addresses(cell):
    addresses = []
    for piece in BETWEEN_ADDRESSES.split(cell):
        words = piece.split()
        addresses += words if piece.count("@") > 1 else [" ".join(words)]
    return [address for address in addresses if address]


def _line_problems(entry, emails, names_seen, emails_seen):
    name, listed_as = entry.name, entry.listed_as
    problems = []
    if not name:
        problems.append(_("the name is empty."))
    if not listed_as:
        problems.append(_("the organisation is empty."))
    if max(len(name), len(listed_as)) > MAX_LENGTH:
        problems.append(
            _("a name or organisation is longer than %(max)d characters.") % {"max": MAX_LENGTH}
        )
    if len(entry.position) > MAX_LENGTH:
        problems.append(_("the position is longer than %(max)d characters.") % {"max": MAX_LENGTH})
    for cell, label in ((name, _("the name")), (listed_as, _("the organisation"))):
        if _is_address(cell):
            problems.append(
                _("%(cell)s is an e-mail address: are the columns in the right order?")
                % {"cell": label}
            )
    if len(emails) > MAX_ADDRESSES:
        problems.append(
            _("more than %(max)d e-mail addresses in one cell.") % {"max": MAX_ADDRESSES}
        )
        return problems
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


def _is_address(text):
    if "@" not in text:
        return False
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def attendance_import_review(meeting, text):
    """Read, check and match a list against the record and the meeting's attendance, writing
    nothing; the lines that cannot be imported are set apart with their reasons. A fixed
    number of queries, whatever the list's length."""
    participants, rejected, listed = participants_list_parse(text)
    plans = [PlannedAttendance(line) for line in participants]
    problems = {}
    _match_people(plans, problems)
    later = _recorded_attendance(meeting, plans)
    countries = CountryIndex()
    _match_countries(plans, countries, problems)
    _match_organizations(
        [plan for plan in plans if not plan.attendance and plan.line.line_number not in problems],
        countries,
        problems,
    )
    if problems:
        by_number = {line.line_number: line for line in rejected}
        for plan in plans:
            reasons = problems.get(plan.line.line_number)
            if reasons:
                by_number[plan.line.line_number] = RejectedLine(
                    plan.line.line_number, plan.line.text, plan.line.section, reasons
                )
        rejected = sorted(by_number.values(), key=lambda line: line.line_number)
        plans = [plan for plan in plans if plan.line.line_number not in problems]
    _merge(meeting, plans, later)
    return ImportReview(plans, rejected, listed)


def attendance_import_plan(meeting, text):
    """The participants to import, or a ValidationError naming every bad line."""
    review = attendance_import_review(meeting, text)
    if review.rejected:
        raise ValidationError(review.error_messages())
    return review.plans


def attendance_import(meeting, text, keep_valid=False):
    """Import a list into a meeting's attendance, in one transaction: entirely or not at all,
    or (keep_valid) its valid lines, handing back the rejected ones."""
    result = ImportResult()
    with transaction.atomic():
        # One import at a time per meeting: the next orders in the list are read, then taken.
        list(Meeting.objects.select_for_update().filter(pk=meeting.pk).order_by().values("pk"))
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


def _recorded_attendance(meeting, plans):
    """Each matched person's row at this meeting, on their plan; and the people the record
    lists at a later meeting (whose current position a list of this one does not change). One
    query for both."""
    people = [plan.person for plan in plans if plan.person]
    later_meeting = Q(meeting__date__gt=meeting.date) | Q(
        meeting__date=meeting.date, meeting__number__gt=meeting.number
    )
    rows = Attendance.objects.filter(Q(meeting=meeting) | later_meeting, person__in=people)
    here, later = {}, set()
    for row in rows.select_related("organization"):
        if row.meeting_id == meeting.pk:
            here[row.person_id] = row
        else:
            later.add(row.person_id)
    for plan in plans:
        row = here.get(plan.person.pk) if plan.person else None
        if row:
            # The row keeps its organisation: the list's label is not matched again.
            plan.attendance, plan.organization = row, row.organization
    return later


def _match_countries(plans, countries, problems):
    """The country column's country, by name or ISO code; one the record does not hold is
    refused rather than left aside."""
    for plan in plans:
        cell = plan.line.country
        if not cell or plan.attendance:
            continue
        plan.country = countries.named(cell)
        if plan.country is None:
            problems.setdefault(plan.line.line_number, []).append(
                _("the country “%(country)s” is not recorded: record it first, or empty the cell.")
                % {"country": cell}
            )


def _match_organizations(plans, countries, problems):
    """An organisation by its label whole (name, acronym, a label already used in attendance),
    then by "Name (Country)", then by its name and country. The country is the country column's,
    or a recorded country in parentheses at the end of the label; with a country column, an
    organisation recorded for another country is not a match."""
    bare = {}  # plan: (name, country), where the label gives a name and a country
    for plan in plans:
        split = split_label(plan.line.listed_as)
        if plan.country:
            name = plan.line.listed_as
            if split and countries.get(split.inside) == plan.country:
                name = split.name
            bare[id(plan)] = (split, name, plan.country)
        elif split:
            bare[id(plan)] = (split, split.name, None)  # the country is known once acronyms are
    labels = {plan.line.listed_as.lower() for plan in plans}
    labels |= {
        f"{name} ({country.name})".lower() for _split, name, country in bare.values() if country
    }
    bases = {name.lower() for _split, name, _country in bare.values()}
    insides = {split.inside.lower() for split, _name, _country in bare.values() if split}
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
    countries.leave_out_acronyms(org.acronym for org in organizations)
    taken_names = {folded(org.name) for org in organizations}
    unmatched = []
    tiers = [(by_name, _("name")), (by_acronym, _("acronym")), (by_label, _("earlier listing"))]
    for plan in plans:
        label = plan.line.listed_as.lower()
        split, name, country = bare.get(id(plan), (None, plan.line.listed_as, None))
        if split and not plan.country:
            country = countries.get(split.inside)
            name = split.name if country else plan.line.listed_as
        keyed = [(tier, label, matched_by) for tier, matched_by in tiers]
        if plan.country:
            keyed.append((by_name, f"{name} ({country.name})".lower(), _("name")))
        if country:
            keyed.append((by_name_and_country, (folded(name), country.pk), _("name and country")))
        for tier, key, matched_by in keyed:
            candidates = tier.get(key, [])
            if plan.country:
                candidates = [o for o in candidates if o.country_id in (None, plan.country.pk)]
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
            fallback = plan.line.listed_as
            if plan.country and name == plan.line.listed_as:
                fallback = f"{name} ({country.name})"
            unmatched.append((plan, name, country, fallback))
    _plan_new_organizations(unmatched, taken_names)


def _plan_new_organizations(unmatched, taken_names):
    """One new organisation for each label (or name and country) not matched. A country leaves
    the name bare, unless the bare name is already another organisation's (names are unique):
    then the name is the label as listed, or the name with its country in parentheses."""
    new = {}
    for plan, name, country, fallback in unmatched:
        key = (folded(name), country.pk) if country else (name.lower(), None)
        if key not in new:
            new[key] = NewOrganization(name, country, fallback)
        plan.new_organization = new[key]
    named = Counter(folded(planned.name) for planned in new.values())
    for planned in new.values():
        name = folded(planned.name)
        if planned.country and (named[name] > 1 or name in taken_names):
            planned.name = planned.fallback


def _merge(meeting, plans, later):
    """What each line does to the meeting's attendance: a new row takes the next order after
    the highest recorded (one aggregate query); a recorded row keeps its order and gets what it
    lacks; and the person's current position where the rule of the module says so."""
    highest = Attendance.objects.filter(meeting=meeting).aggregate(highest=Max("position"))
    order = highest["highest"] or 0
    for plan in plans:
        line, row = plan.line, plan.attendance
        if row is None:
            order += 1
            plan.order = order
            position_taken = bool(line.position_held)
        else:
            position_taken = _fill(plan, "position_held", _("position"))
            _fill(plan, "listed_as", _("listed as"))
            if line.mode and line.mode != row.mode:
                plan.updates["mode"] = line.mode
                plan.changes.append(
                    _("attended: %(before)s → %(after)s")
                    % {
                        "before": AttendanceMode(row.mode).label,
                        "after": AttendanceMode(line.mode).label,
                    }
                )
        if plan.person and position_taken:
            _person_position(plan, later)


def _fill(plan, field_name, label):
    """Fill a recorded row's empty field from the list; True when it is filled. A value the
    recorded one contradicts is kept as recorded, and noted."""
    recorded, listed = getattr(plan.attendance, field_name), getattr(plan.line, field_name)
    if not listed or listed == recorded:
        return False
    if recorded:
        plan.kept.append(
            _("%(field)s “%(recorded)s” (the list says “%(listed)s”)")
            % {"field": label, "recorded": recorded, "listed": listed}
        )
        return False
    plan.updates[field_name] = listed
    plan.changes.append(_("%(field)s: “%(value)s”") % {"field": label, "value": listed})
    return True


def _person_position(plan, later):
    current, listed = plan.person.position, plan.line.position_held
    if current == listed:
        return
    if current and plan.person.pk in later:
        plan.person_position_note = _(
            "current position stays “%(current)s”: a later meeting lists them"
        ) % {"current": current}
        return
    plan.person_position = listed
    if current:
        plan.person_position_note = _("current position: “%(before)s” → “%(after)s”") % {
            "before": current,
            "after": listed,
        }
    else:
        plan.person_position_note = _("current position: “%(position)s”") % {"position": listed}


def _write(meeting, plans, result):
    """Write what the plans say, a few queries for the whole list rather than some per line."""
    new = [plan for plan in plans if plan.attendance is None]
    planned = list(dict.fromkeys(plan.new_organization for plan in new if not plan.organization))
    # Kind "other": the Secretariat classifies them; the import never guesses.
    created = organizations_create(
        [
            Organization(name=org.name, kind=OrganizationKind.OTHER, country=org.country)
            for org in planned
        ]
    )
    result.organizations_created = created
    created_for = dict(zip(planned, created, strict=True))
    organizations = [plan.organization or created_for[plan.new_organization] for plan in new]
    for plan in new:
        name = plan.organization.name if plan.organization else None
        if name and name not in result.organizations_matched:
            result.organizations_matched.append(name)
    result.people_created = people_create(
        [
            Person(
                name=plan.line.name,
                organization=organization,
                position=plan.line.position_held,
            )
            for plan, organization in zip(new, organizations, strict=True)
            if plan.person is None
        ]
    )
    new_people = iter(result.people_created)
    people = {id(plan): plan.person or next(new_people) for plan in new}
    people.update({id(plan): plan.person for plan in plans if plan.attendance})
    result.people_matched = [plan.person.name for plan in plans if plan.person]
    addresses = [
        (people[id(plan)], address)
        for plan in plans
        for address in (plan.new_emails if plan.person else plan.line.emails)
    ]
    emails_add(addresses)
    result.emails_added = [address for _person, address in addresses]
    result.already_attending = [plan.person.name for plan in plans if plan.attendance]
    attendances = [
        Attendance(
            meeting=meeting,
            person=people[id(plan)],
            organization=organization,
            listed_as=plan.line.listed_as,
            position_held=plan.line.position_held,
            mode=plan.mode,
            position=plan.order,
        )
        for plan, organization in zip(new, organizations, strict=True)
    ]
    if attendances:
        bulk_create_with_history(attendances, Attendance)
    result.attendances_created = len(attendances)
    _update_attendance([plan for plan in plans if plan.updates], result)
    _update_positions([plan for plan in plans if plan.person_position is not None], result)


def _update_attendance(plans, result):
    if not plans:
        return
    fields = sorted({name for plan in plans for name in plan.updates})
    for plan in plans:
        for name, value in plan.updates.items():
            setattr(plan.attendance, name, value)
    bulk_update_with_history([plan.attendance for plan in plans], Attendance, fields)
    result.attendances_updated = [plan.person.name for plan in plans]


def _update_positions(plans, result):
    """The current position of people already recorded (new people are created with it)."""
    if not plans:
        return
    for plan in plans:
        plan.person.position = plan.person_position
    bulk_update_with_history([plan.person for plan in plans], Person, ["position"])
    result.positions_set = [plan.person.name for plan in plans]
