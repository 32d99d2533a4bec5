from django.urls import path

from . import calendar_feed, exports, open_data, views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings.json", open_data.meeting_list_json, name="list_json"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("meetings/<slug:slug>.json", open_data.meeting_json, name="detail_json"),
    path(
        "meetings/<slug:slug>/interventions.csv",
        exports.interventions_csv,
        name="interventions_csv",
    ),
    path("meetings/<slug:slug>/attendance.csv", exports.attendance_csv, name="attendance_csv"),
    path("meetings/<slug:slug>/report/", views.MeetingReportView.as_view(), name="report"),
    path("follow-ups/", views.FollowUpListView.as_view(), name="followups"),
    path("voices/", views.VoicesView.as_view(), name="voices"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events.ics", calendar_feed.events_ics, name="events_ics"),
    path("events.json", open_data.event_list_json, name="events_json"),
    path("documents/<slug:slug>/file/", views.document_file, name="document_file"),
]
