"""Countries and regional bodies: the pathfinder pipeline and one country's whole record."""

from itertools import groupby
from operator import itemgetter

from django.db.models import F, Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from meetings import timeline
from meetings.models import OfficeTerm
from partners.models import Country

from .filters import CountryFilter
from .models import Milestone, Stage, with_stage


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


def office_terms_by_country(user):
    """{country id: the office terms `user` may see, in order}: all of them, few whatever the
    record's size, read without naming the countries listed (hundreds of parameters)."""
    terms = OfficeTerm.objects.visible_to(user).select_related("person")
    by_country = {}
    for term in terms.order_by("start_date", "office", "pk"):
        by_country.setdefault(term.country_id, []).append(term)
    return by_country


class CountryListView(FilterView):
    filterset_class = CountryFilter
    template_name = "pathfinders/country_list.html"

    def get_queryset(self):
        user = self.request.user
        return with_stage(Country.objects.visible_to(user), user).order_by(
            F("stage_rank").desc(nulls_last=True), "name"
        )

    def get_context_data(self, **kwargs):
        """The countries as the columns their lines write (pathfinders.templatetags.country_lines),
        each with its `shown_terms`: a few hundred rows, which as instances cost more than the
        lines themselves."""
        context = super().get_context_data(**kwargs)
        columns = ("pk", "name", "slug", "kind", "region", "stage_rank")
        countries = list(context["object_list"].values(*columns))
        terms = office_terms_by_country(self.request.user)
        for country in countries:
            country["shown_terms"] = terms.get(country["pk"], [])
        pathfinders = [country for country in countries if country["stage_rank"]]
        # By stage, as `{% regroup %}` would, without resolving a variable a row.
        context["stages"] = [
            (Stage.from_rank(rank), list(rows))
            for rank, rows in groupby(pathfinders, key=itemgetter("stage_rank"))
        ]
        context["others"] = [country for country in countries if not country["stage_rank"]]
        return context


class CountryDetailView(DetailView):
    template_name = "pathfinders/country_detail.html"

    def get_queryset(self):
        return countries_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        milestones = (MILESTONES, {"country": self.object})
        entries = timeline.concerning(user, {"countries": self.object}, [milestones])
        context["page_obj"] = timeline.page_of(entries, self.request)
        context["timeline"] = context["page_obj"].object_list
        return context


def _milestone_entry(milestone):
    return timeline.dated_entry(
        "milestone", milestone, milestone.date, milestone.date_precision, milestone.source_meeting
    )


# A country's milestones, in its timeline.
MILESTONES = timeline.dated_kind(
    "milestone",
    Milestone,
    _milestone_entry,
    "date",
    ["source_meeting"],
    columns=("kind", "date", "date_precision", "note"),
    shown_with={
        "source_meeting": timeline.MEETING_COLUMNS,
        "source_agenda_item": timeline.AGENDA_ITEM_COLUMNS,
        "source_agenda_item__meeting": timeline.MEETING_COLUMNS,
        "source_intervention": (),
        "source_intervention__agenda_item": timeline.AGENDA_ITEM_COLUMNS,
        "source_intervention__agenda_item__meeting": timeline.MEETING_COLUMNS,
    },
)
