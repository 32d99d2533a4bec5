from django.urls import path

from base.web.page_cache import cache_page_per_audience

from . import calendar_feed, exports, open_data, views
from .filters import EventFilter, FollowUpFilter

# The query parameters each cached page reads (base/web/page_cache.py): the others are dropped.
PAGE = ["page"]

app_name = "meetings"

urlpatterns = [
    path(
        "meetings/",
        cache_page_per_audience(views.MeetingListView.as_view(), params=PAGE),
        name="list",
    ),
    path(
        "meetings.json",
        cache_page_per_audience(open_data.meeting_list_json, params=PAGE),
        name="list_json",
    ),
    path(
        "meetings/<slug:slug>/",
        cache_page_per_audience(views.MeetingDetailView.as_view()),
        name="detail",
    ),
    # Not cached for members: their JSON carries addresses, which json_response marks private.
    path(
        "meetings/<slug:slug>.json",
        cache_page_per_audience(open_data.meeting_json, members=False),
        name="detail_json",
    ),
    path(
        "meetings/<slug:slug>/interventions.csv",
        cache_page_per_audience(exports.interventions_csv),
        name="interventions_csv",
    ),
    path(
        "meetings/<slug:slug>/attendance.csv",
        cache_page_per_audience(exports.attendance_csv),
        name="attendance_csv",
    ),
    path(
        "meetings/<slug:slug>/report/",
        cache_page_per_audience(views.MeetingReportView.as_view()),
        name="report",
    ),
    path(
        "follow-ups/",
        cache_page_per_audience(
            views.FollowUpListView.as_view(),
            # The old parameters of its searched filters, which links made before them carry.
            params=[*FollowUpFilter.base_filters, *FollowUpFilter.old_params(), "page"],
        ),
        name="followups",
    ),
    path(
        "voices/",
        cache_page_per_audience(views.VoicesView.as_view(), params=["group", "page"]),
        name="voices",
    ),
    path(
        "events/",
        cache_page_per_audience(
            views.EventListView.as_view(), params=[*EventFilter.base_filters, "page"]
        ),
        name="events",
    ),
    path(
        "events.ics",
        cache_page_per_audience(calendar_feed.events_ics),
        name="events_ics",
    ),
    path(
        "events.json",
        cache_page_per_audience(open_data.event_list_json, params=PAGE),
        name="events_json",
    ),
    path("documents/<slug:slug>/file/", views.document_file, name="document_file"),
]
