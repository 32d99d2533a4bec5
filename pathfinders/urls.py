from django.urls import path

from base.web.page_cache import cache_page_per_audience

from . import open_data, views
from .filters import CountryFilter

app_name = "pathfinders"

urlpatterns = [
    path(
        "countries/",
        cache_page_per_audience(
            views.CountryListView.as_view(), params=[*CountryFilter.base_filters, "page"]
        ),
        name="country_list",
    ),
    # Beside the countries' pages, as every list's JSON is beside its page (/meetings.json…).
    path(
        "countries.json",
        cache_page_per_audience(open_data.country_list_json, params=["page"]),
        name="country_list_json",
    ),
    path(
        "countries/<slug:slug>/",
        cache_page_per_audience(views.CountryDetailView.as_view(), params=["page"]),
        name="country_detail",
    ),
]
