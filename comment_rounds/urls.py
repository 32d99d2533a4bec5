"""A reviewer's pages: none is cached (each is one person's), none is public."""

from django.urls import path

from . import round_page

app_name = "comment_rounds"

urlpatterns = [
    path("comments/<int:pk>/", round_page.round_page, name="page"),
    path("comments/link/<str:token>/", round_page.round_by_link, name="by_link"),
]
