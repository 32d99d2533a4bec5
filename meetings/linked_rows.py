"""The many-to-many relations a meeting's page and report link in their rows (whom an
intervention spoke also on behalf of, the countries and action groups it concerns, a follow-up's
owners, a document's authors) as lists of Linked rows, `listed_<relation>`, one values query a
relation. A prefetch made a model instance of each and compiled a join and an extra select around
the relation's table: four times the Python work for the same names and addresses."""

from collections import defaultdict
from typing import NamedTuple

from base.templatetags.record_urls import DETAIL_VIEWS
from base.web.slug_urls import slug_url

from .models import Intervention


class Linked(NamedTuple):
    """What a row writes of a linked object: its name and its page's address, as a template
    writes the object (`{{ object }}`, `{{ object|absolute_url }}`)."""

    name: str
    url: str

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url


def attach_linked(objects, relation, meeting, meeting_path, model=None):
    """Set on each of `objects`, the rows of one model that `meeting` has (all of them),
    `listed_<relation>`: what its many-to-many `relation` links, by name, as Linked rows;
    `meeting_path`: the lookup from such a row to its meeting ("agenda_item__meeting"); `model`:
    the rows' model, when they are not its instances (meeting_parts.SpokenRow)."""
    if not objects:
        return  # no query, as a prefetch makes none for no rows
    field = (model or objects[0])._meta.get_field(relation)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    viewname = DETAIL_VIEWS[field.related_model._meta.label_lower]
    links = (
        field.remote_field.through.objects.filter(**{f"{source}__{meeting_path}": meeting})
        .order_by(f"{target}__name", f"{target}__pk")
        .values_list(f"{source}_id", f"{target}__name", f"{target}__slug")
    )
    listed = defaultdict(list)
    for pk, name, slug in links:
        listed[pk].append(Linked(name, slug_url(viewname, slug)))
    attname = f"listed_{relation}"
    for obj in objects:
        setattr(obj, attname, listed[obj.pk])


def attach_record_links(meeting, intervention_relations):
    """The lists of what the interventions (`intervention_relations` of theirs) and the follow-ups
    (their owners) of a meeting fetched by meeting_parts.attach_parts link."""
    interventions = [
        intervention
        for item in meeting.ordered_agenda_items
        for intervention in item.ordered_interventions
    ]
    for relation in intervention_relations:
        attach_linked(interventions, relation, meeting, "agenda_item__meeting", Intervention)
    attach_linked(meeting.ordered_action_points, "owners", meeting, "meeting")
