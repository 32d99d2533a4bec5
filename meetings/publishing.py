"""Publishing a draft meeting, after a look at what seems unfinished; and returning it to draft.

A meeting's status changes only here (the admin's form shows it read-only), so every
publication has been checked, and each change is kept in the meeting's history with its reason.
Publishing also puts the meeting on the calendar (meetings.calendar_entries), in the same
transaction.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from base.visibility import PublicationStatus

from .calendar_entries import meetings_put_on_calendar
from .models import ActionPoint, ActionPointKind, AgendaItem, Attendance, Intervention, Meeting

PUBLISHED_REASON = "Published"
RETURNED_TO_DRAFT_REASON = "Returned to draft"


def unfinished(meeting):
    """What looks unfinished in `meeting`, in words ([] if nothing does)."""
    return what_looks_unfinished(Meeting.objects.filter(pk=meeting.pk)).get(meeting.pk, [])


def what_looks_unfinished(meetings):
    """{meeting pk: [problem, ...]} for the meetings of a queryset: three queries, whatever
    their number and size."""
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

    return problems


def meetings_publish(meetings):
    """Publish the drafts among `meetings`; returns those published."""
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
    for meeting in to_change:
        meeting.status = status
        meeting._change_reason = reason  # kept by django-simple-history with the new version
        meeting.save(update_fields=["status"])
        changed.append(meeting)
    if status == PublicationStatus.PUBLISHED:
        # Returned to draft, its entry is hidden with it (Event.meeting_paths): nothing to do.
        meetings_put_on_calendar(changed, reason)
    return changed
