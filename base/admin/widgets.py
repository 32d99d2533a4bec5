"""Autocomplete widgets whose selected labels load once for a whole inline formset.

Django's autocomplete widget fetches the label of its selected value when it renders, so an
inline of 40 rows with two such fields ran 80 queries.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
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
    """An inline formset whose autocomplete fields cost one query each, not one per form.

    Nested inlines (an agenda item's interventions) make one formset per parent row: they share
    one `label_pool` for the page, so a field's labels still load in one query for all of them.
    """

    label_pool = None  # a LabelPool, set per request by SharedLabelsInlineMixin.get_formset()

    def forms_shown(self):
        """The forms whose fields the page may show (a subclass may know fewer)."""
        return self.forms

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pool = self.label_pool or LabelPool()
        for name, field in self.form.base_fields.items():
            if isinstance(getattr(field.widget, "widget", None), SharedLabelsMixin):
                # Not every form shows every field (a row shown as a line has none of these).
                shown = [form for form in self.forms_shown() if name in form.fields]
                selected = {pk for form in shown for pk in _selected_pks(form[name].value())}
                labels = pool.share(field, selected)
                for form in shown:
                    form.fields[name].widget.widget.shared_labels = labels


class LabelPool:
    """The labels of one page's autocomplete fields, each field's loaded at once when shown."""

    def __init__(self):
        self._labels = {}

    def share(self, field, pks):
        # Fields choosing among the same rows (every field naming an organisation) share one
        # query: the same SQL and the same labelling make the same labels.
        key = _pool_key(field)
        labels = self._labels.setdefault(key, PooledLabels(field))
        labels.wanted |= pks
        return labels


def _pool_key(field):
    """The same SQL and the same labelling: computed once for a formset class's field (its
    formsets, one per agenda item, share it), as writing out the SQL costs a millisecond."""
    if not hasattr(field, "_label_pool_key"):
        field._label_pool_key = (str(field.queryset.query), type(field).label_from_instance)
    return field._label_pool_key


class PooledLabels:
    """{str(pk): label} for the values every formset sharing a field has selected."""

    def __init__(self, field):
        self.field = field
        self.wanted = set()
        self._loaded = {}

    def _load(self):
        missing = self.wanted - self._loaded.keys()
        if missing:
            # A value posted back that is no key at all ("abc" for a number) names nothing.
            valid = {pk for pk in missing if _is_key(self.field.queryset.model, pk)}
            # select_related(): labels such as an intervention's name its organisation and item.
            objects = self.field.queryset.select_related().filter(pk__in=valid)
            self._loaded.update(
                {str(obj.pk): self.field.label_from_instance(obj) for obj in objects}
            )
            self._loaded.update({pk: None for pk in missing - self._loaded.keys()})
        return self._loaded

    def __contains__(self, pk):
        return self._load().get(pk) is not None

    def __getitem__(self, pk):
        return self._load()[pk]


def label_pool(request):
    """The page's LabelPool, one per request."""
    if not hasattr(request, "_shared_label_pool"):
        request._shared_label_pool = LabelPool()
    return request._shared_label_pool


def _is_key(model, value):
    try:
        model._meta.pk.to_python(value)
    except ValidationError:
        return False
    return True


def _selected_pks(value):
    values = value if isinstance(value, list | tuple) else [value]
    return {str(v) for v in values if v not in (None, "")}
