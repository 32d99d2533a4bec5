"""The meeting workspace's rows, shown compactly until the officer opens one.

A saved row (an intervention, an attendance...) is shown as a line of text with its order and
its delete box, and its editing fields only once the officer opens it: the page of a whole
meeting would otherwise hold every field of every row (1.4 MB of HTML for the 2019 meeting).
A row left compact is posted with its order, its delete box and a `COMPACT` marker, and read on
the server as if its other fields had been posted as shown: the formsets, the ordering, the
check against someone else's save and the saving see a row left as it was, as they always have.

"Open" asks the server for the row's fields (`WorkspaceRowsAdminMixin.workspace_row_view`),
rendered as the page renders an open row, under the prefix the page gave it.
"""

import re

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.forms import CheckboxInput, FileInput, MultiWidget
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import urlencode

from .workspace_deletions import DELETE_WITH

COMPACT = "COMPACT"
# A row's prefix: "attendances-3", "agenda_items-2-interventions-0".
ROW_PREFIX = re.compile(r"(?P<formset>[a-z_]+(?:-\d+-[a-z_]+)*)-(?P<index>\d+)")
ROW_FIELDS_TEMPLATE = "admin/meetings/workspace/row_fields.html"


class CompactRowsMixin:
    """For the workspace's formsets: a row posted compactly is read as posted as shown."""

    sortable_field_name = None  # the order field, set by nested_admin's get_formset()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.posted_compact = bool(
            self.is_bound
            and i < self.initial_form_count()
            and self.data.get(form.add_prefix(COMPACT))
        )
        if form.posted_compact:
            form.data = posted_as_shown(form, self.data, self.sortable_field_name)
        return form


def posted_as_shown(form, data, order_field):
    """The data of a row posted compactly: what it posted (its id, order and delete box), and,
    for each of its other fields, what the field's widget posts for the value it shows."""
    posted = {
        form._meta.model._meta.pk.name,
        DELETION_FIELD_NAME,
        DELETE_WITH,
        COMPACT,
        order_field,
    }
    shown = MultiValueDict()
    for name in posted - {None}:
        key = form.add_prefix(name)
        if key in data:
            shown.setlist(key, data.getlist(key))
    for name, field in form.fields.items():
        if name not in posted:
            initial = form.get_initial_for_field(field, name)
            for key, values in widget_posts(field, form.add_prefix(name), initial).items():
                shown.setlist(key, values)
    return shown


def widget_posts(field, html_name, value):
    """{key: [values]} that `field`'s widget posts when it shows `value` (a box unticked, an
    empty multiple choice and a file input post nothing)."""
    widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related wrapper
    if isinstance(widget, FileInput):
        return {}
    if isinstance(widget, CheckboxInput):
        return {html_name: ["on"]} if widget.check_test(value) else {}
    if isinstance(widget, MultiWidget):
        prepared = field.prepare_value(value)
        parts = prepared if isinstance(prepared, list | tuple) else widget.decompress(prepared)
        posts = {}
        subwidgets = zip(widget.widgets_names, widget.widgets, parts, strict=True)
        for suffix, subwidget, part in subwidgets:
            shown = subwidget.format_value(part)
            if shown is not None:
                posts[html_name + suffix] = [str(shown)]
        return posts
    shown = widget.format_value(field.prepare_value(value))
    if getattr(widget, "allow_multiple_selected", False):
        return {html_name: [str(v) for v in shown or []]} if shown else {}
    if isinstance(shown, list):  # a single select formats its value as a list
        shown = shown[0] if shown else ""
    return {html_name: ["" if shown is None else str(shown)]}


def row_is_open(form):
    """Whether the page shows the row's fields: a new row, a row with errors, or a row the
    officer opened and changed (an error elsewhere must not hide what they typed)."""
    if form.instance.pk is None or form.errors:
        return True
    return form.is_bound and not getattr(form, "posted_compact", False) and form.has_changed()


class WorkspaceRowsAdminMixin:
    """For a ModelAdmin whose inlines are the workspace's: the URL that opens one row."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_workspace_row"
        return [
            path(
                "<path:object_id>/workspace-row/",
                self.admin_site.admin_view(self.workspace_row_view),
                name=name,
            ),
            *super().get_urls(),
        ]

    def workspace_row_url(self, obj, prefix, pk):
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_workspace_row",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )
        return f"{url}?{urlencode({'prefix': prefix, 'id': pk})}"

    def workspace_row_view(self, request, object_id):
        """The fields of one row of this object's inlines, under the prefix the page gave it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        match = ROW_PREFIX.fullmatch(request.GET.get("prefix", ""))
        pk = request.GET.get("id", "")
        if match is None or not pk.isdigit():
            return HttpResponseBadRequest()
        found = self._inline_and_row(request, obj, match.group("formset"), int(pk))
        if found is None:
            raise Http404
        inline, parent, row = found
        formset_class = inline.get_formset(request, parent)
        formset = formset_class(
            instance=parent,
            queryset=inline.get_queryset(request).filter(pk=row.pk),
            prefix=match.group("formset"),
            form_kwargs={"prefix": match.group(0)},
        )
        (inline_admin_formset,) = self.get_inline_formsets(
            request, [formset], [inline], obj=parent, allow_nested=True
        )
        inline_admin_form = next(iter(inline_admin_formset))
        context = {
            **self.admin_site.each_context(request),
            "inline_admin_formset": inline_admin_formset,
            "inline_admin_form": inline_admin_form,
        }
        return TemplateResponse(request, ROW_FIELDS_TEMPLATE, context)

    def _inline_and_row(self, request, obj, formset_prefix, pk):
        """(inline, parent object, row) for a row of `obj` in the formset `formset_prefix`, or
        None: the row must hang off `obj`, directly ("attendances") or under one of its rows
        ("agenda_items-2-interventions": an intervention of one of its agenda items)."""
        steps = formset_prefix.split("-")
        inline = _inline_named(self.get_inline_instances(request, obj), obj, steps[0])
        if inline is None or len(steps) not in (1, 3):
            return None
        fk = _foreign_key(inline, type(obj))
        if len(steps) == 1:
            row = inline.get_queryset(request).filter(pk=pk, **{fk.name: obj}).first()
            return None if row is None else (inline, obj, row)
        child = _inline_named(inline.get_inline_instances(request, None), inline.model, steps[2])
        if child is None:
            return None
        child_fk = _foreign_key(child, inline.model)
        row = (
            child.get_queryset(request)
            .filter(pk=pk, **{f"{child_fk.name}__{fk.name}": obj})
            .select_related(child_fk.name)
            .first()
        )
        return None if row is None else (child, getattr(row, child_fk.name), row)


def _foreign_key(inline, parent_model):
    return _get_foreign_key(parent_model, inline.model, fk_name=inline.fk_name)


def _inline_named(inlines, parent, default_prefix):
    """The inline whose formset's default prefix (its relation's name) is `default_prefix`."""
    parent_model = parent if isinstance(parent, type) else type(parent)
    for inline in inlines:
        fk = _foreign_key(inline, parent_model)
        if fk.remote_field.get_accessor_name(model=False).replace("+", "") == default_prefix:
            return inline
    return None
