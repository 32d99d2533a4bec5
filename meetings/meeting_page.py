"""The attendance a meeting page lists: the first ATTENDANCES_SHOWN participants of each mode, as
rows of the columns the page writes (meeting_html.attendance_rows), not model instances: the
page's largest list, three instances a row where a tuple does."""

from django.db import models
from django.db.models.functions import RowNumber

from .models import ATTENDANCES_SHOWN, Attendance, AttendanceMode

COLUMNS = (
    "mode",
    "person__name",
    "position_held",
    "listed_as",
    "organization__name",
    "organization__slug",
)


def shown_attendances(meeting):
    """{mode: [rows in the list's order]} for every AttendanceMode, each row a named tuple of the
    COLUMNS; `meeting` annotated with how many attended in each mode
    (MeetingQuerySet.for_detail)."""
    rows = Attendance.objects.filter(meeting=meeting).order_by("position", "pk")
    if max(meeting.in_person_count, meeting.remote_count) > ATTENDANCES_SHOWN:
        # Numbering each mode's rows costs the query a window and a subquery: only when a mode
        # has more rows than the page lists.
        rows = rows.annotate(
            rank_in_mode=models.Window(
                RowNumber(),
                partition_by=[models.F("mode")],
                order_by=[models.F("position").asc(), models.F("pk").asc()],
            )
        ).filter(rank_in_mode__lte=ATTENDANCES_SHOWN)
    shown = {mode: [] for mode in AttendanceMode.values}
    for row in rows.values_list(*COLUMNS, named=True):
        shown[row.mode].append(row)
    return shown
