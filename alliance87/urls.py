"""Root URLs: the public portal, sign-in, and the Secretariat's admin."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from base.accounts.sessions import still_here
from base.accounts.sign_out_everywhere import sign_out_everywhere
from base.web.page_cache import cache_page_per_audience

from . import health, site_files, views

admin.site.site_header = _("GCG portal: the Secretariat's workplace")
admin.site.site_title = _("GCG portal admin")
admin.site.index_title = _("Record meetings, countries, action groups and partners")

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", site_files.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", site_files.security_txt, name="security_txt"),
    path("", cache_page_per_audience(views.HomeView.as_view()), name="home"),
    # Before the apps' pages: /countries/feed/ is the countries' feed, not a country's page.
    path("", include("feeds.urls")),
    # Before the meetings' own: /meetings/feed/ is the feed, not a meeting's page.
    path("", include("following.urls")),
    path("", include("meetings.urls")),
    path("", include("invitations.pack_urls")),
    path("", include("pathfinders.urls")),
    path("", include("directory.urls")),
    path("", include("invitations.urls")),
    path("", include("comment_rounds.urls")),
    path("search/", include("search.urls")),
    path("", include("site_pages.urls")),
    path("accounts/sign-out-everywhere/", sign_out_everywhere, name="sign_out_everywhere"),
    path("accounts/still-here/", still_here, name="still_here"),
    # Signing in in two steps, and the second factor's pages (base/accounts/second_factor.py):
    # before Django's own accounts pages, so that their /accounts/login/ (still named "login",
    # the name the rest of the portal asks for) is served by the two-step sign-in.
    path("accounts/", include("base.accounts.second_factor_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
