"""Atom feeds: what every feed of the portal shares (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

# Entries in a feed: the newest, as a reader polls it often.
FEED_ENTRIES = 50


class AtomFeed(Feed):
    feed_type = Atom1Feed

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = get_language()
        return feed
