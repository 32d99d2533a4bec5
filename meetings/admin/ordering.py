"""Order fields in the admin's inlines: a new row takes the next number, rows are dragged or
numbered into order and renumber themselves 1, 2, 3... on save, within the database's unique
constraints."""

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _


class OrderedFormSetMixin:
    """Numbers the rows 1, 2, 3... in the order submitted, rows left blank last.

    Only when the officer changed the order: a row moved or left without a number (the page's
    script numbers rows 1, 2, 3 as they are dragged). A page saved as it was shown keeps its
    numbers, even with gaps, a deleted row leaves the others' numbers as they were, and a new row
    keeps the next number it was given: nothing is renumbered behind the officer's back (nor
    written to forty rows' history for one deletion).

    Rows whose number changes, and deleted rows, are first moved out of the way, so a unique
    (parent, number) constraint never sees two rows with one number.
    """

    sortable_field_name = None  # set by nested_admin's get_formset()

    def process_forms_pre_save(self, forms):
        field = self.sortable_field_name
        if field is None:
            return super().process_forms_pre_save(forms)
        deleted = [form for form in forms if self._should_delete_form(form)]
        kept = [form for form in forms if form not in deleted and _is_saved(form)]
        kept.sort(key=lambda form: _place(form, field))
        if not self._order_changed(kept, field):
            return deleted + [form for form in forms if form not in deleted]
        # Deleted rows give up their numbers first (their deletion may wait until the other
        # rows are saved); the number each had is kept for its history.
        self.numbers_before_deletion = {
            form.instance.pk: form.initial.get(field)
            for form in deleted
            if form.instance.pk is not None
        }
        moving = list(self.numbers_before_deletion)
        for number, form in enumerate(kept, start=1):
            if form.instance.pk is not None and form.initial.get(field) != number:
                moving.append(form.instance.pk)
            setattr(form.instance, field, number)
            form.cleaned_data[field] = number
            if number != form.initial.get(field) and field not in form.changed_data:
                form.changed_data.append(field)  # so the row is saved with its new number
        self._move_out_of_the_way(moving, field)
        # The deleted rows go first, with the numbers they had (their history keeps them, and
        # a restored row comes back as it was): no row is given a number they still hold.
        rest = [form for form in forms if form not in deleted]
        return deleted + sorted(rest, key=lambda form: _place(form, field))

    def _order_changed(self, kept, field):
        numbers = [form.cleaned_data.get(field) for form in kept]
        if None in numbers or len(set(numbers)) != len(numbers) or min(numbers, default=1) < 1:
            return True
        return any(
            form.instance.pk is not None and form.cleaned_data[field] != form.initial.get(field)
            for form in kept
        )

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        field = self.sortable_field_name
        if field and (index is None or index >= self.initial_form_count()):
            extra = 0 if index is None else index - self.initial_form_count()
            kwargs.setdefault("initial", {})[field] = self._next_number() + extra
        return kwargs

    def _next_number(self):
        if not hasattr(self, "_next"):
            # The rows are at hand (no query): their highest number, plus one.
            numbers = [getattr(obj, self.sortable_field_name) or 0 for obj in self.get_queryset()]
            self._next = max(numbers, default=0) + 1
        return self._next

    def _move_out_of_the_way(self, pks, field):
        if not pks:
            return
        siblings = self.model._default_manager.filter(**{self.fk.name: self.instance})
        top = siblings.aggregate(top=Max(field))["top"] or 0
        # One row at a time, each above every number in use: no two rows ever share a number.
        for offset, pk in enumerate(pks, start=1):
            siblings.filter(pk=pk).update(**{field: top + offset})


def _is_saved(form):
    """A row that will be saved: an existing one, or a new one the officer filled in."""
    return form._is_initial or form.has_changed()


def _place(form, field):
    number = getattr(form, "cleaned_data", {}).get(field)
    return (number is None, number or 0)


class OrderedInlineMixin:
    """For an inline with an order field (`sortable_field_name`): the number is typed or set by
    dragging the row; left blank, the row is numbered after the others; a number typed twice
    is put in order on save (OrderedFormSetMixin)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == self.sortable_field_name:
            field.required = False
            field.widget = forms.NumberInput(
                attrs={"class": "vOrderField", "min": 1, "aria-label": _("Order")}
            )
            field.help_text = ""
        return field
