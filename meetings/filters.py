"""The events calendar's filter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from base.filters import OfferedChoicesFilterSet

from .models import Event, EventKind


class EventFilter(OfferedChoicesFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of event"), choices=EventKind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Event
        fields = ["kind"]
