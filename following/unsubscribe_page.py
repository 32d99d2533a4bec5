"""Stopping a follow from the link its digest carries (RFC 8058), without signing in.

A GET (a person following the link, or a mail scanner opening it) only asks for confirmation:
nothing is stopped by a GET. A POST stops it: from the confirmation's button, or from the
reader's mail provider, which POSTs `List-Unsubscribe=One-Click` with no cookie and no CSRF
token (RFC 8058, section 3.2); so the view is exempt from CSRF (docs/security.md) and reads no
session: the signed token alone says which follow of which account, and nothing else is stopped.
"""

from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Follow
from .unsubscribe_links import UnsubscribeLinkInvalid, unsubscribe_token_values


@csrf_exempt
@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_page(request, token):
    try:
        follow_id, user_id = unsubscribe_token_values(token)
    except UnsubscribeLinkInvalid:
        return render(request, "following/unsubscribe_invalid.html", status=404)
    follow = (
        Follow.objects.filter(pk=follow_id, user_id=user_id)
        .select_related("country", "action_group", "organization")
        .first()
    )
    if request.method == "POST":
        if follow is not None:
            follow.delete()
        return render(request, "following/unsubscribed.html", {"follow": follow})
    return render(request, "following/unsubscribe.html", {"follow": follow})
