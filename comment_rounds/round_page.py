"""The draft record as a reviewer reads it: reached from their own page (signed in) or by their
personal link (working without an account). Never kept by any cache; never shown to anyone who
is not a reviewer of the round (comment_rounds.access)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from .access import link_refused, reviews_of
from .links import LINK_LIFETIME, LinkExpired, LinkInvalid, reviewer_from_token
from .models import Reviewer

TEMPLATE = "comment_rounds/round.html"


def _reviewers():
    return Reviewer.objects.select_related("round__meeting", "person")


@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def round_page(request, pk):
    """The round `pk`, to the signed-in reviewer of it (anyone else: not found)."""
    if not request.user.is_authenticated:
        raise Http404
    reviewer = get_object_or_404(_reviewers().filter(pk__in=reviews_of(request.user)), round=pk)
    return _page(request, reviewer)


@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def round_by_link(request, token):
    try:
        reviewer = reviewer_from_token(token, _reviewers())
    except LinkExpired:
        context = {"link_days": LINK_LIFETIME.days}
        return render(request, "comment_rounds/link_expired.html", context, status=410)
    except LinkInvalid:
        return render(request, "comment_rounds/link_invalid.html", status=404)
    refused = link_refused(request.user, reviewer)
    if refused:
        return render(request, "comment_rounds/link_refused.html", {"message": refused}, status=403)
    return _page(request, reviewer)


def _page(request, reviewer):
    context = {"reviewer": reviewer, "round": reviewer.round, "meeting": reviewer.round.meeting}
    return render(request, TEMPLATE, context)
