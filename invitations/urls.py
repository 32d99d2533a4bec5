"""The invitee's pages: none is cached (each is one person's), none is public."""

from django.urls import path

from . import answer_page, preferences, unsubscribe_page

app_name = "invitations"

urlpatterns = [
    path("invitation/<str:token>/", answer_page.answer_page, name="answer"),
    path(
        "e-mails/unsubscribe/<str:token>/",
        unsubscribe_page.unsubscribe_page,
        name="unsubscribe",
    ),
    path("me/e-mails/", preferences.email_preferences, name="email_preferences"),
]
