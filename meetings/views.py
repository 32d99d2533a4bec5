from django.views.generic import DetailView, ListView

from .models import Event, Meeting


class MeetingListView(ListView):
    model = Meeting


class MeetingDetailView(DetailView):
    model = Meeting


class EventListView(ListView):
    model = Event
