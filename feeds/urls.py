"""The public lists' Atom feeds, each beside its list: /events/feed/ beside /events/.

Cached per audience as every public page (base/web/page_cache.py); they read no query parameter.
Included before the apps' own URLs: /countries/feed/ would otherwise be read as a country's page.
"""

from django.urls import path

from base.web.page_cache import cache_page_per_audience

from .directory import ActionGroupsFeed, OrganizationsFeed, PeopleFeed
from .events import EventsFeed
from .followups import FollowUpsFeed
from .milestones import MilestonesFeed
from .voices import VoicesFeed

app_name = "feeds"

urlpatterns = [
    path("events/feed/", cache_page_per_audience(EventsFeed()), name="events"),
    path("follow-ups/feed/", cache_page_per_audience(FollowUpsFeed()), name="followups"),
    path("voices/feed/", cache_page_per_audience(VoicesFeed()), name="voices"),
    path("countries/feed/", cache_page_per_audience(MilestonesFeed()), name="milestones"),
    path("action-groups/feed/", cache_page_per_audience(ActionGroupsFeed()), name="action_groups"),
    path("organizations/feed/", cache_page_per_audience(OrganizationsFeed()), name="organizations"),
    path("directory/feed/", cache_page_per_audience(PeopleFeed()), name="people"),
]
