from django.urls import path

from base.page_cache import cached_for_visitors

from . import views

app_name = "pathfinders"

urlpatterns = [
    path(
        "",
        cached_for_visitors(views.CountryListView.as_view(), same_for_members=True),
        name="country_list",
    ),
    path(
        "<slug:slug>/",
        cached_for_visitors(views.CountryDetailView.as_view(), same_for_members=True),
        name="country_detail",
    ),
]
