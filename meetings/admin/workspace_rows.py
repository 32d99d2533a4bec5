"""The meeting workspace's rows, shown compactly until the officer opens one.

A saved row (an intervention, an attendance...) is shown as a line of text with its order and
its delete box, and its editing fields only once the officer opens it: the page of a whole
meeting would otherwise hold every field of every row (1.4 MB of HTML for the 2019 meeting).
A row shown compactly is a form of its own, whose only fields are those the line shows (the
order, and the id and delete box every row has); posted back with a `COMPACT` marker, it is that
form again, so its other fields are neither read, nor checked, nor saved: they are as they are.

"Open" asks the server for the row's fields (`WorkspaceRowsAdminMixin.workspace_row_view`),
rendered as the page renders an open row, under the prefix the page gave it; from then on the
row is posted whole.
"""

import re

from django.contrib.admin.helpers import InlineAdminForm
from django.contrib.admin.utils import unquote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.forms.models import _get_foreign_key, modelform_factory
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.functional import cached_property

COMPACT = "COMPACT"
# A row's prefix: "attendances-3", "agenda_items-2-interventions-0".
ROW_PREFIX = re.compile(r"(?P<formset>[a-z_]+(?:-\d+-[a-z_]+)*)-(?P<index>\d+)")
ROW_FIELDS_TEMPLATE = "admin/meetings/workspace/row_fields.html"


class CompactRowsMixin:
    """For the workspace's formsets: a saved row is a compact form (its order field alone) when
    the page is shown, and when it comes back marked `COMPACT`."""

    sortable_field_name = None  # the order field, set by nested_admin's get_formset()
    compact_rows = True  # False: every row whole (a row opened on its own)

    def _construct_form(self, i, **kwargs):
        if not self._is_compact(i):
            return super()._construct_form(i, **kwargs)
        full, self.form = self.form, self.compact_form
        try:
            form = super()._construct_form(i, **kwargs)
        finally:
            self.form = full
        form.compact = True
        return form

    def _is_compact(self, i):
        if not self.compact_rows or i >= self.initial_form_count():
            return False
        if not self.is_bound:
            return True
        return bool(self.data.get(f"{self.add_prefix(i)}-{COMPACT}"))

    def forms_shown(self):
        """On a page shown afresh, every saved row is a line: only new rows show fields (and
        the saved rows' forms need not be made at all)."""
        afresh = not self.is_bound and self.compact_rows
        if afresh and self.total_form_count() == self.initial_form_count():
            return []
        return super().forms_shown()

    @cached_property
    def compact_form(self):
        order = [self.sortable_field_name] if self.sortable_field_name else []
        return modelform_factory(self.model, form=self.form, fields=order)

    def validate_unique(self):
        """Django compares the rows' cleaned data for what must be unique (a person attends a
        meeting once); a row shown as a line has none but its order, so its values are its own,
        as saved. (An order typed twice is no error: the rows are renumbered on save.)"""
        super().validate_unique()
        lines = [form for form in self.forms if getattr(form, "compact", False)]
        edited = [
            form
            for form in self.forms
            if not getattr(form, "compact", False)
            and form.is_valid()
            and form not in self.deleted_forms
            and (form.has_changed() or form.instance.pk is None)
        ]
        lines = [form for form in lines if form not in self.deleted_forms]
        errors = []
        for fields in self._unique_together():
            taken = {_values(form.instance, fields) for form in lines}
            for form in edited:
                values = _values(form.instance, fields)
                if None not in values and values in taken:
                    form._errors[NON_FIELD_ERRORS] = self.error_class(
                        [self.get_form_error()], renderer=self.renderer
                    )
                    errors.append(self.get_unique_error_message([f.name for f in fields]))
        if errors:
            raise ValidationError(errors)

    def _unique_together(self):
        """The model's sets of fields unique together that a row's form can change: not the
        order (renumbered on save), nor a field no form shows (a slug made from the title)."""
        meta = self.model._meta
        named = [
            *(constraint.fields for constraint in meta.total_unique_constraints),
            *meta.unique_together,
        ]
        shown = {*self.form.base_fields, self.fk.name}
        return [
            [meta.get_field(name) for name in names]
            for names in named
            if self.sortable_field_name not in names and set(names) <= shown
        ]

    # What the page needs of the formset is the whole form's, whatever its rows are.

    @cached_property
    def empty_form(self):
        # Made once: the page asks for it for each formset's media, files and template.
        return super().empty_form

    @property
    def media(self):
        return self.empty_form.media

    def is_multipart(self):
        # Django's asks the first row's form, which would make every row's form; the empty
        # form has every field a row can show (a file), and the nested formsets theirs.
        nested = getattr(self, "nested_formsets", [])
        return self.empty_form.is_multipart() or any(fs.is_multipart() for fs in nested)


def _values(obj, fields):
    return tuple(getattr(obj, field.attname) for field in fields)


def row_is_open(form):
    """Whether the page shows the row's fields: a new row, a row with errors, or a row the
    officer opened and changed (an error elsewhere must not hide what they typed). A compact
    row has no fields to show: its errors (a number that is none) are shown in its line."""
    if getattr(form, "compact", False):
        return False
    if form.instance.pk is None or form.errors:
        return True
    return form.is_bound and form.has_changed()


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
        whole = type("RowFormSet", (inline.get_formset(request, parent),), {"compact_rows": False})
        formset = whole(
            instance=parent,
            queryset=inline.get_queryset(request).filter(pk=row.pk),
            prefix=match.group("formset"),
            form_kwargs={"prefix": match.group(0)},
        )
        (inline_admin_formset,) = self.get_inline_formsets(
            request, [formset], [inline], obj=parent, allow_nested=True
        )
        (form,) = formset.forms
        inline_admin_form = InlineAdminForm(
            formset,
            form,
            inline_admin_formset.fieldsets,
            inline_admin_formset.prepopulated_fields,
            form.instance,
            inline_admin_formset.readonly_fields,
            model_admin=inline,
        )
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
