"""The home page: the GCG at a glance."""

from collections import Counter

from django.utils import timezone
from django.views.generic import TemplateView

from actiongroups.models import ActionGroup
from meetings import planned_meetings, record_html
from meetings.models import Event, KeyFigure, Meeting, OfficeTerm
from partners.models import Country
from pathfinders.models import Milestone, Stage

EVENTS_SHOWN = 5


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meetings = Meeting.objects.visible_to(user)
        today = timezone.localdate()
        upcoming, recent_past = self.calendar(today)
        next_meeting, cancelled_meetings = planned_meetings.next_meeting(
            planned_meetings.upcoming(today)
        )
        context.update(
            next_meeting=next_meeting,
            cancelled_meetings=cancelled_meetings,
            offices=OfficeTerm.objects.visible_to(user).holders(),
            latest_meeting=meetings.first(),
            pipeline=self.pipeline(),
            action_groups=ActionGroup.objects.visible_to(user),
            upcoming_events=self.brief_events(upcoming, 3),
            recent_events=self.brief_events(recent_past, 4),
            key_figures=KeyFigure.objects.visible_to(user).with_source().latest_reported(meetings),
        )
        return context

    def pipeline(self):
        """How many countries and regional bodies are at each stage, in the journey's order."""
        user = self.request.user
        milestones = Milestone.objects.visible_to(user).filter(
            country__in=Country.objects.visible_to(user)
        )
        ranks = Counter(milestones.furthest_rank_of_each_country())
        return [{"stage": stage, "count": ranks[Stage.rank(stage)]} for stage in Stage]

    def brief_events(self, events, level):
        """Each event as meetings/partials/event.html writes it, brief, with a heading at `level`
        (in Python, meetings.record_html: the partial cost more than the section's query)."""
        labels = record_html.labels()
        return [record_html.event(labels, event, level, brief=True) for event in events]

    def calendar(self, today):
        """Upcoming events; if there are none, the most recent past ones instead (one query)."""
        events = list(
            Event.objects.visible_to(self.request.user)
            # mentioned_at__meeting dates a past plan's status ("Planned, as reported on ...").
            .select_related("meeting", "mentioned_at__meeting")
            .in_calendar_order(today)[:EVENTS_SHOWN]
        )
        upcoming = [event for event in events if event.is_upcoming]
        return upcoming, ([] if upcoming else events)
