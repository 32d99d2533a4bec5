"""Atom feeds: what every feed of the portal shares (Django's syndication framework).

Each feed is a public list's rows, newest first, at most FEED_ENTRIES of them. What RFC 4287 asks
of a feed, every feed built on AtomFeed has: an id that never changes (`stable_id`), a title, the
time it was last updated, an author (the Secretariat, who keeps the record); each entry an id, a
title, a link and the time it was last updated.

An entry's `updated` is when the record last wrote its row (its newest history row,
`last_changed`): the record keeps no other time of writing, and its own dates (a meeting's, an
event's, a milestone's) say when a thing happened, not when it was recorded, and may be known to
the month only. Those are written, as far as they are known, in the entry's title or summary.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Entries in a feed: the newest, as a reader polls it often.
FEED_ENTRIES = 50


# The `updated` of a row the record gives no time of at all (no history, no date of its own):
# the start of Unix time, the conventional "not known", rather than a time made up for it.
NO_KNOWN_TIME = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def stable_id(path):
    """The Atom id of a feed or an entry named by `path` ("/events/12": a row by its key, never
    its title or slug): a name-based UUID (RFC 4122) of the site's domain and `path`, the same
    whatever host the feed is read on and however the row is edited. A URN, not a URL nor a
    "tag:" with an "@": nothing in a public feed may read as an e-mail address
    (docs/security.md, S2). An event's is the UID the calendar gives it
    (meetings.calendar_feed)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://{settings.SITE_DOMAIN}{path}").urn


def last_changed(model):
    """When the record last wrote each row of `model`: the date of its newest history row, as a
    subquery to annotate the feed's rows with (one query for the whole feed). None for a row
    written without history (a bulk load)."""
    return _history_date(model, "-history_date")


def first_recorded(model):
    """When each row of `model` entered the record: the date of its oldest history row, as
    `last_changed`. For a row whose later writes may be its own private business (a person's
    choice of who reads their addresses), which a feed must not announce."""
    return _history_date(model, "history_date")


def _history_date(model, order):
    history = model.history.model.objects.filter(**{model._meta.pk.attname: OuterRef("pk")})
    return Subquery(history.order_by(order).values("history_date")[:1])


def instant(date):
    """A date of the record as the instant Atom asks for: its first moment, in UTC."""
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=datetime.UTC)


class AtomFeed(Feed):
    """A feed of the portal. A subclass gives `title`, `subtitle`, `link` (the list's page),
    `items()`, `item_title`, `item_description` (HTML, escaped), `item_link`, and
    `entry_path(item)`, the path its id is made of (`stable_id`). Its items are annotated
    `last_changed` (`last_changed(Model)`); `record_date(item)`, the row's own date, dates one
    written without history (a bulk load)."""

    feed_type = Atom1Feed
    author_name = _("Alliance 8.7 Secretariat")

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = get_language()
        feed.feed["id"] = stable_id(request.path)
        return feed

    def item_guid(self, item):
        return stable_id(self.entry_path(item))

    def item_title(self, item):
        # Atom titles are plain text (the XML writer escapes them), not HTML as RSS readers take
        # them: Django's escaping for RSS would show "&amp;" in a reader.
        return str(item)

    def item_updateddate(self, item):
        changed = getattr(item, "last_changed", None)  # an item not annotated: its own date
        if changed is not None:
            return changed
        date = self.record_date(item)
        if date is None:
            return NO_KNOWN_TIME
        # Never later than now: a feed's Last-Modified is its newest entry's `updated`.
        return min(instant(date), timezone.now())

    def record_date(self, item):
        """The row's own date in the record, for a row written without history; None for a
        list whose rows have none (an organisation)."""
        return None
