"""The countries list's filters: stage (derived from milestones), region (UN M49) and kind."""

import django_filters
from django.utils.translation import gettext_lazy as _

from base.web.filters import OfferedChoicesFilterSet
from partners.models import Country, CountryKind, Region

from .models import Stage


def stage_of_rank(rank):
    stage = Stage.from_rank(rank)
    return stage.value if stage else ""


class CountryFilter(OfferedChoicesFilterSet):
    # The stage is an annotation (`stage_rank`), never a column: filter on the rank it maps to.
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=Stage.choices, empty_label=_("Any stage"), method="at_stage"
    )
    region = django_filters.ChoiceFilter(
        label=_("Region (UN M49)"), choices=Region.choices, empty_label=_("Any region")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=CountryKind.choices, empty_label=_("Countries and regional bodies")
    )

    choice_sources = {"stage": ("stage_rank", stage_of_rank)}

    class Meta:
        model = Country
        fields = ["stage", "region", "kind"]

    def at_stage(self, queryset, name, value):
        return queryset.filter(stage_rank=Stage.rank(value))
