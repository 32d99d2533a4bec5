"""The follow link and the feed's <link> on a followable page (its country, action group,
organisation or the meetings list), and the member's follows on /me/.

The page is cached per audience: the link is the same for everyone, and the member's own state
is on the follow page it leads to."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from base.web.html import format_html

from ..models import Follow
from ..targets import follow_url

register = template.Library()

FEEDS = {
    "country": "following:country_feed",
    "action-group": "following:action_group_feed",
    "organization": "following:organization_feed",
}


def _urls(kind, slug):
    if kind == "meetings":
        return reverse("following:follow_meetings"), reverse("following:meetings_feed")
    return (
        reverse("following:follow", kwargs={"kind": kind, "slug": slug}),
        reverse(FEEDS[kind], kwargs={"slug": slug}),
    )


@register.inclusion_tag("following/follow_link.html")
def follow_link(kind, slug=None):
    """`{% follow_link "country" country.slug %}`, `{% follow_link "meetings" %}`."""
    follow_url, feed_url = _urls(kind, slug)
    return {"follow_url": follow_url, "feed_url": feed_url}


@register.simple_tag
def feed_link(kind, slug=None, name=None):
    """The <link rel="alternate"> of the page's Atom feed, for the `head_links` block:
    `{% feed_link "country" country.slug country.name %}`, `{% feed_link "meetings" %}`."""
    name = name or gettext("all meetings")
    return format_html(
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        gettext("What changed about %(target)s (Atom feed)") % {"target": name},
        _urls(kind, slug)[1],
    )


@register.inclusion_tag("following/my_follows.html", takes_context=True)
def my_follows(context):
    """The signed-in member's follows, with the button to stop each: one query."""
    user = context["request"].user
    follows = (
        Follow.objects.filter(user=user)
        .select_related("country", "action_group", "organization")
        .order_by("target_kind", "pk")
    )
    rows = []
    for follow in follows:
        row = follow.target_row
        rows.append((follow, follow_url(follow.target_kind, row)))
    return {"rows": rows, "csrf_token": context.get("csrf_token")}
