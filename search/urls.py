from django.urls import path

from base.page_cache import cached_for_visitors

from . import views

app_name = "search"

urlpatterns = [
    path("", cached_for_visitors(views.SearchView.as_view()), name="results"),
]
