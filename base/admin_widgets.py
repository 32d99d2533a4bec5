"""Autocomplete widgets whose selected labels load once for a whole inline formset.

Django's autocomplete widget fetches the label of its selected value when it renders, so an
inline of 40 rows with two such fields ran 80 queries.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.forms.models import BaseInlineFormSet


class SharedLabelsMixin:
    """Renders the selected options from labels the formset loaded for all its forms at once."""

    shared_labels = None  # {str(pk): label}, set by SharedLabelsFormSet

    def optgroups(self, name, value, attr=None):
        if self.shared_labels is None:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        selected = [str(v) for v in value if str(v) in self.shared_labels]
        for pk in selected:
            options.append(self.create_option(name, pk, self.shared_labels[pk], True, len(options)))
        return [(None, options, 0)]


class SharedLabelsAutocompleteSelect(SharedLabelsMixin, AutocompleteSelect):
    pass


class SharedLabelsAutocompleteSelectMultiple(SharedLabelsMixin, AutocompleteSelectMultiple):
    pass


class SharedLabelsFormSet(BaseInlineFormSet):
    """An inline formset whose autocomplete fields cost one query each, not one per form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.base_fields.items():
            if isinstance(getattr(field.widget, "widget", None), SharedLabelsMixin):
                self._share_labels(name, field)

    def _share_labels(self, name, field):
        selected = {pk for form in self.forms for pk in _selected_pks(form[name].value())}
        # select_related(): labels such as an intervention's name its organisation and item.
        objects = field.queryset.select_related().filter(pk__in=selected) if selected else []
        labels = {str(obj.pk): field.label_from_instance(obj) for obj in objects}
        for form in self.forms:
            form.fields[name].widget.widget.shared_labels = labels


def _selected_pks(value):
    values = value if isinstance(value, list | tuple) else [value]
    return {str(v) for v in values if v not in (None, "")}
