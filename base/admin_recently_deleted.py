"""The admin's "Recently deleted" page and its restore confirmation (base.recently_deleted).

Wrapped by `admin.site.admin_view` in the root URLs: staff only. A user sees the deleted rows of
the models they may view, and restores a group only if they may add every model in it.
"""

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .recently_deleted import (
    WINDOW,
    RestoreRefused,
    deleted_with,
    find,
    history_models,
    label_all,
    may_restore,
    may_view,
    model_label,
    recently_deleted,
    restore,
    unlinked_relations,
)

PER_PAGE = 50


def viewable_models(user):
    return [model for model in history_models() if may_view(user, model)]


def _context(request, title, **context):
    return {**admin.site.each_context(request), "title": title, "window": WINDOW, **context}


def recently_deleted_view(request):
    models = viewable_models(request.user)
    if not models:
        raise PermissionDenied
    paginator = Paginator(recently_deleted(models), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    label_all(page_obj.object_list)
    context = _context(
        request,
        _("Recently deleted"),
        page_obj=page_obj,
        page_range=paginator.get_elided_page_range(page_obj.number),
        entries=[(deleted, model_label(deleted.model)) for deleted in page_obj.object_list],
    )
    return TemplateResponse(request, "admin/recently_deleted/list.html", context)


def restore_view(request, label, history_id):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    models = viewable_models(request.user)
    if model not in models:
        raise PermissionDenied
    root = find(model, history_id)
    if root is None:
        messages.info(request, _("That record is not deleted any more: it was restored already."))
        return redirect("recently_deleted")
    group = deleted_with(root, models)
    label_all(group)
    allowed = all(may_restore(request.user, deleted.model) for deleted in group)
    refused = []
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        try:
            restore(group, request.user)
        except RestoreRefused as refusal:
            refused = refusal.reasons
        else:
            messages.success(
                request,
                ngettext(
                    "Restored: %(what)s.",
                    "Restored: %(what)s, with %(count)d rows deleted together with it.",
                    len(group),
                )
                % {"what": root.what, "count": len(group) - 1},
            )
            return redirect(_change_url(root) or reverse("recently_deleted"))
    elif allowed:
        try:
            restore(group, request.user, dry_run=True)
        except RestoreRefused as refusal:
            refused = refusal.reasons
    context = _context(
        request,
        _("Restore %(what)s") % {"what": root.what},
        root=root,
        group=group,
        allowed=allowed,
        refused=refused,
        unlinked=unlinked_relations(group),
    )
    return TemplateResponse(request, "admin/recently_deleted/restore.html", context)


def _change_url(deleted):
    opts = deleted.model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[deleted.pk])
    except NoReverseMatch:
        return None
