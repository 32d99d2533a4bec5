from django.urls import path

from base.web.page_cache import cache_page_per_audience

from . import feeds, follow_page, unsubscribe_page

app_name = "following"

urlpatterns = [
    path("follow/stop/<str:token>/", unsubscribe_page.unsubscribe_page, name="unsubscribe"),
    path("follow/meetings/", follow_page.follow_page, name="follow_meetings"),
    path("follow/<str:kind>/<slug:slug>/", follow_page.follow_page, name="follow"),
    # Beside each followed page, as its JSON is beside it.
    path(
        "countries/<slug:slug>/feed/",
        cache_page_per_audience(feeds.CountryFeed()),
        name="country_feed",
    ),
    path(
        "action-groups/<slug:slug>/feed/",
        cache_page_per_audience(feeds.ActionGroupFeed()),
        name="action_group_feed",
    ),
    path(
        "organizations/<slug:slug>/feed/",
        cache_page_per_audience(feeds.OrganizationFeed()),
        name="organization_feed",
    ),
    path("meetings/feed/", cache_page_per_audience(feeds.MeetingsFeed()), name="meetings_feed"),
]
