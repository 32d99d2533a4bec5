"""/sitemap.xml: the public pages, and every meeting, country, action group and organisation a
visitor may see (`visible_to` an anonymous visitor, whoever asks: never a draft)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import Meeting
from partners.models import Country, Organization

# The home page, the site's own pages and the public lists, by URL name.
PUBLIC_PAGES = [
    "home",
    "site_pages:about",
    "site_pages:join",
    "site_pages:privacy",
    "site_pages:contact",
    "meetings:list",
    "meetings:events",
    "meetings:followups",
    "meetings:voices",
    "pathfinders:country_list",
    "directory:action_group_list",
    "directory:organization_list",
    "directory:people",
]


class PublicPagesSitemap(Sitemap):
    def items(self):
        return PUBLIC_PAGES

    def location(self, item):
        return reverse(item)


class VisibleRowsSitemap(Sitemap):
    """The rows of `model` a visitor may see, each at its own page."""

    model = None

    def items(self):
        return self.model.objects.visible_to(AnonymousUser()).only("pk", "slug").order_by("pk")


class MeetingSitemap(VisibleRowsSitemap):
    model = Meeting


class CountrySitemap(VisibleRowsSitemap):
    model = Country


class ActionGroupSitemap(VisibleRowsSitemap):
    model = ActionGroup


class OrganizationSitemap(VisibleRowsSitemap):
    model = Organization


SITEMAPS = {
    "pages": PublicPagesSitemap,
    "meetings": MeetingSitemap,
    "countries": CountrySitemap,
    "action-groups": ActionGroupSitemap,
    "organizations": OrganizationSitemap,
}
