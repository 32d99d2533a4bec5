"""Filters that offer only what the visitor's rows hold, and hide one with nothing to offer."""

import django_filters
from django import forms
from django.utils.choices import BaseChoiceIterator

from .widgets import QUICK_WIDGETS


class OfferedOptions(BaseChoiceIterator):
    """Options already (value, label) pairs, given to a widget as they are: set as a list, each
    would be checked and copied again (django.utils.choices.normalize_choices), some 250 a page."""

    def __init__(self, options):
        self.options = options

    def __iter__(self):
        return iter(self.options)

    def __len__(self):
        return len(self.options)


class OfferedChoicesFilterSet(django_filters.FilterSet):
    """A FilterSet whose choice fields list only the values present among the rows the visitor may
    see (the list unfiltered), and that leaves out a field with fewer than two of them: choosing
    it could only return everything or nothing. A field the request sets stays, with its value,
    so the visitor sees what narrows the list and can clear it.

    A fixed cost whatever the rows: one DISTINCT query for all the fixed-choice fields together;
    a model-choice field's options (its queryset lists only what is present) are read once, here,
    instead of when the form is drawn. Its selects are drawn without a template per option
    (base/web/widgets.py): a list offering hundreds of organisations spent most of its time there.
    """

    # {filter name: (column or annotation holding its values, value -> choice)} for a filter that
    # does not filter on a column named as itself (one with a `method`).
    choice_sources = {}
    # Fields offered whole, whatever the rows hold: a sort order, say.
    offered_whole = ()
    # Fields that order the list instead of narrowing it.
    ordering_fields = ()
    # {model-choice filter name: the column its options show (what its model's `__str__` gives)}:
    # its options are read as (pk, column) pairs, not built as model instances.
    option_labels = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            quick = QUICK_WIDGETS.get(filter_.field_class.widget)
            if quick and "widget" not in filter_.extra:
                filter_.extra["widget"] = quick

    @property
    def form(self):
        if not hasattr(self, "_form"):
            self._offer_present_choices(super().form)
        return self._form

    def _offer_present_choices(self, form):
        fixed = {
            name: field
            for name, field in form.fields.items()
            if isinstance(field, forms.ChoiceField)
            and not isinstance(field, forms.ModelChoiceField)
            and name not in self.offered_whole
        }
        present = self._present_values(list(fixed))
        for name, field in list(form.fields.items()):
            if isinstance(field, forms.ModelChoiceField):
                options = self._model_options(name, field)
                field.widget.choices = OfferedOptions(options)
                count = len(options) - (field.empty_label is not None)
            elif name in fixed:
                chosen = self._chosen(name)
                offered = [
                    (value, label)
                    for value, label in field.choices
                    if value == "" or str(value) in present[name] or str(value) == chosen
                ]
                field.widget.choices = OfferedOptions(offered)
                count = len([value for value, _label in offered if str(value) in present[name]])
            else:
                continue
            if count < 2 and not self._chosen(name):
                del form.fields[name]

    def _model_options(self, name, field):
        """The options `field.choices` gives, the same values and labels drawn."""
        column = self.option_labels.get(name)
        if column is None:
            return list(iter(field.choices))  # list() alone would COUNT them first
        empty = [] if field.empty_label is None else [("", field.empty_label)]
        return empty + list(field.queryset.values_list("pk", column))

    @property
    def sets_a_filter(self):
        """Does the request narrow the list (a field other than the order set to a value)?"""
        return self.active_filter_count > 0

    @property
    def active_filter_count(self):
        """How many fields other than the order the request sets to a value."""
        return sum(
            1
            for name in self.form.fields
            if name not in self.ordering_fields and self._chosen(name)
        )

    def _chosen(self, name):
        if not self.is_bound:
            return ""
        return str(self.data.get(self.form_prefix + "-" + name if self.form_prefix else name, ""))

    def rows_offering_choices(self):
        """The rows the offered values are read from, under the `choice_sources` columns: the
        unfiltered list, or a smaller query holding the same values."""
        return self.queryset

    def _present_values(self, names):
        """{filter name: the values, as strings, present among the unfiltered rows}."""
        if not names:
            return {}
        sources = [
            self.choice_sources.get(name, (self.filters[name].field_name, None)) for name in names
        ]
        rows = (
            self.rows_offering_choices()
            .order_by()
            .prefetch_related(None)
            .values_list(*[column for column, _read in sources])
            .distinct()
        )
        present = {name: set() for name in names}
        for row in rows:
            for name, (_column, read), value in zip(names, sources, row, strict=True):
                present[name].add(str(read(value) if read else value))
        return present
