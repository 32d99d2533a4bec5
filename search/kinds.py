"""What the search looks through: each kind of row, the columns it reads, who may see which rows,
and where a result links to (the exact place on the page that shows it)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from actiongroups.models import ActionGroup
from base.record.choice_labels import choice_label
from base.record.partial_dates import format_partial_date
from meetings.models import ActionPoint, AgendaItem, Document, Event, Intervention, Meeting
from partners.models import Country, EmailAddress, Organization, Person


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    # The text the search reads, most telling first: (column, weight A-D). The PostgreSQL
    # triggers (migration 0002) index exactly these; tests/search checks they agree.
    columns: tuple
    related: tuple = ()
    # The column shown as the snippet, when the row has more to say than its title.
    snippet_column: str = ""
    # Names: also found by trigram similarity (a misspelt name) on PostgreSQL.
    is_name: bool = False
    # (foreign key, kind key): the row is also found by what the row it points at is found by,
    # e.g. a person by their organisation's name.
    also_through: tuple = ()
    title: callable = str
    meta: callable = lambda row: ""
    link: callable = lambda row: row.get_absolute_url()

    def rows(self, user):
        """The rows `user` may find."""
        rows = self.model.objects.visible_to(user)
        return rows.listed() if self.model is Person else rows

    def shown(self, user):
        """The rows as a result shows them: with what its title, meta and link read."""
        rows = self.model.objects.select_related(*self.related)
        if self.model is Person:
            rows = rows.prefetch_related(
                Prefetch("emails", EmailAddress.objects.shown_to(user), to_attr="shown_emails")
            )
        return rows


def _on_meeting_page(meeting, anchor):
    return f"{meeting.get_absolute_url()}#{anchor}"


def _document_link(document):
    if document.meeting_id:
        return _on_meeting_page(document.meeting, "documents")
    if document.agenda_item_id:
        return document.agenda_item.get_absolute_url()
    return document.url or reverse("meetings:list")


def _event_link(event):
    if event.meeting_id:
        return event.meeting.get_absolute_url()
    if event.mentioned_at_id:
        return event.mentioned_at.get_absolute_url()
    return reverse("meetings:events")


def _person_link(person):
    return f"{reverse('directory:people')}?{urlencode({'q': person.name})}"


def _intervention_title(intervention):
    if intervention.speaker_id:
        return f"{intervention.organization.name} ({intervention.speaker.name})"
    return intervention.organization.name


def _joined(*parts):
    return " · ".join(str(part) for part in parts if part)


KINDS = [
    Kind(
        "meetings",
        _("Meetings"),
        Meeting,
        columns=(("title", "A"), ("city", "B"), ("occasion", "C")),
        snippet_column="occasion",
        meta=lambda meeting: _joined(date_format(meeting.date), meeting.city),
    ),
    Kind(
        "agenda_items",
        _("Agenda items"),
        AgendaItem,
        columns=(("title", "A"), ("narrative", "C")),
        related=("meeting",),
        snippet_column="narrative",
        title=lambda item: item.number_and_title,
        meta=lambda item: item.meeting.title,
    ),
    Kind(
        "interventions",
        _("Interventions"),
        Intervention,
        columns=(("speaking_as", "B"), ("summary", "C")),
        related=("agenda_item__meeting", "organization", "speaker"),
        snippet_column="summary",
        title=_intervention_title,
        meta=lambda intervention: str(intervention.agenda_item),
    ),
    Kind(
        "decisions",
        _("Decisions and follow-ups"),
        ActionPoint,
        columns=(("text", "A"),),
        related=("meeting",),
        snippet_column="text",
        title=lambda point: choice_label(point, "kind"),
        meta=lambda point: point.meeting.title,
        link=lambda point: _on_meeting_page(point.meeting, point.anchor),
    ),
    Kind(
        "documents",
        _("Documents"),
        Document,
        columns=(("title", "A"), ("description", "C")),
        related=("meeting", "agenda_item__meeting"),
        snippet_column="description",
        meta=lambda document: choice_label(document, "kind"),
        link=_document_link,
    ),
    Kind(
        "events",
        _("Events"),
        Event,
        columns=(("title", "A"), ("city", "B"), ("description", "C")),
        related=("meeting", "mentioned_at__meeting"),
        snippet_column="description",
        meta=lambda event: _joined(
            format_partial_date(event.start_date, event.date_precision, event.end_date),
            event.city,
        ),
        link=_event_link,
    ),
    Kind(
        "organisations",
        _("Organisations"),
        Organization,
        columns=(("name", "A"), ("acronym", "A")),
        is_name=True,
        title=lambda organization: _joined(organization.name, organization.acronym),
        meta=lambda organization: choice_label(organization, "kind"),
    ),
    Kind(
        "people",
        _("People"),
        Person,
        # The search name (partners.names): "d'Ovidio" also found as "dovidio".
        columns=(("search_name", "A"), ("position", "B")),
        related=("organization",),
        is_name=True,
        also_through=(("organization", "organisations"),),
        meta=lambda person: _joined(person.position, person.organization.name),
        link=_person_link,
    ),
    Kind(
        "countries",
        _("Countries and regional bodies"),
        Country,
        columns=(("name", "A"),),
        is_name=True,
        meta=lambda country: choice_label(country, "kind"),
    ),
    Kind(
        "action_groups",
        _("Action groups"),
        ActionGroup,
        columns=(("name", "A"), ("description", "C")),
        snippet_column="description",
        is_name=True,
        meta=lambda group: choice_label(group, "status"),
    ),
]
BY_KEY = {kind.key: kind for kind in KINDS}
