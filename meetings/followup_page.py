"""A page of the follow-ups list (meetings/followup_list.html), read as the columns its rows write.

`ActionPoint.for_list()` builds, for each of fifty follow-ups, its meeting, agenda item, closing
and carrying meetings and its owners, each an instance of its own, though a page lists a few
meetings' follow-ups and a few organisations. Here one query reads the follow-ups' and their
meetings' columns, and one their owners': each meeting and owner is built once a page, with only
the columns written (`Model.from_db` with those fields), and shared by its follow-ups."""

from partners.models import Organization

from .models import ActionPoint, Meeting

# Each in its model's field order: `Model.from_db` reads a subset of the fields in that order.
POINT_FIELDS = (
    "id",
    "meeting_id",
    "kind",
    "text",
    "due_date",
    "due_precision",
    "status",
    "closed_at_id",
    "carried_over_to_id",
)
# The meetings a row names: where it was decided, closed and carried over.
MEETINGS = ("meeting", "closed_at", "carried_over_to")
MEETING_FIELDS = ("id", "status", "number", "slug", "date")
OWNER_FIELDS = ("id", "name", "slug")


def page_points(points):
    """The follow-ups of `points` (an ActionPoint queryset: a page of the list, in its order)
    with their `meeting`, `closed_at` and `carried_over_to`, and their `listed_owners`, as
    `for_list()` gives them to meetings.followup_html."""
    db = points.db
    columns = [f"{meeting}__{field}" for meeting in MEETINGS for field in MEETING_FIELDS]
    rows = points.prefetch_related(None).values_list(*POINT_FIELDS, *columns)
    meetings = {}
    found = []
    width = len(MEETING_FIELDS)
    for row in rows:
        point = ActionPoint.from_db(db, POINT_FIELDS, row[: len(POINT_FIELDS)])
        start = len(POINT_FIELDS)
        for name in MEETINGS:
            values = row[start : start + width]
            start += width
            meeting = None
            if values[0] is not None:
                meeting = meetings.get(values[0])
                if meeting is None:
                    meeting = meetings[values[0]] = Meeting.from_db(db, MEETING_FIELDS, values)
            ActionPoint._meta.get_field(name).set_cached_value(point, meeting)
        point.listed_owners = []
        found.append(point)
    _add_owners(db, found)
    return found


def _add_owners(db, points):
    """Each point's `listed_owners`, in the organisations' order (by name), one query."""
    by_pk = {point.pk: point for point in points}
    if not by_pk:
        return
    owners = {}
    rows = (
        ActionPoint.owners.through.objects.using(db)
        .filter(actionpoint_id__in=by_pk)
        .order_by("organization")
        .values_list("actionpoint_id", *(f"organization__{field}" for field in OWNER_FIELDS))
    )
    for point_pk, *values in rows:
        owner = owners.get(values[0])
        if owner is None:
            owner = owners[values[0]] = Organization.from_db(db, OWNER_FIELDS, values)
        by_pk[point_pk].listed_owners.append(owner)
