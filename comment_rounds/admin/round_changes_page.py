"""Closing a round by hand and re-circulating it with a new deadline: each a page that says what
it does, then does it with one button (comment_rounds.opening)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from base.record.partial_dates import format_moment

from ..opening import RoundRefused, close_round, closed_already, recirculate
from ..rules import deadline_text, recirculating_refused
from .round_forms import DeadlineForm

METHODS = ["GET", "HEAD", "POST"]


def _round(model_admin, request, object_id):
    if request.method not in METHODS:
        return None
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    comment_round = model_admin.get_object(request, unquote(object_id))
    if comment_round is None:
        raise Http404
    return comment_round


def _change_url(comment_round):
    return reverse("admin:comment_rounds_commentround_change", args=[comment_round.pk])


def _context(model_admin, request, comment_round, title):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": comment_round,
        "title": title,
        "change_url": _change_url(comment_round),
    }


def close_page(model_admin, request, object_id):
    comment_round = _round(model_admin, request, object_id)
    if comment_round is None:
        return HttpResponseNotAllowed(METHODS)
    refused = None if comment_round.is_open() else closed_already(comment_round)
    if request.method == "POST" and refused is None:
        try:
            close_round(comment_round)
        except RoundRefused as refusal:
            refused = str(refusal)
        else:
            model_admin.message_user(
                request,
                _("The round is closed: comments on the draft record are no longer taken."),
                messages.SUCCESS,
            )
            return redirect(_change_url(comment_round))
    context = {
        **_context(
            model_admin,
            request,
            comment_round,
            _("Close the round on %(meeting)s now") % {"meeting": comment_round.meeting},
        ),
        "refused": refused,
        "deadline": deadline_text(comment_round),
    }
    return TemplateResponse(request, "admin/comment_rounds/commentround/close.html", context)


def recirculate_page(model_admin, request, object_id):
    comment_round = _round(model_admin, request, object_id)
    if comment_round is None:
        return HttpResponseNotAllowed(METHODS)
    refused = recirculating_refused(comment_round)
    form = DeadlineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and refused is None and form.is_valid():
        try:
            comment_round, added = recirculate(comment_round, form.cleaned_data["deadline"])
        except RoundRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            model_admin.message_user(
                request,
                ngettext(
                    "Re-circulated until %(deadline)s; %(count)d person joined the round since "
                    "it was last circulated.",
                    "Re-circulated until %(deadline)s; %(count)d people joined the round since "
                    "it was last circulated.",
                    added,
                )
                % {"deadline": format_moment(comment_round.deadline), "count": added},
                messages.SUCCESS,
            )
            return redirect(_change_url(comment_round))
    context = {
        **_context(
            model_admin,
            request,
            comment_round,
            _("Re-circulate the draft record of %(meeting)s") % {"meeting": comment_round.meeting},
        ),
        "refused": refused,
        "form": form,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/comment_rounds/commentround/recirculate.html", context)
