"""The follow page of a target (/follow/country/<slug>/, /follow/meetings/): whether the member
follows it, and the form to follow it, change how often and in which language, or stop.

The target's own page is cached per audience, so it only links here: this page is the member's
own, never cached. An anonymous visitor is sent to sign in, and back.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from .changes import TargetKind
from .models import TARGET_FIELDS, Follow, Frequency
from .targets import URL_KINDS, follow_url, page_url, target_row


class FollowForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often to e-mail you what changed"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        initial=Frequency.WEEKLY,
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)


def _follow_of(user, kind, row):
    field = TARGET_FIELDS.get(kind)
    follows = Follow.objects.filter(user=user, target_kind=kind)
    if field:
        follows = follows.filter(**{field: row})
    return follows.first()


@login_required
@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def follow_page(request, kind=None, slug=None):
    kind = URL_KINDS.get(kind) if kind is not None else TargetKind.MEETINGS
    row = target_row(kind, slug, request.user) if kind != TargetKind.MEETINGS else None
    follow = _follow_of(request.user, kind, row)
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            if follow is not None:
                follow.delete()
            messages.success(
                request, gettext("You no longer follow %(target)s.") % _name(kind, row)
            )
            return redirect(_next(request) or follow_url(kind, row))
        form = FollowForm(request.POST)
        if form.is_valid():
            _save(request, kind, row, follow, form.cleaned_data)
            return redirect(_next(request) or follow_url(kind, row))
    else:
        initial = {"language": translation.get_language()}
        if follow is not None:
            initial = {"frequency": follow.frequency, "language": follow.language}
        form = FollowForm(initial=initial)
    context = {
        "follow": follow,
        "form": form,
        "target_name": _name(kind, row)["target"],
        "target_url": page_url(kind, row),
    }
    return render(
        request, "following/follow_page.html", context, status=400 if form.errors else 200
    )


def _name(kind, row):
    return {"target": str(row) if row is not None else gettext("all meetings")}


def _next(request):
    """Where the form asks to go back to (/me/'s "Stop" buttons), if it is on this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target and allowed else None


def _save(request, kind, row, follow, data):
    if follow is None:
        field = TARGET_FIELDS.get(kind)
        try:
            with transaction.atomic():
                Follow.objects.create(
                    user=request.user,
                    target_kind=kind,
                    **({field: row} if field else {}),
                    **data,
                )
        except IntegrityError:
            # Followed meanwhile, from another tab: the choice made here is the latest.
            Follow.objects.filter(pk=_follow_of(request.user, kind, row).pk).update(**data)
        messages.success(request, gettext("You now follow %(target)s.") % _name(kind, row))
        return
    Follow.objects.filter(pk=follow.pk).update(**data)
    messages.success(request, gettext("Saved: your choice for %(target)s.") % _name(kind, row))
