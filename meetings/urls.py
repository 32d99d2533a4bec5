from django.urls import path

from base.page_cache import cached_for_visitors

from . import calendar_feed, exports, open_data, views

app_name = "meetings"

urlpatterns = [
    path(
        "meetings/",
        cached_for_visitors(views.MeetingListView.as_view(), same_for_members=True),
        name="list",
    ),
    path(
        "meetings.json",
        cached_for_visitors(open_data.meeting_list_json, same_for_members=True),
        name="list_json",
    ),
    path(
        "meetings/<slug:slug>/",
        cached_for_visitors(views.MeetingDetailView.as_view(), same_for_members=True),
        name="detail",
    ),
    path(
        "meetings/<slug:slug>.json", cached_for_visitors(open_data.meeting_json), name="detail_json"
    ),
    path(
        "meetings/<slug:slug>/interventions.csv",
        cached_for_visitors(exports.interventions_csv, same_for_members=True),
        name="interventions_csv",
    ),
    path(
        "meetings/<slug:slug>/attendance.csv",
        cached_for_visitors(exports.attendance_csv, same_for_members=True),
        name="attendance_csv",
    ),
    path(
        "meetings/<slug:slug>/report/",
        cached_for_visitors(views.MeetingReportView.as_view()),
        name="report",
    ),
    path(
        "follow-ups/",
        cached_for_visitors(views.FollowUpListView.as_view(), same_for_members=True),
        name="followups",
    ),
    path(
        "voices/",
        cached_for_visitors(views.VoicesView.as_view(), same_for_members=True),
        name="voices",
    ),
    path(
        "events/",
        cached_for_visitors(views.EventListView.as_view(), same_for_members=True),
        name="events",
    ),
    path(
        "events.ics",
        cached_for_visitors(calendar_feed.events_ics, same_for_members=True),
        name="events_ics",
    ),
    path(
        "events.json",
        cached_for_visitors(open_data.event_list_json, same_for_members=True),
        name="events_json",
    ),
    path("documents/<slug:slug>/file/", views.document_file, name="document_file"),
]
