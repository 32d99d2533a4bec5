"""The directory's lists as Atom feeds: the organisations, the action groups and the people.

None of them has a date of its own in the record, so each is dated by the record's history: an
organisation or an action group by when the Secretariat last changed it, a person by when they
entered the record (`first_recorded`: a person's later writes include their own choice of who
reads their addresses, which no feed announces). Newest first by that date; a row written
without history (a bulk load) has no time at all and comes last (atom.NO_KNOWN_TIME).

A person's entry is their name, position and organisation, never an address: the feed reads none.
"""

from urllib.parse import urlencode

from django.db.models import F
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actiongroups.models import ActionGroup
from base.exports.atom import FEED_ENTRIES, AtomFeed, first_recorded, last_changed
from base.record.choice_labels import choice_label
from base.web.html import format_html
from directory.views import action_groups_visible_to
from partners.models import Organization, Person

from .visitor import VISITOR

NEWEST_FIRST = F("last_changed").desc(nulls_last=True)


class OrganizationsFeed(AtomFeed):
    title = _("Partner organisations")
    subtitle = _("The organisations in the GCG's record, the last changed first.")
    link = reverse_lazy("directory:organization_list")

    def items(self):
        organizations = (
            Organization.objects.visible_to(VISITOR)
            .select_related("country")
            .annotate(last_changed=last_changed(Organization))
            .order_by(NEWEST_FIRST, "name")
        )
        return organizations[:FEED_ENTRIES]

    def entry_path(self, organization):
        return f"/organizations/{organization.pk}"

    def item_title(self, organization):
        if organization.acronym:
            return f"{organization.name} ({organization.acronym})"
        return organization.name

    def item_description(self, organization):
        kind = choice_label(organization, "kind")
        if organization.country_id is None:
            return format_html("<p>{}</p>", kind)
        return format_html("<p>{} · {}</p>", kind, organization.country.name)


class ActionGroupsFeed(AtomFeed):
    title = _("Action groups")
    subtitle = _("The Alliance's thematic action groups, the last changed first.")
    link = reverse_lazy("directory:action_group_list")

    def items(self):
        groups = action_groups_visible_to(VISITOR).annotate(last_changed=last_changed(ActionGroup))
        return groups.order_by(NEWEST_FIRST, "name")[:FEED_ENTRIES]

    def entry_path(self, group):
        return f"/action-groups/{group.pk}"

    def item_description(self, group):
        leads = ", ".join(lead.name for lead in group.leads.all())
        return format_html(
            "<p>{}{}</p>{}",
            choice_label(group, "status"),
            f" · {gettext('Lead organisations:')} {leads}" if leads else "",
            format_html("<p>{}</p>", group.description) if group.description else "",
        )


class PeopleFeed(AtomFeed):
    title = _("Participant directory")
    subtitle = _("Who is who in the GCG's record, the latest recorded first.")
    link = reverse_lazy("directory:people")

    def items(self):
        people = (
            Person.objects.visible_to(VISITOR)
            .listed()
            .select_related("organization")
            .annotate(last_changed=first_recorded(Person))
            .order_by(NEWEST_FIRST, "sort_key", "pk")
        )
        return people[:FEED_ENTRIES]

    def entry_path(self, person):
        return f"/directory/{person.pk}"

    def item_link(self, person):
        # A person has no page of their own: the directory, found by their name.
        return f"{reverse('directory:people')}?{urlencode({'q': person.name})}"

    def item_description(self, person):
        if person.position:
            return format_html("<p>{}, {}</p>", person.position, person.organization.name)
        return format_html("<p>{}</p>", person.organization.name)
