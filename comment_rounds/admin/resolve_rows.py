"""A round's comments in the record's order, for the Secretariat to resolve: those on the record
as a whole first; then agenda item by agenda item, the item's own before its interventions', each
intervention in its place; last, those on parts of the record deleted since. Grouped for the page
by where they were made."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce

from .. import models
from ..models import Comment

WHOLE, ON_A_PART, ON_A_DELETED_PART = 0, 1, 2


def comments_in_record_order(comment_round):
    """The round's comments, in the record's order, with what the page shows of each."""
    section = Case(
        When(models.ON_A_PART, then=Value(ON_A_PART)),
        When(models.ON_THE_WHOLE, then=Value(WHOLE)),
        default=Value(ON_A_DELETED_PART),
        output_field=IntegerField(),
    )
    return (
        Comment.objects.filter(round=comment_round)
        .select_related(
            "reviewer__person",
            "reviewer__organization",
            "agenda_item",
            "intervention__agenda_item",
            "intervention__organization",
            "intervention__speaker",
        )
        .annotate(
            section=section,
            item_number=Coalesce("intervention__agenda_item__number", "agenda_item__number"),
            intervention_position=Coalesce("intervention__position", Value(0)),
        )
        .order_by("section", "item_number", "intervention_position", "made_at", "pk")
    )


@dataclass
class Group:
    """The comments made on one place of the record: `section`, and the agenda item and
    intervention (None for the record as a whole, or a deleted part). `first_of_item`: the first
    group under its agenda item on the page, which shows the item's heading."""

    section: int
    item: object = None
    intervention: object = None
    first_of_item: bool = False
    status: str = ""
    rows: list = field(default_factory=list)

    @property
    def current_wording(self):
        if self.intervention is not None:
            return self.intervention.summary
        return self.item.narrative if self.item is not None else ""


def place_of(comment):
    """(section, agenda item, intervention) of a comment annotated by comments_in_record_order."""
    if comment.intervention is not None:
        return comment.section, comment.intervention.agenda_item, comment.intervention
    return comment.section, comment.agenda_item, None


def grouped(rows, statuses, labels):
    """The page's rows (each a comment with what is shown of it: `row.comment`) in groups, each
    intervention's with its speakers' answer (`statuses`: {intervention pk: status})."""
    groups = []
    for row in rows:
        section, item, intervention = place_of(row.comment)
        last = groups[-1] if groups else None
        same_place = (
            last is not None
            and last.section == section
            and last.item == item
            and last.intervention == intervention
        )
        if not same_place:
            new_item = item is not None and (last is None or last.item != item)
            status = labels[statuses[intervention.pk]] if intervention is not None else ""
            last = Group(section, item, intervention, first_of_item=new_item, status=status)
            groups.append(last)
        last.rows.append(row)
    return groups
