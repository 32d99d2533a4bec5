"""A page of the follow-ups list (meetings/followup_list.html), read as the columns its rows write.

`ActionPoint.for_list()` builds, for each of fifty follow-ups, its meeting, agenda item, closing
and carrying meetings and its owners, each an instance of its own, though a page lists a few
meetings' follow-ups and a few organisations. Here one query reads the follow-ups' and their
meetings' columns, and one their owners': each meeting is built once a page, with only the
columns written (`Model.from_db` with those fields), and shared by its follow-ups; an owner is
only what its link writes (its name and slug), not an organisation built."""

from typing import NamedTuple

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
# The meetings a row names, and their columns it writes: where it was decided (a link, dated),
# closed and carried over (named to whoever may see them).
MEETINGS = {
    "meeting": ("id", "status", "number", "slug", "date"),
    "closed_at": ("id", "status", "number"),
    "carried_over_to": ("id", "status", "number"),
}


class Owner(NamedTuple):
    """An owner as its row's link reads it: what an organisation's `__str__` and page give."""

    pk: int
    name: str
    slug: str

    def __str__(self):
        return self.name


def followups_newest_first(user):
    """The follow-ups `user` may see, in the list's order: newest meeting first, each meeting's
    in their order (also the order of their Atom feed, feeds.followups)."""
    return ActionPoint.objects.visible_to(user).order_by(
        "-meeting__date", "-meeting__number", "position", "pk"
    )


def page_points(points):
    """The follow-ups of `points` (an ActionPoint queryset: a page of the list, in its order)
    with their `meeting`, `closed_at` and `carried_over_to`, and their `listed_owners`, as
    `for_list()` gives them to meetings.followup_html."""
    db = points.db
    columns = [f"{name}__{field}" for name, fields in MEETINGS.items() for field in fields]
    rows = points.prefetch_related(None).values_list(*POINT_FIELDS, *columns)
    # Each meeting built once a page for each part it plays, with that part's columns.
    meetings = {name: {} for name in MEETINGS}
    found = []
    for row in rows:
        point = ActionPoint.from_db(db, POINT_FIELDS, row[: len(POINT_FIELDS)])
        start = len(POINT_FIELDS)
        for name, fields in MEETINGS.items():
            values = row[start : start + len(fields)]
            start += len(fields)
            meeting = None
            if values[0] is not None:
                built = meetings[name]
                meeting = built.get(values[0])
                if meeting is None:
                    meeting = built[values[0]] = Meeting.from_db(db, fields, values)
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
    rows = (
        ActionPoint.owners.through.objects.using(db)
        .filter(actionpoint_id__in=by_pk)
        .order_by("organization")
        .values_list("actionpoint_id", *(f"organization__{field}" for field in Owner._fields))
    )
    for point_pk, *values in rows:
        by_pk[point_pk].listed_owners.append(Owner(*values))
