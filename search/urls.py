from django.urls import path

from base.web.page_cache import cache_page_per_audience

from . import views

app_name = "search"

urlpatterns = [
    path(
        "",
        cache_page_per_audience(views.SearchView.as_view(), params=["q", "kind", "page"]),
        name="results",
    ),
]
