"""The meetings, one meeting's whole record, and the calendar of events as read-only JSON, shaped
after Open Civic Data's Event and Popolo's Speech (docs/open-data.md). Drafts follow
`visible_to`; addresses reach signed-in readers only, as in the directory."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from base.exports.open_data import json_response, object_id, paginated_response
from partners.models import EmailAddress, Organization
from partners.open_data import membership_json, organization_json, person_json

from .models import AgendaItem, Attendance, Event, Intervention, Meeting


def meeting_status(meeting):
    """ "published"; an announced draft, "planned" or "cancelled" (meetings.planned_meetings);
    any other draft (for staff alone), "draft"."""
    if meeting.is_published:
        return "published"
    if meeting.announced:
        return "cancelled" if meeting.cancelled else "planned"
    return "draft"


def meeting_summary_json(meeting, request, record_shown=True):
    """A meeting as the list gives it; `record_shown`: the reader may read its record (its
    JSON), not only its announcement."""
    return {
        "id": object_id("meeting", meeting.slug),
        "name": meeting.title,
        "classification": "gcg_meeting",
        "number": meeting.number,
        "status": meeting_status(meeting),
        "start_date": meeting.date.isoformat(),
        "end_date": meeting.date.isoformat(),
        "date_precision": meeting.date_precision,
        "location": {"name": meeting.city},
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "json_url": (
            request.build_absolute_uri(
                reverse("meetings:detail_json", kwargs={"slug": meeting.slug})
            )
            if record_shown
            else None
        ),
    }


@require_safe
def meeting_list_json(request):
    """The meetings the reader may see, and the planned meetings (an announcement is public:
    its number, title, date as far as it is known and city; their record's JSON stays a
    draft's, 404), newest first."""
    user = request.user
    meetings = Meeting.objects.visible_to(user) | Meeting.objects.announced()
    return paginated_response(
        request,
        meetings.order_by("-date", "-number").only(*SUMMARY_COLUMNS),
        lambda m: meeting_summary_json(m, request, m.is_published or user.is_staff),
    )


# What a meeting's summary reads, and no other column (an announced meeting's draft stays one).
SUMMARY_COLUMNS = (
    "slug",
    "title",
    "number",
    "status",
    "announced",
    "cancelled",
    "date",
    "date_precision",
    "city",
)


def _per_meeting(counted):
    rows = Meeting.objects.filter(pk=OuterRef("pk")).order_by().values("pk")
    return Subquery(rows.annotate(n=counted).values("n"), output_field=IntegerField())


# The counts the published record states of its comment round (comment_rounds.round_summary,
# which tests/comment_rounds/test_round_summary.py holds these to), by relation names: the
# meetings app does not import comment_rounds.
ROUND_COUNTS = {
    "round_comments": Count("comment_round__comments"),
    "round_organizations": Count(
        Coalesce(
            "comment_round__comments__reviewer__organization",
            "comment_round__comments__reviewer__person__organization",
        ),
        distinct=True,
    ),
    "round_confirmed": Count(
        "agenda_items__interventions",
        distinct=True,
        filter=Q(agenda_items__interventions__confirmations__isnull=False),
    ),
    "round_interventions": Count("agenda_items__interventions", distinct=True),
}


def meeting_record(user, slug):
    """The meeting with its agenda, speeches and participants, in a fixed number of queries."""
    organizations = Organization.objects.all()
    interventions = (
        Intervention.objects.order_by("position")
        .select_related("organization", "speaker__organization")
        .prefetch_related(Prefetch("on_behalf_of", queryset=organizations))
    )
    agenda_items = AgendaItem.objects.order_by("number").prefetch_related(
        Prefetch("interventions", queryset=interventions, to_attr="ordered_interventions")
    )
    attendances = Attendance.objects.select_related(
        "person__organization", "organization"
    ).order_by("mode", "position", "pk")
    meetings = Meeting.objects.visible_to(user).prefetch_related(
        Prefetch("agenda_items", queryset=agenda_items, to_attr="ordered_agenda_items"),
        Prefetch("attendances", queryset=attendances, to_attr="ordered_attendances"),
    )
    meetings = meetings.select_related("chair__organization", "comment_round").annotate(
        **{name: _per_meeting(counted) for name, counted in ROUND_COUNTS.items()}
    )
    return get_object_or_404(meetings, slug=slug)


def comment_round_json(meeting):
    """What the record states of its comment round (its dates and counts, never a comment), or
    None without one; a draft's (staff alone read it) with the counts so far."""
    try:
        comment_round = meeting.comment_round
    except ObjectDoesNotExist:
        return None
    return {
        "circulated_from": comment_round.opened_at.isoformat(),
        "circulated_until": comment_round.closes_at().isoformat(),
        "times_recirculated": comment_round.times_recirculated,
        "comments": meeting.round_comments,
        "organizations": meeting.round_organizations,
        "interventions_confirmed": meeting.round_confirmed,
        "interventions": meeting.round_interventions,
    }


def speech_json(intervention, meeting, item):
    return {
        "creator_id": (
            object_id("person", intervention.speaker.slug) if intervention.speaker else None
        ),
        "organization_id": object_id("organization", intervention.organization.slug),
        "on_behalf_of": [
            object_id("organization", o.slug) for o in intervention.on_behalf_of.all()
        ],
        "role": intervention.speaking_as,
        "type": intervention.kind,
        "text": intervention.summary,
        "event_id": object_id("meeting", meeting.slug),
        "agenda_item": item.number,
        "position": intervention.position,
    }


@require_safe
def meeting_json(request, slug):
    meeting = meeting_record(request.user, slug)
    speeches, people, organizations = [], {}, {}
    agenda = []
    for item in meeting.ordered_agenda_items:
        agenda.append({"order": item.number, "description": item.title, "notes": item.narrative})
        for intervention in item.ordered_interventions:
            speeches.append(speech_json(intervention, meeting, item))
            organizations[intervention.organization.pk] = intervention.organization
            organizations.update((o.pk, o) for o in intervention.on_behalf_of.all())
            if intervention.speaker:
                people[intervention.speaker.pk] = intervention.speaker
    participants = []
    for attendance in meeting.ordered_attendances:
        person = attendance.person
        people[person.pk] = person
        organizations[attendance.organization.pk] = attendance.organization
        participants.append(
            {
                "entity_type": "person",
                "entity_id": object_id("person", person.slug),
                "name": person.name,
                "organization_id": object_id("organization", attendance.organization.slug),
                "listed_as": attendance.listed_as or attendance.organization.name,
                "note": attendance.mode,
            }
        )
    if meeting.chair:
        people[meeting.chair.pk] = meeting.chair
    for person in people.values():
        organizations[person.organization.pk] = person.organization
    emails = {}
    for email in EmailAddress.objects.shown_to(request.user).filter(person__in=list(people)):
        emails.setdefault(email.person_id, []).append(email)
    data = meeting_summary_json(meeting, request)
    data.update(
        {
            "description": meeting.occasion,
            "chair_id": object_id("person", meeting.chair.slug) if meeting.chair else None,
            "agenda": agenda,
            "participants": participants,
            "speeches": speeches,
            "comment_round": comment_round_json(meeting),
            "organizations": [
                organization_json(o, request)
                for o in sorted(organizations.values(), key=lambda o: o.name)
            ],
            "persons": [
                person_json(p, request, emails.get(p.pk))
                for p in sorted(people.values(), key=lambda p: p.sort_key)
            ],
            "memberships": [
                membership_json(p) for p in sorted(people.values(), key=lambda p: p.sort_key)
            ],
        }
    )
    return json_response(data, with_addresses=request.user.is_authenticated)


def event_json(event, request):
    return {
        "id": object_id("event", event.slug),
        "name": event.title,
        "classification": event.kind,
        "status": "cancelled" if event.is_cancelled else event.status,
        "start_date": event.start_date.isoformat(),
        "end_date": (event.end_date or event.start_date).isoformat(),
        "date_precision": event.date_precision,
        "location": {"name": event.city} if event.city else None,
        "description": event.description,
        "meeting_id": object_id("meeting", event.meeting.slug) if event.meeting else None,
    }


@require_safe
def event_list_json(request):
    events = (
        Event.objects.visible_to(request.user)
        .select_related("meeting")
        .order_by("start_date", "title", "pk")
    )
    return paginated_response(request, events, lambda e: event_json(e, request))
