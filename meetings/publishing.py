"""Publishing a draft meeting, after a look at what seems unfinished; and returning it to draft.

A meeting's status changes only here (the admin's form shows it read-only), so every
publication has been checked, and each change is kept in the meeting's history with its reason.
Publishing also puts the meeting on the calendar (meetings.calendar_entries), in the same
transaction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from base.record.partial_dates import DatePrecision, format_moment, format_partial_date
from base.record.visibility import PublicationStatus
from partners.models import OrganizationKind

from .calendar_entries import meetings_put_on_calendar
from .models import (
    ActionPoint,
    ActionPointKind,
    AgendaItem,
    Attendance,
    Document,
    Intervention,
    KeyFigure,
    Meeting,
)

PUBLISHED_REASON = "Published"
RETURNED_TO_DRAFT_REASON = "Returned to draft"
# A meeting's record is published with its day (the constraint
# meetings_meeting_published_with_its_day), and a cancelled meeting was not held: it has none.
PUBLISHABLE = Q(date_precision=DatePrecision.DAY, cancelled=False)


def with_an_open_round(now):
    """The meetings whose draft record is still circulated for comments (comment_rounds, named
    by its relation: meetings does not import it). It is published once the round is closed."""
    return Q(comment_round__closed_at__isnull=True, comment_round__deadline__gt=now)


def why_not_publishable(meetings, now=None):
    """{meeting pk: [reason, ...]} for the meetings of a queryset that cannot be published, in
    words (the others are absent): one query."""
    now = now or timezone.now()
    refused = {}
    rows = meetings.filter(~PUBLISHABLE | with_an_open_round(now)).values_list(
        "pk",
        "date",
        "date_precision",
        "cancelled",
        "comment_round__closed_at",
        "comment_round__deadline",
    )
    for pk, date, precision, cancelled, round_closed_at, round_deadline in rows:
        reasons = refused[pk] = []
        if round_closed_at is None and round_deadline is not None and round_deadline > now:
            reasons.append(
                _("Close the comment round first: comments are taken until %(deadline)s.")
                % {"deadline": format_moment(round_deadline)}
            )
        if precision != DatePrecision.DAY:
            reasons.append(
                _(
                    "Its date is known only to the month (%(month)s): a meeting's record is "
                    "published with its day. Type the day on the meeting's page first."
                )
                % {"month": format_partial_date(date, precision)}
            )
        if cancelled:
            reasons.append(
                _(
                    "It is cancelled: a meeting that did not take place has no record to "
                    "publish. Untick “cancelled” on its page first if it took place after all."
                )
            )
    return refused


def unfinished(meeting):
    """What looks unfinished in `meeting`, in words ([] if nothing does)."""
    return what_looks_unfinished(Meeting.objects.filter(pk=meeting.pk)).get(meeting.pk, [])


def what_looks_unfinished(meetings):
    """{meeting pk: [problem, ...]} for the meetings of a queryset: five queries, whatever
    their number and size. A problem is a sentence, or an `Unclassified` organisation."""
    problems = {}
    rows = meetings.annotate(
        has_attendance=Exists(Attendance.objects.filter(meeting=OuterRef("pk")))
    ).values_list("pk", "chair_id", "has_attendance")
    for pk, chair_id, has_attendance in rows:
        problems[pk] = []
        if chair_id is None:
            problems[pk].append(_("No chair is recorded."))
        if not has_attendance:
            problems[pk].append(_("No attendance is recorded."))

    silent_items = (
        AgendaItem.objects.filter(meeting__in=meetings)
        .filter(~Exists(Intervention.objects.filter(agenda_item=OuterRef("pk"))))
        .order_by("number")
    )
    for item in silent_items:
        problems[item.meeting_id].append(
            # Listed under its meeting: the item's own number and title, not its full label.
            _("Agenda item “%(item)s” has no interventions.") % {"item": item.number_and_title}
        )

    owners = ActionPoint.owners.through.objects.filter(actionpoint=OuterRef("pk"))
    follow_ups = (
        ActionPoint.objects.filter(meeting__in=meetings, kind=ActionPointKind.FOLLOW_UP)
        .annotate(has_owner=Exists(owners))
        .filter(Q(has_owner=False) | Q(due_date__isnull=True))
        .order_by("position", "pk")
    )
    for point in follow_ups:
        if not point.has_owner and point.due_date is None:
            template = _("Follow-up “%(text)s” has no owner and no due date.")
        elif not point.has_owner:
            template = _("Follow-up “%(text)s” has no owner.")
        else:
            template = _("Follow-up “%(text)s” has no due date.")
        problems[point.meeting_id].append(template % {"text": point.text[:80]})

    for pk, found in unclassified(meetings).items():
        problems[pk].extend(found)
    return problems


@dataclass(frozen=True)
class Unclassified:
    """An organisation still "Other or not yet classified" that publishing the meeting makes
    public, and the meeting's people who belong to it (they go public with it): `people` are
    (pk, name) pairs, by family name."""

    organization_pk: int
    name: str
    people: tuple = ()

    def __str__(self):
        return _("“%(organization)s” is still “%(kind)s”.") % {
            "organization": self.name,
            "kind": self.kind_label,
        }

    @property
    def kind_label(self):
        return OrganizationKind.OTHER.label


def unclassified(meetings):
    """{meeting pk: [Unclassified, ...]} for the meetings of a queryset, by name: the
    organisations of kind "Other" that their records name (attendance, as listed and as the
    person's own; interventions, their speakers and those spoken for; owners of decisions;
    documents; key figures; the chair's), each with the people of the meeting who belong to it
    or are listed under it. Two queries, whatever their number and size."""
    other = OrganizationKind.OTHER
    named = _union(
        Attendance.objects.filter(meeting__in=meetings, organization__kind=other).values_list(
            "meeting_id", "organization_id", "organization__name"
        ),
        Attendance.objects.filter(
            meeting__in=meetings, person__organization__kind=other
        ).values_list("meeting_id", "person__organization_id", "person__organization__name"),
        Intervention.objects.filter(
            agenda_item__meeting__in=meetings, organization__kind=other
        ).values_list("agenda_item__meeting_id", "organization_id", "organization__name"),
        Intervention.objects.filter(
            agenda_item__meeting__in=meetings, speaker__organization__kind=other
        ).values_list(
            "agenda_item__meeting_id", "speaker__organization_id", "speaker__organization__name"
        ),
        Intervention.on_behalf_of.through.objects.filter(
            intervention__agenda_item__meeting__in=meetings, organization__kind=other
        ).values_list(
            "intervention__agenda_item__meeting_id", "organization_id", "organization__name"
        ),
        ActionPoint.owners.through.objects.filter(
            actionpoint__meeting__in=meetings, organization__kind=other
        ).values_list("actionpoint__meeting_id", "organization_id", "organization__name"),
        Document.organizations.through.objects.filter(
            document__meeting__in=meetings, organization__kind=other
        ).values_list("document__meeting_id", "organization_id", "organization__name"),
        Document.organizations.through.objects.filter(
            document__agenda_item__meeting__in=meetings, organization__kind=other
        ).values_list("document__agenda_item__meeting_id", "organization_id", "organization__name"),
        KeyFigure.objects.filter(
            agenda_item__meeting__in=meetings, reported_by__kind=other
        ).values_list("agenda_item__meeting_id", "reported_by_id", "reported_by__name"),
        meetings.filter(chair__organization__kind=other).values_list(
            "pk", "chair__organization_id", "chair__organization__name"
        ),
    )
    people = _union(
        Attendance.objects.filter(
            meeting__in=meetings, person__organization__kind=other
        ).values_list(
            "meeting_id", "person__organization_id", "person_id", "person__name", "person__sort_key"
        ),
        Attendance.objects.filter(meeting__in=meetings, organization__kind=other).values_list(
            "meeting_id", "organization_id", "person_id", "person__name", "person__sort_key"
        ),
        Intervention.objects.filter(
            agenda_item__meeting__in=meetings, speaker__organization__kind=other
        ).values_list(
            "agenda_item__meeting_id",
            "speaker__organization_id",
            "speaker_id",
            "speaker__name",
            "speaker__sort_key",
        ),
        meetings.filter(chair__organization__kind=other).values_list(
            "pk", "chair__organization_id", "chair_id", "chair__name", "chair__sort_key"
        ),
    )
    belonging = {}
    for meeting_pk, organization_pk, person_pk, name, sort_key in people:
        belonging.setdefault((meeting_pk, organization_pk), {})[person_pk] = (sort_key, name)
    found = {}
    for meeting_pk, organization_pk, name in sorted(named, key=lambda row: (row[2], row[1])):
        members = belonging.get((meeting_pk, organization_pk), {})
        ordered = sorted(members.items(), key=lambda item: (item[1], item[0]))
        found.setdefault(meeting_pk, []).append(
            Unclassified(organization_pk, name, tuple((pk, shown) for pk, (_k, shown) in ordered))
        )
    return found


def _union(first, *rest):
    """The rows of the querysets, each once: one query. Their own orderings are cleared, as a
    compound statement wants."""
    return first.order_by().union(*(queryset.order_by() for queryset in rest))


def meetings_publish(meetings):
    """Publish the drafts among `meetings` that can be (`PUBLISHABLE`; the others are left as
    they are, `why_not_publishable` says why); returns those published."""
    return _change_status(meetings, PublicationStatus.PUBLISHED, PUBLISHED_REASON)


def meetings_return_to_draft(meetings):
    """Return the published among `meetings` to draft; returns those returned."""
    return _change_status(meetings, PublicationStatus.DRAFT, RETURNED_TO_DRAFT_REASON)


@transaction.atomic
def _change_status(meetings, status, reason):
    changed = []
    # Locked by primary key alone: FOR UPDATE refuses a query that groups (an admin's counts).
    to_change = (
        Meeting.objects.filter(pk__in=meetings.values("pk"))
        .exclude(status=status)
        .select_for_update()
        .order_by("number")
    )
    if status == PublicationStatus.PUBLISHED:
        circulated = Meeting.objects.filter(with_an_open_round(timezone.now())).values("pk")
        to_change = to_change.filter(PUBLISHABLE).exclude(pk__in=circulated)
    for meeting in to_change:
        meeting.status = status
        meeting._change_reason = reason  # kept by django-simple-history with the new version
        meeting.save(update_fields=["status"])
        changed.append(meeting)
    if status == PublicationStatus.PUBLISHED:
        # Returned to draft, its entry is hidden with it (Event.meeting_paths): nothing to do.
        meetings_put_on_calendar(changed, reason)
    return changed
