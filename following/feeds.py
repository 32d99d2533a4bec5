"""The Atom feed of each followable target: the same changes as its digest (following.changes),
the newest first, as anyone may see them."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from base.exports.atom import AtomFeed

from .changes import ALL_MEETINGS, Target, changes_of_target
from .targets import MODELS, page_url


class TargetFeed(AtomFeed):
    kind = None  # a TargetKind; None for all meetings

    def get_object(self, request, slug=None):
        if self.kind is None:
            return None
        return get_object_or_404(MODELS[self.kind].objects.visible_to(request.user), slug=slug)

    def title(self, row):
        name = str(row) if row is not None else gettext("All meetings")
        return gettext("GCG portal: what changed about %(target)s") % {"target": name}

    def link(self, row):
        return page_url(self.kind, row)

    def description(self, row):
        return gettext(
            "Meetings published, milestones, decisions, follow-ups due and closed, documents added."
        )

    def feed_url(self, row):
        return None  # the request's own address

    def items(self, row):
        target = Target(self.kind, row.pk) if row is not None else ALL_MEETINGS
        return changes_of_target(target, timezone.now())

    def item_title(self, change):
        return change.title

    def item_description(self, change):
        return change.summary

    def item_link(self, change):
        return change.url

    def entry_path(self, change):
        # The entry's id is AtomFeed's stable_id of it, as every feed's: a change's key is unique
        # and stable whatever the target it is read under.
        return f"/changes/{change.key}"

    def item_guid_is_permalink(self, change):
        return False

    def item_pubdate(self, change):
        return change.moment

    def item_updateddate(self, change):
        return change.moment

    def item_categories(self, change):
        return [str(change.kind_label)]


class CountryFeed(TargetFeed):
    kind = "country"


class ActionGroupFeed(TargetFeed):
    kind = "action_group"


class OrganizationFeed(TargetFeed):
    kind = "organization"


class MeetingsFeed(TargetFeed):
    def link(self, row):
        return reverse("meetings:list")
