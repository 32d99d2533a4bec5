"""The admin's "Recently deleted" page and its restore confirmations (base.audit.recently_deleted):
what one save deleted, whole, or one row of it with the rows that referred to it.

Served by the admin site (alliance87.admin_site.PortalAdminSite.get_urls) through its
`admin_view`: staff only. A user sees the deleted rows of the models they may view, and
restores a group only if they may add every model in it.
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
    Deletion,
    RestoreRefused,
    deleted_by,
    deleted_with,
    deletions,
    find,
    history_models,
    label_all,
    may_restore,
    may_view,
    model_label,
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
    paginator = Paginator(deletions(models), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    label_all([deleted for deletion in page_obj.object_list for deleted in deletion.rows])
    context = _context(
        request,
        _("Recently deleted"),
        page_obj=page_obj,
        page_range=paginator.get_elided_page_range(page_obj.number),
        entries=[(deletion, _restore_url(deletion)) for deletion in page_obj.object_list],
    )
    return TemplateResponse(request, "admin/recently_deleted/list.html", context)


def _restore_url(deletion):
    """What one save deleted is restored whole; a row deleted before saves were recorded, from
    its own page (with the rows deleted with it, by the time rule)."""
    if deletion.save is not None:
        return reverse("admin:recently_deleted_restore_save", args=[deletion.save])
    return _row_restore_url(deletion.rows[0])


def _row_restore_url(deleted):
    return reverse(
        "admin:recently_deleted_restore", args=[model_label(deleted.model), deleted.row.history_id]
    )


def restore_save_view(request, save):
    """Restore everything one save deleted (that is still deleted), in one transaction."""
    models = viewable_models(request.user)
    if not models:
        raise PermissionDenied
    deletion = deleted_by(save, models)
    if not deletion.rows:
        messages.info(request, _("That record is not deleted any more: it was restored already."))
        return redirect("admin:recently_deleted")
    label_all(deletion.rows)
    roots = deletion.roots
    return _confirm_and_restore(
        request,
        deletion,
        title=_("Restore %(what)s") % {"what": deletion.what},
        done=_("Restored what one save deleted: %(what)s.") % {"what": deletion.what},
        back_to=roots[0] if len(roots) == 1 else None,
        alone=[(deleted, _row_restore_url(deleted)) for deleted in roots] if len(roots) > 1 else [],
    )


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
        return redirect("admin:recently_deleted")
    group = deleted_with(root, models)
    label_all(group)
    return _confirm_and_restore(
        request,
        Deletion(group),
        title=_("Restore %(what)s") % {"what": root.what},
        done=ngettext(
            "Restored: %(what)s.",
            "Restored: %(what)s, with %(count)d rows deleted together with it.",
            len(group),
        )
        % {"what": root.what, "count": len(group) - 1},
        back_to=root,
    )


def _confirm_and_restore(request, deletion, title, done, back_to, alone=()):
    """The confirmation (GET, after a dry run that says what would stop it) and the restoring
    (POST) of `deletion`'s rows, parents first; `back_to` is the row whose page follows, if any;
    `alone` lists the rows that may be restored apart, with their links."""
    group = deletion.rows
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
            messages.success(request, done)
            following = _change_url(back_to) if back_to is not None else None
            return redirect(following or reverse("admin:recently_deleted"))
    elif allowed:
        try:
            restore(group, request.user, dry_run=True)
        except RestoreRefused as refusal:
            refused = refusal.reasons
    context = _context(
        request,
        title,
        deletion=deletion,
        group=group,
        allowed=allowed,
        refused=refused,
        unlinked=unlinked_relations(group),
        alone=alone,
    )
    return TemplateResponse(request, "admin/recently_deleted/restore.html", context)


def _change_url(deleted):
    opts = deleted.model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[deleted.pk])
    except NoReverseMatch:
        return None
