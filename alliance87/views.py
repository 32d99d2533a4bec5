"""The home page: the GCG at a glance."""

from collections import Counter

from django.views.generic import TemplateView

from actiongroups.models import ActionGroup
from meetings.models import Event, KeyFigure, Meeting, visible
from partners.models import Office, OfficeTerm
from pathfinders.models import Country, Stage

from . import partial_dates

EVENTS_SHOWN = 5


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meetings = Meeting.objects.visible_to(user)
        # Read through the module so tests can move "today" with monkeypatch.
        upcoming, recent_past = self.calendar(partial_dates.today())
        context.update(
            offices=self.offices(),
            latest_meeting=meetings.first(),
            pipeline=self.pipeline(),
            action_groups=ActionGroup.objects.order_by("name"),
            upcoming_events=upcoming,
            recent_events=recent_past,
            key_figures=KeyFigure.objects.with_source().latest_reported(meetings),
        )
        return context

    def offices(self):
        """Each office's current holder and the one before it, from one query."""
        terms = OfficeTerm.objects.select_related("country", "person").order_by(
            "office", "start_date", "pk"
        )
        terms = visible(terms, self.request.user, "source_meeting")
        by_office = {office: [] for office in Office.values}
        for term in terms:
            by_office[term.office].append(term)
        offices = []
        for office in Office:
            current = [term for term in by_office[office] if term.end_date is None]
            ended = sorted(
                (term for term in by_office[office] if term.end_date is not None),
                key=lambda term: term.end_date,
            )
            if current:
                offices.append(
                    {
                        "office": office,
                        "term": current[-1],
                        "previous": ended[-1] if ended else None,
                    }
                )
        return offices

    def pipeline(self):
        """How many countries and regional bodies are at each stage, in the journey's order."""
        ranks = Counter(
            Country.objects.with_stage_visible_to(self.request.user)
            .filter(stage_rank__isnull=False)
            .values_list("stage_rank", flat=True)
        )
        return [{"stage": stage, "count": ranks[Stage.rank(stage)]} for stage in Stage]

    def calendar(self, today):
        """Upcoming events; if there are none, the most recent past ones instead (one query)."""
        events = list(
            Event.objects.visible_to(self.request.user)
            .select_related("meeting")
            .in_calendar_order(today)[:EVENTS_SHOWN]
        )
        upcoming = [event for event in events if event.is_upcoming]
        return upcoming, ([] if upcoming else events)
