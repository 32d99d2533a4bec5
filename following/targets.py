"""The targets a member may follow, as the portal's addresses name them: a kind and a slug."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from actiongroups.models import ActionGroup
from partners.models import Country, Organization

from .changes import ALL_MEETINGS, Target, TargetKind

MODELS = {
    TargetKind.COUNTRY: Country,
    TargetKind.ACTION_GROUP: ActionGroup,
    TargetKind.ORGANIZATION: Organization,
}
# The kinds as the follow page's address writes them (/follow/action-group/<slug>/).
URL_KINDS = {
    "country": TargetKind.COUNTRY,
    "action-group": TargetKind.ACTION_GROUP,
    "organization": TargetKind.ORGANIZATION,
}
URL_KIND_OF = {kind: url_kind for url_kind, kind in URL_KINDS.items()}


def target_row(kind, slug, user):
    """The country, action group or organisation `slug` names, if `user` may see it; 404 else."""
    if kind not in MODELS:
        raise Http404
    return get_object_or_404(MODELS[kind].objects.visible_to(user), slug=slug)


def target_of(kind, row):
    return Target(kind, row.pk) if row is not None else ALL_MEETINGS


def follow_url(kind, row):
    if row is None:
        return reverse("following:follow_meetings")
    return reverse("following:follow", kwargs={"kind": URL_KIND_OF[kind], "slug": row.slug})


def page_url(kind, row):
    return row.get_absolute_url() if row is not None else reverse("meetings:list")
