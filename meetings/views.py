"""The meetings of the GCG, one meeting's full record, the calendar of events, and documents'
files."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from partners.models import EmailAddress
from partners.stakeholder_groups import StakeholderGroup

from . import planned_meetings, record_html
from .document_files import download_response
from .filters import EventFilter, FollowUpFilter
from .followup_page import followups_newest_first, page_points
from .linked_rows import attach_linked, attach_record_links
from .meeting_page import shown_attendances
from .meeting_parts import attach_parts
from .models import ActionPoint, Document, Event, Meeting
from .structured_data import calendar_script, meeting_script
from .voices import meeting_chart, meetings_newest_first, over_time_chart

# The "Matters arising" a meeting page lists at most; the follow-ups list has them all.
MATTERS_ARISING_SHOWN = 50
MEETINGS_PER_CHART = 12


class MeetingListView(ListView):
    """The record's meetings, newest first, under the planned meetings still to come."""

    context_object_name = "meetings"
    paginate_by = 25

    def get_queryset(self):
        return (
            Meeting.objects.visible_to(self.request.user).with_counts().order_by("-date", "-number")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["planned"] = planned_meetings.upcoming()
        return context


class MeetingDetailView(DetailView):
    """A meeting's record; to anyone but staff, an announced meeting's announcement instead of
    its draft (meetings.planned_meetings)."""

    context_object_name = "meeting"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if request.user.is_staff:  # staff see every draft: there is nothing else to find
                raise
            planned = planned_meetings.announcement(kwargs["slug"])
            if planned is None:
                raise
        context = {"meeting": planned, "structured_data": meeting_script(planned, request)}
        return TemplateResponse(request, "meetings/meeting_announcement.html", context)

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).for_detail()

    def get_object(self, queryset=None):
        meeting = super().get_object(queryset)
        attach_parts(meeting, documents_for=self.request.user)
        attach_record_links(meeting, ["on_behalf_of", "countries", "action_groups"])
        attach_linked(meeting.ordered_documents, "organizations", meeting, "meeting", Document)
        return meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["key_figures"] = [
            figure
            for item in self.object.ordered_agenda_items
            for figure in item.ordered_key_figures
        ]
        arising = ActionPoint.objects.visible_to(self.request.user).arising_at(self.object)
        # One more than shown, to know whether to say there are more without counting them.
        arising = list(arising[: MATTERS_ARISING_SHOWN + 1])
        context["matters_arising"] = arising[:MATTERS_ARISING_SHOWN]
        context["more_matters_arising"] = len(arising) > MATTERS_ARISING_SHOWN
        context["voices_chart"] = meeting_chart(self.request.user, self.object)
        context["attendances"] = shown_attendances(self.object)
        context["structured_data"] = meeting_script(self.object, self.request)
        return context


class MeetingReportView(DetailView):
    """The record as the report the Secretariat used to write by hand, to read or print; the
    participants' addresses only for those who may read them, as in the directory."""

    context_object_name = "meeting"
    template_name = "meetings/meeting_report.html"

    def get_queryset(self):
        user = self.request.user
        return Meeting.objects.visible_to(user).for_report(EmailAddress.objects.shown_to(user))

    def get_object(self, queryset=None):
        meeting = super().get_object(queryset)
        attach_parts(meeting)
        attach_record_links(meeting, ["on_behalf_of"])
        return meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_emails"] = self.request.user.is_authenticated
        return context


class EventListView(ListView):
    context_object_name = "events"
    template_name = "meetings/event_list.html"
    paginate_by = 50

    def get_queryset(self):
        events = (
            Event.objects.visible_to(self.request.user)
            .select_related("meeting", "mentioned_at__meeting")
            .in_calendar_order(timezone.localdate())
        )
        self.filterset = EventFilter(self.request.GET or None, queryset=events)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return events.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        events = context["events"] = list(context["events"])
        record_html.with_listed_tags(events)
        planned_meetings.without_drafts_tags(events, self.request.user)
        context["structured_data"] = calendar_script(events, self.request)
        return context


class FollowUpListView(FilterView):
    """Every decision and follow-up of the meetings the visitor may see, newest meeting first,
    with today's status (Overdue included) and a link to where each was decided."""

    filterset_class = FollowUpFilter
    template_name = "meetings/followup_list.html"
    context_object_name = "points"
    paginate_by = 50

    def get_queryset(self):
        return followups_newest_first(self.request.user)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, _points, is_paginated = super().paginate_queryset(queryset, page_size)
        # The page's follow-ups read as the columns their rows write, not built by for_list().
        page.object_list = page_points(page.object_list)
        return paginator, page, page.object_list, is_paginated


@require_safe
def document_file(request, slug):
    """A document's uploaded file, to whoever may see the document (a draft's: staff only)."""
    documents = Document.objects.visible_to(request.user).exclude(file="")
    return download_response(get_object_or_404(documents, slug=slug))


class VoicesForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Stakeholder group"),
        choices=[("", _("All groups")), *StakeholderGroup.choices],
        required=False,
    )


class VoicesView(ListView):
    """Whose voice is heard: who took the floor, by stakeholder group, meeting by meeting; the
    latest meetings first by page, each page's chart in the order they were held."""

    template_name = "meetings/voices.html"
    context_object_name = "meetings"
    paginate_by = MEETINGS_PER_CHART

    def get_queryset(self):
        self.form = VoicesForm(self.request.GET or None)
        meetings = meetings_newest_first(self.request.user)
        if self.form.is_bound and not self.form.is_valid():
            return meetings.none()  # as every list answers a filter value it does not offer
        return meetings

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.form.cleaned_data.get("group", "") if self.form.is_valid() else ""
        held_in_order = list(reversed(context["meetings"]))
        context.update(
            form=self.form,
            group=StakeholderGroup(group) if group else None,
            voices_chart=over_time_chart(self.request.user, held_in_order, group or None),
        )
        return context
