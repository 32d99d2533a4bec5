"""Countries and regional bodies: the pathfinder pipeline and one country's whole record."""

from django.db.models import F, Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from meetings import timeline
from meetings.models import OfficeTerm
from partners.models import Country

from .filters import CountryFilter
from .models import Milestone, with_stage


def countries_visible_to(user):
    """Countries `user` may see, with their stage and, as `shown_terms`, the office terms `user`
    may see (a list: a prefetch into the manager would clone a queryset for every country)."""
    terms = OfficeTerm.objects.visible_to(user).select_related("person")
    return with_stage(Country.objects.visible_to(user), user).prefetch_related(
        Prefetch(
            "office_terms",
            queryset=terms.order_by("start_date", "office", "pk"),
            to_attr="shown_terms",
        )
    )


class CountryListView(FilterView):
    filterset_class = CountryFilter
    template_name = "pathfinders/country_list.html"

    def get_queryset(self):
        return countries_visible_to(self.request.user).order_by(
            F("stage_rank").desc(nulls_last=True), "name"
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
        return countries_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        milestones = timeline.dated_kind(
            "milestone",
            Milestone.objects.visible_to(user).filter(country=self.object),
            _milestone_entry,
            "date",
            ["source_meeting"],
            shown_with=(
                "source_meeting",
                "source_agenda_item__meeting",
                "source_intervention__agenda_item__meeting",
            ),
        )
        entries = timeline.concerning(user, {"countries": self.object}, [milestones])
        context["page_obj"] = timeline.page_of(entries, self.request)
        context["timeline"] = context["page_obj"].object_list
        return context


def _milestone_entry(milestone):
    return timeline.dated_entry(
        "milestone", milestone, milestone.date, milestone.date_precision, milestone.source_meeting
    )
