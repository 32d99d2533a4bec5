"""Template tags of the meeting workspace's rows (meetings.admin.workspace_rows)."""

from django import template
from django.contrib.admin.helpers import InlineAdminForm
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.functional import cached_property

from base.web.html import format_html_join
from meetings.admin import workspace_lines as lines
from meetings.admin.workspace_rows import row_is_open

register = template.Library()


class Rows:
    """A formset's rows in their order, and its empty row (what "Add" copies), if any.

    Every form of the formset is a row, a saved row someone else removed since the page was
    opened included (Django's own iteration pairs the forms with the rows still in the database,
    and drops it, with what the officer typed in it). A row drawn as a line
    (meetings.admin.workspace_lines) is its form alone; the others are the admin's
    InlineAdminForm."""

    def __init__(self, inline_admin_formset):
        self.inline_admin_formset = inline_admin_formset
        formset = inline_admin_formset.formset
        # What the templates show of the formset, read here: a template's `formset.prefix`
        # first tries `formset["prefix"]`, which makes every row's form.
        self.prefix = formset.prefix
        self.nested = getattr(formset, "is_nested", False)
        self.count = formset.initial_form_count()
        self.non_form_errors = formset.non_form_errors() if formset.is_bound else None
        self.can_delete = formset.can_delete
        self.next_number = formset._next_number() if formset.sortable_field_name else ""
        readonly = list(inline_admin_formset.readonly_fields)
        if not inline_admin_formset.has_change_permission:
            readonly += flatten_fieldsets(inline_admin_formset.fieldsets)
        field = inline_admin_formset.opts.sortable_field_name
        self.labels = lines.Labels()
        rows = []
        if _lines_without_forms(inline_admin_formset):
            rows = [
                lines.Line.of_row(formset.add_prefix(index), obj, field)
                for index, obj in enumerate(formset.get_queryset())
            ]
        else:
            for index, form in enumerate(formset.forms):
                saved = form.instance.pk is not None
                form.removed_meanwhile = index < formset.initial_form_count() and not saved
                _nest(inline_admin_formset, form)
                if lines.draws_as_line(form):
                    rows.append(lines.Line.of_form(form, field))
                else:
                    original = form.instance if saved else None
                    rows.append(_row(inline_admin_formset, form, original, readonly))
        # In the order of their numbers as shown (a number typed twice, or not a number, is
        # valid input: the rows keep their order among equals, and the unnumbered go last).
        self.rows = sorted(rows, key=lambda row: _place(row, field)) if field else rows

    @cached_property
    def empty(self):
        """Only a section's own template needs it (the nested sections share one)."""
        inline_admin_formset = self.inline_admin_formset
        if not inline_admin_formset.has_add_permission:
            return None
        form = inline_admin_formset.formset.empty_form
        _nest(inline_admin_formset, form)
        return _row(inline_admin_formset, form, None, inline_admin_formset.readonly_fields)


def _row(inline_admin_formset, form, original, readonly):
    return InlineAdminForm(
        inline_admin_formset.formset,
        form,
        inline_admin_formset.fieldsets,
        inline_admin_formset.prepopulated_fields,
        original,
        readonly,
        model_admin=inline_admin_formset.opts,
    )


def _nest(inline_admin_formset, form):
    """The form's nested sections (an agenda item's interventions), as nested_admin draws them:
    the nested formsets it made for the row (for the empty row, kept on the formset)."""
    if hasattr(form, "inlines"):
        return
    holder = inline_admin_formset.formset if form.prefix.endswith("__prefix__") else form
    formsets = getattr(holder, "nested_formsets", None) or []
    form.inlines = []
    if formsets:
        form.inlines = inline_admin_formset.model_admin.get_inline_formsets(
            inline_admin_formset.request,
            formsets,
            holder.nested_inlines,
            obj=form.instance if form.instance.pk else None,
            allow_nested=True,
        )


def _lines_without_forms(inline_admin_formset):
    """A page shown afresh draws a formset's saved rows as lines straight from the rows, when
    they are all lines: nothing is nested in them, and no row is new."""
    formset = inline_admin_formset.formset
    return (
        not formset.is_bound
        and getattr(formset, "compact_rows", False)
        and not getattr(inline_admin_formset.opts, "inlines", None)
        and formset.total_form_count() == formset.initial_form_count()
    )


def _place(row, field):
    shown = row.order if isinstance(row, lines.Line) else row.form[field].value()
    try:
        return (False, int(str(shown).strip()))
    except (TypeError, ValueError):
        return (True, 0)


@register.simple_tag
def workspace_rows(inline_admin_formset):
    return Rows(inline_admin_formset)


@register.filter
def is_open(form):
    return row_is_open(form)


@register.simple_tag
def order_input(form, name):
    return lines.order_input(form, name)


@register.simple_tag
def delete_box(form):
    return lines.delete_box(form)


@register.simple_tag
def id_input(form):
    return lines.id_input(form)


@register.simple_tag
def summary(obj):
    return lines.summary(obj)


@register.simple_tag
def compact_line(row, rows, inline_admin_formset):
    return lines.compact_line(row, inline_admin_formset, rows.labels)


@register.filter
def is_line(row):
    return isinstance(row, lines.Line)


@register.filter
def errors_of(form, name):
    return form.errors.get(name, "")


@register.simple_tag
def management_inputs(formset):
    """The formset's management form, as Django draws it, without its template: a long
    meeting's page holds a hundred of them."""
    form = formset.management_form
    return format_html_join(
        "",
        '<input type="hidden" name="{}" value="{}" id="{}">',
        (
            (
                form[name].html_name,
                "" if form[name].value() is None else form[name].value(),
                form[name].auto_id,
            )
            for name in form.fields
        ),
    )
