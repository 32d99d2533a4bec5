"""Whose voice is heard: how many times each stakeholder group took the floor, per meeting, and the
shapes of the charts that show it (drawn as SVG by the templates, on the server).

A voice is one time an organisation took the floor: an intervention, except that interventions
the record keeps apart but the organisation made without anyone else speaking in between (the
Chair's opening, recorded paragraph by paragraph) are one voice. "Also on behalf of" adds no voice:
one organisation spoke. Counting is one aggregate query, grouped by meeting and organisation
kind, over the interventions the user may see (the drafts rule).
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, Subquery

from partners.stakeholder_groups import StakeholderGroup, group_of, kinds_in

from .models import Intervention, Meeting

# Colours at least 4.5:1 against white, each with its own pattern, so no group is told by colour
# alone (and the chart still reads printed in grey).
STYLE = {
    StakeholderGroup.GOVERNMENTS: ("#0b4f8a", ""),
    StakeholderGroup.INTERGOVERNMENTAL: ("#00695c", "M0,8 L8,0"),
    StakeholderGroup.WORKERS: ("#b3261e", "M0,4 L8,4"),
    StakeholderGroup.EMPLOYERS: ("#7a4f00", "M2,2 h1 v1 h-1 Z M6,6 h1 v1 h-1 Z"),
    StakeholderGroup.CIVIL_SOCIETY: ("#6a3d9a", "M0,8 L8,0 M0,0 L8,8"),
    StakeholderGroup.RESEARCH: ("#37474f", "M4,0 L4,8"),
    StakeholderGroup.ALLIANCE: ("#ad1457", "M0,0 L8,8"),
    StakeholderGroup.UNCLASSIFIED: ("#5d5d5d", "M0,4 L8,4 M4,0 L4,8"),
}


def voice_counts(interventions):
    """[{"meeting": pk, "organization_kind": kind, "count": voices}] of `interventions` (already
    restricted to what the user may see), in one query."""
    previous_speaker = (
        Intervention.objects.filter(
            agenda_item=OuterRef("agenda_item"), position__lt=OuterRef("position")
        )
        .order_by("-position")
        .values("organization")[:1]
    )
    return (
        interventions.annotate(previous_speaker=Subquery(previous_speaker))
        .filter(Q(previous_speaker__isnull=True) | ~Q(previous_speaker=F("organization")))
        .order_by()
        .values(meeting=F("agenda_item__meeting"), organization_kind=F("organization__kind"))
        .annotate(count=Count("pk"))
    )


@dataclass
class GroupCount:
    group: StakeholderGroup
    count: int

    @property
    def label(self):
        return self.group.label

    @property
    def colour(self):
        return STYLE[self.group][0]


@dataclass
class MeetingVoices:
    """A meeting's voices by stakeholder group, in the groups' order."""

    meeting: object
    counts: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(self.counts.values())

    def rows(self, groups):
        return [GroupCount(group, self.counts.get(group, 0)) for group in groups]


def meetings_newest_first(user):
    """The meetings whose voices the page counts: those `user` may see, newest first (and the
    Atom feed of the page, feeds.voices)."""
    return Meeting.objects.visible_to(user).order_by("-date", "-number")


def by_meeting(user, meetings, group=None):
    """[MeetingVoices] for `meetings` (Meeting rows the user may see), in their order: one query.
    With `group`, only that stakeholder group's voices are counted."""
    meetings = list(meetings)
    interventions = Intervention.objects.visible_to(user).filter(
        agenda_item__meeting__in=[meeting.pk for meeting in meetings]
    )
    if group:
        interventions = interventions.filter(organization__kind__in=kinds_in(group))
    voices = {meeting.pk: MeetingVoices(meeting) for meeting in meetings}
    for row in voice_counts(interventions):
        counts = voices[row["meeting"]].counts
        group_counted = group_of(row["organization_kind"])
        counts[group_counted] = counts.get(group_counted, 0) + row["count"]
    return [voices[meeting.pk] for meeting in meetings]


def groups_shown(voices, group=None):
    """The groups a chart shows: the one asked for, or the seven, and "not yet classified" only
    when some voice is."""
    if group:
        return [StakeholderGroup(group)]
    return [
        group
        for group in StakeholderGroup
        if group != StakeholderGroup.UNCLASSIFIED
        or any(meeting.counts.get(group) for meeting in voices)
    ]


def patterns(prefix, groups):
    """The SVG patterns of `groups`: [(id, colour, path)]."""
    return [(f"{prefix}-{group}", *STYLE[group]) for group in groups]


