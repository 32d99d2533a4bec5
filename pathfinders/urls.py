from django.urls import path

from base.page_cache import cache_page_per_audience

from . import views

app_name = "pathfinders"

urlpatterns = [
    path(
        "",
        cache_page_per_audience(views.CountryListView.as_view()),
        name="country_list",
    ),
    path(
        "<slug:slug>/",
        cache_page_per_audience(views.CountryDetailView.as_view()),
        name="country_detail",
    ),
]
