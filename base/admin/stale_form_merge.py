"""A refused change form, brought up to date: the posted data takes the other officer's changes
wherever this officer left the field as it was when the page was opened, and keeps this
officer's value wherever both changed it. A row the other officer removed is ticked for
deletion. So saving the form again undoes nothing of the other save but what this officer chose.

Applied to the object's form and to its inlines' rows, nested inlines' (django-nested-admin)
included. A field whose widget posts several keys (a split date and time) is left as posted.
"""

from django.contrib.admin.utils import flatten_fieldsets
from django.forms import CheckboxInput, MultiWidget

from .edit_state import python_value

_CANNOT = object()


def merge_their_changes(model_admin, request, obj, opened, current):
    """request.POST, updated as the module says, and the set of (row key, field name) where the
    officer's own change was kept."""
    data = request.POST.copy()
    yours = set()
    model = model_admin.model
    fieldsets = model_admin.get_fieldsets(request, obj)
    form = model_admin.get_form(request, obj, change=True, fields=flatten_fieldsets(fieldsets))
    key = f"{model._meta.label_lower}:{obj.pk}"
    yours |= _merge_form(data, form.base_fields, "", model, key, opened, current)

    prefixes = {}
    for formset, inline in model_admin.get_formsets_with_inlines(request, obj):
        # The prefixes ModelAdmin._create_formsets gives the inlines' formsets.
        prefix = formset.get_default_prefix()
        prefixes[prefix] = prefixes.get(prefix, 0) + 1
        if prefixes[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{prefixes[prefix]}"
        yours |= _merge_formset(data, request, inline, formset, prefix, opened, current)
    return data, yours


def _merge_formset(data, request, inline, formset, prefix, opened, current):
    yours = set()
    try:
        initial_forms = int(data.get(f"{prefix}-INITIAL_FORMS", 0))
    except ValueError:
        return yours
    model = inline.model
    label = model._meta.label_lower
    # A nested inline's formset is prefixed with its parent row's form (django-nested-admin).
    children = (
        inline.get_inline_instances(request, None) if getattr(inline, "inlines", None) else []
    )
    children = [(child, child.get_formset(request, None)) for child in children]
    for index in range(initial_forms):
        form_prefix = f"{prefix}-{index}"
        key = f"{label}:{data.get(f'{form_prefix}-{model._meta.pk.name}')}"
        if key in opened and key not in current:
            if formset.can_delete:
                data[f"{form_prefix}-DELETE"] = "on"
            continue
        fields = formset.form.base_fields
        yours |= _merge_form(data, fields, form_prefix, model, key, opened, current)
        for child, child_formset in children:
            child_prefix = f"{form_prefix}-{child_formset.get_default_prefix()}"
            yours |= _merge_formset(
                data, request, child, child_formset, child_prefix, opened, current
            )
    return yours


def _merge_form(data, fields, prefix, model, key, opened, current):
    yours = set()
    if key not in opened or key not in current:
        return yours
    before, after = opened[key], current[key]
    for name, field in fields.items():
        # A field may stand for several model fields (a date and its precision: it then says
        # which, base.record.partial_date_input), its value then the tuple of theirs.
        names = getattr(field, "model_field_names", None) or (name,)
        if any(n not in before or n not in after for n in names):
            continue
        changed = [n for n in names if before[n] != after[n]]
        if not changed:
            continue
        html_name = f"{prefix}-{name}" if prefix else name
        posted = field.widget.value_from_datadict(data, {}, html_name)
        if field.has_changed(_value(model, names, before), posted):
            yours.update((key, n) for n in changed)
            continue
        try:
            encoded = _as_posted(field, _value(model, names, after))
        except (TypeError, ValueError):  # a widget of a kind not foreseen: left as posted
            encoded = _CANNOT
        if encoded is _CANNOT:
            continue
        if encoded is None:
            data.pop(html_name, None)
        elif isinstance(encoded, list):
            data.setlist(html_name, encoded)
        else:
            data[html_name] = encoded
    return yours


def _value(model, names, state):
    values = tuple(python_value(model, name, state[name]) for name in names)
    return values if len(values) > 1 else values[0]


def _as_posted(field, value):
    """What the field's widget posts for `value` (None: nothing, as for an unticked box)."""
    widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related wrapper
    if isinstance(widget, MultiWidget):
        return _CANNOT
    if isinstance(widget, CheckboxInput):
        return "on" if value else None
    shown = widget.format_value(field.prepare_value(value))
    if getattr(widget, "allow_multiple_selected", False):
        return [str(v) for v in shown or []]
    if isinstance(shown, list):  # a single select formats its value as a list
        return shown[0] if shown else ""
    return "" if shown is None else str(shown)