# Chart shapes: every coordinate computed here, so the templates only place them. ----------------

WIDTH = 720
LABEL_MIN_HEIGHT = 16  # a segment lower than this gets no number inside (the table has it)


@dataclass
class Shape:
    x: float
    y: float
    width: float
    height: float
    fill: str
    count: int = 0
    show_count: bool = False

    def __post_init__(self):
        # Short attributes; the template also renders them unlocalised (a decimal point, always).
        self.x, self.y, self.width, self.height = (
            round(value, 1) for value in (self.x, self.y, self.width, self.height)
        )

    @property
    def text_x(self):
        return round(self.x + self.width / 2, 1)

    @property
    def text_y(self):
        return round(self.y + self.height / 2 + 4, 1)

    @property
    def box_x(self):  # the white box behind a segment's number, so it reads on any pattern
        return round(self.text_x - 11, 1)

    @property
    def box_y(self):
        return round(self.text_y - 12, 1)


def bars(prefix, meeting_voices, groups):
    """One meeting's chart: a horizontal bar per group, its name above it, its count after it."""
    row_height, bar_height, left, right = 44, 18, 8, 60
    most = max([row.count for row in meeting_voices.rows(groups)] + [1])
    rows = []
    for index, row in enumerate(meeting_voices.rows(groups)):
        top = index * row_height
        width = (WIDTH - left - right) * row.count / most
        bar = Shape(left, top + 20, width, bar_height, f"url(#{prefix}-{row.group})", row.count)
        count_x = round(left + width + 6, 1)
        rows.append({"row": row, "label_y": top + 14, "bar": bar, "count_x": count_x})
    return {"width": WIDTH, "height": len(rows) * row_height, "rows": rows}


def columns(prefix, voices, groups):
    """The chart over time: a column per meeting, stacked by group, its total on top, the
    meeting's number and year below, and a legend under it."""
    top, plot_height, axis_labels, left = 24, 200, 44, 8
    legend_row = 22
    count = max(len(voices), 1)
    slot = (WIDTH - left * 2) / count
    bar_width = min(slot * 0.6, 64)
    most = max([meeting.total for meeting in voices] + [1])
    base = top + plot_height
    meeting_columns = []
    for index, meeting in enumerate(voices):
        x = left + slot * index + (slot - bar_width) / 2
        y = base
        segments = []
        for row in meeting.rows(groups):
            if not row.count:
                continue
            height = plot_height * row.count / most
            y -= height
            segments.append(
                Shape(
                    x,
                    y,
                    bar_width,
                    height,
                    f"url(#{prefix}-{row.group})",
                    row.count,
                    show_count=height >= LABEL_MIN_HEIGHT,
                )
            )
        meeting_columns.append(
            {
                "voices": meeting,
                "segments": segments,
                "centre": round(x + bar_width / 2, 1),
                "total_y": round(y - 6, 1),
            }
        )
    legend_top = base + axis_labels
    legend = [
        {
            "group": group,
            "fill": f"url(#{prefix}-{group})",
            "x": round(left + (index % 2) * (WIDTH / 2), 1),
            "y": legend_top + (index // 2) * legend_row,
            "text_x": round(left + (index % 2) * (WIDTH / 2) + 22, 1),
            "text_y": legend_top + (index // 2) * legend_row + 13,
        }
        for index, group in enumerate(groups)
    ]
    return {
        "width": WIDTH,
        "height": legend_top + ((len(groups) + 1) // 2) * legend_row,
        "base": base,
        "axis_end": WIDTH - left,
        "left": left,
        "label_y": base + 18,
        "year_y": base + 34,
        "columns": meeting_columns,
        "legend": legend,
    }


def meeting_chart(user, meeting, prefix="voices"):
    """Everything the meeting page's voices section shows (one query)."""
    (voices,) = by_meeting(user, [meeting])
    groups = groups_shown([voices])
    return {
        "voices": voices,
        "rows": voices.rows(groups),
        "patterns": patterns(prefix, groups),
        "chart": bars(prefix, voices, groups),
        "prefix": prefix,
    }


def over_time_chart(user, meetings, group=None, prefix="voices"):
    """Everything the voices page shows for `meetings`, oldest first (one query)."""
    voices = by_meeting(user, meetings, group)
    groups = groups_shown(voices, group)
    return {
        "voices": voices,
        "groups": groups,
        "table": [(meeting, meeting.rows(groups)) for meeting in voices],
        "patterns": patterns(prefix, groups),
        "chart": columns(prefix, voices, groups),
        "prefix": prefix,
    }
