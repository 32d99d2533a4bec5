"""The briefing pack's URLs, under its meeting's (invitations.briefing_pack_views). Not cached:
who may have a pack is the reader's own, and a personal link must not be kept."""

from django.urls import path

from . import briefing_pack_views as views

app_name = "briefing_pack"

urlpatterns = [
    path("meetings/<slug:slug>/briefing-pack/", views.pack_page, name="page"),
    path("meetings/<slug:slug>/briefing-pack.zip", views.pack_zip, name="zip"),
    path(
        "meetings/<slug:slug>/briefing-pack/<slug:document>/",
        views.pack_document,
        name="document",
    ),
]
