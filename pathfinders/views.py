"""Countries and regional bodies: the pathfinder pipeline and one country's whole record."""

from django.db.models import F, Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from meetings.models import visible
from partners.models import OfficeTerm

from . import timeline
from .filters import CountryFilter
from .models import Country


def office_terms_visible_to(user):
    terms = OfficeTerm.objects.select_related("person").order_by("start_date", "office", "pk")
    return Prefetch("office_terms", queryset=visible(terms, user, "source_meeting"))


class CountryListView(FilterView):
    filterset_class = CountryFilter
    template_name = "pathfinders/country_list.html"

    def get_queryset(self):
        user = self.request.user
        return (
            Country.objects.with_stage_visible_to(user)
            .prefetch_related(office_terms_visible_to(user))
            .order_by(F("stage_rank").desc(nulls_last=True), "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = list(context["object_list"])
        context["pathfinders"] = [country for country in countries if country.stage_rank]
        context["others"] = [country for country in countries if not country.stage_rank]
        return context


class CountryDetailView(DetailView):
    template_name = "pathfinders/country_detail.html"

    def get_queryset(self):
        user = self.request.user
        return Country.objects.with_stage_visible_to(user).prefetch_related(
            office_terms_visible_to(user)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = timeline.for_country(self.object, self.request.user)
        return context
