"""Stopping an optional e-mail from the link it carries (RFC 8058).

A GET (a person following the link, or a mail scanner opening it) only asks for confirmation:
nothing is ever stopped by a GET. A POST stops it: from the confirmation's button, or from the
reader's mail provider, which POSTs `List-Unsubscribe=One-Click` with no cookie and no CSRF
token (RFC 8058, section 3.2); so the view is exempt from CSRF (docs/security.md, S8) and reads
no session: the signed token alone says whose e-mails and which kind.
"""

from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from partners.models import Person

from .models import EmailKind, OptOut
from .unsubscribe_links import UnsubscribeLinkInvalid, unsubscribe_token_values


@csrf_exempt
@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_page(request, token):
    try:
        person, kind = unsubscribe_token_values(token)
    except UnsubscribeLinkInvalid:
        return render(request, "invitations/unsubscribe_invalid.html", status=404)
    context = {"kind": EmailKind(kind).label}
    if request.method == "POST":
        # A person erased since has no address left to write to: nothing of theirs is stored.
        if Person.objects.filter(pk=person, erased_at__isnull=True).exists():
            OptOut.objects.bulk_create([OptOut(person_id=person, kind=kind)], ignore_conflicts=True)
        return render(request, "invitations/unsubscribed.html", context)
    context["already"] = OptOut.objects.filter(person=person, kind=kind).exists()
    return render(request, "invitations/unsubscribe.html", context)
