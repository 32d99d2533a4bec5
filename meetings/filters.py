"""The events calendar's filter, and the follow-ups list's."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from actiongroups.models import ActionGroup
from base.web.filters import OfferedChoicesFilterSet
from base.web.searched_filters import SearchedChoicesMixin
from partners.matching import organization_choice
from partners.models import Country, Organization

from .matching import meeting_choice
from .models import ActionPoint, ActionPointKind, ActionPointStatus, Event, EventKind


class EventFilter(OfferedChoicesFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of event"), choices=EventKind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Event
        fields = ["kind"]


# Organisations and meetings are typed, not listed (base/web/searched_filters.py): their number
# grows with the record.


def owners_of_visible_follow_ups(request):
    points = ActionPoint.objects.visible_to(request.user)
    organizations = Organization.objects.visible_to(request.user)
    return organizations.filter(action_points__in=points).distinct()


# Countries and action groups are found by EXISTS, each stopping at its first follow-up: a
# DISTINCT over the join read every follow-up's tags (41 ms at a thousand times the record).
def countries_of_visible_follow_ups(request):
    points = ActionPoint.objects.visible_to(request.user).filter(countries=OuterRef("pk"))
    return Country.objects.filter(Exists(points)).order_by("name").only("name")


def action_groups_of_visible_follow_ups(request):
    points = ActionPoint.objects.visible_to(request.user).filter(action_groups=OuterRef("pk"))
    return ActionGroup.objects.filter(Exists(points)).order_by("name").only("name")


OVERDUE = "overdue"


OWNER_MESSAGES = {
    "one": _("Filtered by owner organisation: %(name)s"),
    "several": _("“%(text)s” matches several organisations; the list shows what each owns:"),
    "none": _("No organisation matches “%(text)s”."),
}
DECIDED_AT_MESSAGES = {
    "one": _("Filtered by the meeting that decided: %(name)s"),
    "several": _("“%(text)s” matches several meetings; the list shows what each decided:"),
    "none": _("No meeting matches “%(text)s”."),
}


class FollowUpFilter(SearchedChoicesMixin, OfferedChoicesFilterSet):
    """The decisions and follow-ups of every meeting the visitor may see. "Overdue" is a status
    here as on the pages: open or in progress once its due period is over, computed today."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*ActionPointStatus.choices, (OVERDUE, _("Overdue"))],
        empty_label=_("Any status"),
        method="with_status",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActionPointKind.choices, empty_label=_("Decisions and follow-ups")
    )
    owner_search = organization_choice(
        label=_("Owner organisation"),
        field_name="owners",
        old_param="owner",
        rows=owners_of_visible_follow_ups,
        messages=OWNER_MESSAGES,
    )
    meeting_search = meeting_choice(
        label=_("Decided at"), field_name="meeting", messages=DECIDED_AT_MESSAGES
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        queryset=countries_of_visible_follow_ups,
        empty_label=_("Any country"),
    )
    action_group = django_filters.ModelChoiceFilter(
        label=_("Action group"),
        field_name="action_groups",
        queryset=action_groups_of_visible_follow_ups,
        empty_label=_("Any action group"),
    )

    # "Overdue" is offered whenever any status is: it is computed, not a stored value.
    offered_whole = ("status",)
    option_labels = {"country": "name", "action_group": "name"}

    class Meta:
        model = ActionPoint
        fields = ["status", "kind", "owner_search", "meeting_search", "country", "action_group"]

    def with_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.overdue()
        return queryset.filter(status=value)
