"""The formset of the admin's workspace inlines: nested (nested_admin), ordered, and in a fixed
number of queries whatever the number of rows, nested rows included."""

from django.contrib.admin.widgets import AutocompleteMixin
from django.forms import ChoiceField, ModelChoiceField, Select
from nested_admin.formsets import NestedInlineFormSetMixin

from .admin_ordering import OrderedFormSetMixin
from .admin_widgets import SharedLabelsFormSet


class PrefetchedRowsMixin:
    """A nested formset shows the rows its parent row prefetched, instead of querying its own.

    nested_admin builds one formset per parent row (an agenda item's interventions): each would
    run its own query. The parent inline's queryset prefetches them all at once.
    """

    def get_queryset(self):
        if not self.is_bound and self.instance is not None and self.instance.pk is not None:
            prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
            rows = prefetched.get(self.fk.remote_field.get_accessor_name())
            if rows is not None:
                return list(rows)
        return super().get_queryset()


class ChoicesOnceMixin:
    """A plain select's choices are read once for the formset, not once for each row shown."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if not hasattr(self, "_choices_read"):
            self._choices_read = {}
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            # Not the hidden primary key (its "choices" are the whole table), nor an autocomplete.
            shown = isinstance(widget, Select) and not isinstance(widget, AutocompleteMixin)
            if not (isinstance(field, ModelChoiceField) and shown):
                continue
            if name not in self._choices_read:
                # A comprehension, not list(): list() would count the rows first, in a query.
                self._choices_read[name] = [choice for choice in field.choices]
            ChoiceField.choices.fset(field, self._choices_read[name])
            widget.choices = field.choices


class WorkspaceFormSet(
    OrderedFormSetMixin,
    PrefetchedRowsMixin,
    ChoicesOnceMixin,
    NestedInlineFormSetMixin,
    SharedLabelsFormSet,
):
    pass
