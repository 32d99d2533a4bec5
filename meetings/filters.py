"""The events calendar's filter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Event, EventKind


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of event"), choices=EventKind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Event
        fields = ["kind"]
