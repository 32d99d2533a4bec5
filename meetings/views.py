"""The meetings of the GCG, one meeting's full record, and the calendar of events."""

from django.utils import timezone
from django.views.generic import DetailView, ListView

from .filters import EventFilter
from .models import Event, Meeting


class MeetingListView(ListView):
    context_object_name = "meetings"
    paginate_by = 25

    def get_queryset(self):
        return (
            Meeting.objects.visible_to(self.request.user).with_counts().order_by("-date", "-number")
        )


class MeetingDetailView(DetailView):
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["key_figures"] = [
            figure
            for item in self.object.ordered_agenda_items
            for figure in item.ordered_key_figures
        ]
        return context


class EventListView(ListView):
    context_object_name = "events"
    template_name = "meetings/event_list.html"
    paginate_by = 50

    def get_queryset(self):
        events = (
            Event.objects.visible_to(self.request.user)
            .for_calendar()
            .in_calendar_order(timezone.localdate())
        )
        self.filterset = EventFilter(self.request.GET or None, queryset=events)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return events.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context
