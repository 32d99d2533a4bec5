from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("meetings/<slug:slug>/report/", views.MeetingReportView.as_view(), name="report"),
    path("voices/", views.VoicesView.as_view(), name="voices"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("documents/<slug:slug>/file/", views.document_file, name="document_file"),
]
