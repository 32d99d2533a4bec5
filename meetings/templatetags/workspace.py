"""Template tags of the meeting workspace's rows (meetings.workspace_rows)."""

from django import template

from ..workspace_rows import row_is_open

register = template.Library()


class Rows:
    """A formset's rows in their order, and its empty row (what "Add" copies), if any."""

    def __init__(self, inline_admin_formset):
        forms = list(inline_admin_formset)
        has_empty = inline_admin_formset.has_add_permission and forms
        self.empty = forms.pop() if has_empty else None
        field = inline_admin_formset.opts.sortable_field_name
        # In the order of their numbers as shown (a number typed twice, or not a number, is
        # valid input: the rows keep their order among equals, and the unnumbered go last).
        self.rows = sorted(forms, key=lambda row: _place(row.form, field)) if field else forms


def _place(form, field):
    shown = form[field].value()
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


@register.filter
def summary_template(form):
    return f"admin/meetings/workspace/summaries/{form._meta.model._meta.model_name}.html"


@register.filter
def next_number(formset):
    """The number the formset gives its first new row (base.admin_ordering)."""
    return formset._next_number() if getattr(formset, "sortable_field_name", None) else ""


@register.filter
def bound_field(form, name):
    return form[name]
