"""The formset of the admin's workspace inlines: nested (nested_admin), ordered, and in a fixed
number of queries whatever the number of rows, nested rows included."""

from django.contrib.admin.widgets import AutocompleteMixin
from django.forms import ChoiceField, ModelChoiceField, Select
from django.forms.models import BaseModelFormSet
from nested_admin.formsets import NestedInlineFormSetMixin

from base.admin.widgets import SharedLabelsFormSet

from .ordering import OrderedFormSetMixin


class PrefetchedRowsMixin:
    """A formset's rows are read once, with what their forms and lines show; a nested formset
    takes its rows from its parent row's prefetch.

    nested_admin builds one formset per parent row (an agenda item's interventions): each would
    run its own query, and on a save it reads the posted ids anew, from any parent, without the
    inline's related rows. Here the parent inline's queryset prefetches them all at once, shown
    or saved, and a formset without such a prefetch reads the inline's rows of its parent, once.
    """

    def get_queryset(self):
        if not hasattr(self, "_rows"):
            self._rows = self._read_rows()
        return self._rows

    def _read_rows(self):
        if self.instance is not None and self.instance.pk is not None:
            prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
            rows = prefetched.get(self.fk.remote_field.get_accessor_name())
            if rows is not None:
                return list(rows)
        # Django's own: the inline's queryset for this parent (not nested_admin's posted ids).
        rows = BaseModelFormSet.get_queryset(self)
        # Each form's initial values list its many-to-many links.
        links = [f.name for f in self.model._meta.many_to_many if f.name in self.form.base_fields]
        # And what each row's line names (the workspace's inlines say: `related_shown`).
        return list(
            rows.prefetch_related(*links).select_related(*getattr(self, "related_shown", ()))
        )


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


class UnchangedRowsMixin:
    """A row posted back as it was shown is neither validated nor re-read nor saved.

    The workspace posts every row of the meeting: validating each (its constraints, its links)
    and nested_admin's save_existing_objects (which re-reads each row twice) cost ~20 queries
    a row. A row left as it was needs none of it: it is in the database as it is, and a changed
    row is still checked against it there (its unique constraints, its model's clean()).
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.is_bound and i < self.initial_form_count():
            # Django's forms skip validating an unchanged form they may leave empty; its
            # cleaned data is what it showed (the ordering reads the row's number from it).
            form.empty_permitted = True
            form.full_clean = _cleaned_as_shown(form)
        return form

    def save_existing_objects(self, initial_forms=None, commit=True):
        touched = [
            form
            for form in initial_forms or []
            if form.has_changed() or self._should_delete_form(form) or self._moved(form)
        ]
        return super().save_existing_objects(touched, commit=commit)

    def _moved(self, form):
        """Dragged here from under another parent row (nested_admin moves it on save)."""
        return getattr(form.instance, self.fk.attname, None) != self.instance.pk


def _cleaned_as_shown(form):
    full_clean = form.full_clean

    def clean():
        full_clean()
        if not form.has_changed():
            form.cleaned_data = dict(form.initial)

    return clean


class WorkspaceFormSet(
    UnchangedRowsMixin,
    OrderedFormSetMixin,
    PrefetchedRowsMixin,
    ChoicesOnceMixin,
    NestedInlineFormSetMixin,
    SharedLabelsFormSet,
):
    pass
