from django.contrib.sitemaps.views import sitemap
from django.urls import path

from base.web.page_cache import cache_page_per_audience

from . import views
from .sitemaps import SITEMAPS

app_name = "site_pages"

urlpatterns = [
    path("about/", cache_page_per_audience(views.about), name="about"),
    path("join/", cache_page_per_audience(views.join), name="join"),
    path("privacy/", cache_page_per_audience(views.privacy), name="privacy"),
    # A POST is never served from the cache (base.web.page_cache.audience_of): only the form is.
    path("contact/", cache_page_per_audience(views.contact), name="contact"),
    # Reads nothing of the record: nothing to keep.
    path("contact/sent/", views.contact_sent, name="contact_sent"),
    path(
        "sitemap.xml",
        cache_page_per_audience(sitemap, params=["p"]),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
