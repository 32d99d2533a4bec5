"""A date as far as it is known, typed in one box: "20/12/2019", "December 2019", "2019",
"early 2020", "fin décembre 2019" (base.record.partial_date_parsing reads them).

The models keep such a date in two fields, the date and its precision (base.record.partial_dates).
In a ModelForm, `PartialDateFormMixin` shows each pair as one `PartialDateField`, named as the date
field and in its place; the precision field leaves the form. The field shows the stored date as the
portal prints it (`format_partial_date`), which it reads back as the same date, so a row posted back
as shown has not changed (the meeting workspace's formsets skip it:
meetings.admin.workspace_formsets.UnchangedRowsMixin). The form writes the date and its precision
into the instance before the model's validation, so the model's clean() and constraints see both;
their errors on the precision are shown on the date.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelFormMetaclass
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _

from .partial_date_parsing import examples, parse_partial_date
from .partial_dates import EMPTY_DATE, DatePrecision, PartialDate, format_partial_date


def shown(value):
    """A PartialDate as the officer would type it, in the current language: '20 December
    2019', 'early 2020'."""
    return format_partial_date(*PartialDate.of(*value))


def _help_text():
    return (
        _("As you would write it: %(day)s, %(month)s, %(end)s, %(early)s or %(year)s.") % examples()
    )


class PartialDateInput(forms.TextInput):
    """One text box; a PartialDate is shown as the portal prints it."""

    def __init__(self, attrs=None):
        super().__init__(
            {"size": 30, "autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, tuple):
            value = shown(value)
        return super().format_value(value)


class PartialDateField(forms.Field):
    """A date as typed, cleaned to a PartialDate: (date, precision), EMPTY_DATE if left empty.

    `model_field_names` are the model fields it stands for, the date's and the precision's (set
    by PartialDateFormMixin): base.admin.stale_form_merge reads them.
    """

    widget = PartialDateInput
    model_field_names = ()

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", lazy(_help_text, str)())
        super().__init__(**kwargs)

    @classmethod
    def for_model(cls, model, date_name, precision_name):
        """The field standing for the model's date field `date_name` and its precision."""
        date_field = model._meta.get_field(date_name)
        help_text = lazy(_help_text, str)()
        if date_field.help_text:
            help_text = format_lazy("{} {}", date_field.help_text, help_text)
        field = cls(
            label=capfirst(date_field.verbose_name),
            required=not date_field.blank,
            help_text=help_text,
        )
        field.model_field_names = (date_name, precision_name)
        return field

    def to_python(self, value):
        if isinstance(value, tuple):
            return PartialDate.of(*value)
        if isinstance(value, datetime.date):
            return PartialDate.of(value, DatePrecision.DAY)
        return parse_partial_date(value)

    def validate(self, value):
        if self.required and value.date is None:
            raise ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        if isinstance(value, tuple | datetime.date):
            return shown(self.to_python(value))
        return value

    def has_changed(self, initial, data):
        """Whether `data` means another date than `initial`: "December 2019" typed for a month
        stored as its 15th has not changed; anything unreadable has."""
        if self.disabled:
            return False
        try:
            typed = self.to_python(data)
        except ValidationError:
            return True
        return not self.as_shown(initial).means_the_same_as(typed)

    def as_shown(self, initial):
        """The PartialDate an initial value shows (EMPTY_DATE for one it cannot read)."""
        try:
            return self.to_python(initial)
        except ValidationError:
            return EMPTY_DATE


class PartialDateFormMetaclass(ModelFormMetaclass):
    """Makes the form's fields as a ModelForm's, then puts each partial date's one field in
    place of its date field, and leaves its precision field out."""

    def __new__(mcs, name, bases, attrs, **kwargs):
        new_class = super().__new__(mcs, name, bases, attrs, **kwargs)
        model = new_class._meta.model
        fields = new_class.base_fields
        for date_name, precision_name in new_class.partial_dates.items():
            fields.pop(precision_name, None)
            if model is not None and date_name in fields:
                fields[date_name] = PartialDateField.for_model(model, date_name, precision_name)
        return new_class


class PartialDateFormMixin(metaclass=PartialDateFormMetaclass):
    """For a ModelForm: each date stored with its precision, typed in one box.

    `partial_dates` maps each date field to its precision field, e.g. {"due_date":
    "due_precision"}. Two dates may share one precision (an event's start and end): the first
    typed gives it, and the others must be typed as precisely or left empty.
    """

    partial_dates = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for date_name, precision_name in self._partial_dates_shown():
            value = self.initial.get(date_name)
            if isinstance(value, datetime.date):  # the instance's, or one given as a date
                precision = self.initial.get(precision_name, getattr(self.instance, precision_name))
                self.initial[date_name] = PartialDate.of(value, precision)

    def _partial_dates_shown(self):
        return [
            (date_name, precision_name)
            for date_name, precision_name in self.partial_dates.items()
            if isinstance(self.fields.get(date_name), PartialDateField)
        ]

    def clean(self):
        cleaned_data = super().clean()
        first_typed = {}
        for date_name, precision_name in self._partial_dates_shown():
            if date_name not in cleaned_data:  # its own error stands
                continue
            if date_name not in self.changed_data:  # kept as stored, whichever day that is
                initial = self.get_initial_for_field(self.fields[date_name], date_name)
                cleaned_data[date_name] = self.fields[date_name].as_shown(initial)
            value = cleaned_data[date_name]
            if value.date is None:
                continue
            first = first_typed.setdefault(precision_name, value)
            if value.precision != first.precision:
                self.add_error(
                    date_name,
                    _(
                        "Type this date as precisely as “%(other)s” (the two share one "
                        "precision), or leave it empty."
                    )
                    % {"other": shown(first)},
                )
        return cleaned_data

    def _post_clean(self):
        """The dates and precisions into the instance, before the model validates it."""
        read, given, refused = {}, {}, set()
        for date_name, precision_name in self._partial_dates_shown():
            value = self.cleaned_data.get(date_name)
            if not isinstance(value, PartialDate):  # refused: its precision is left as it was
                refused.add(precision_name)
                continue
            read[date_name] = value
            self.cleaned_data[date_name] = value.date  # what construct_instance() writes
            if value.date is not None:  # the first date given sets a shared precision
                given.setdefault(precision_name, value.precision)
        self._precisions_read = {name for _, name in self._partial_dates_shown()} - refused
        for name in self._precisions_read:
            setattr(self.instance, name, given.get(name, ""))
        super()._post_clean()
        for date_name, value in read.items():
            if date_name in self.cleaned_data:
                self.cleaned_data[date_name] = value

    def _get_validation_exclusions(self):
        # The precision is not a field of the form, but it was read: validate it, and the
        # constraints naming it.
        return super()._get_validation_exclusions() - getattr(self, "_precisions_read", set())

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            for date_name, precision_name in self._partial_dates_shown():
                if precision_name in errors.error_dict:
                    moved = errors.error_dict.pop(precision_name)
                    errors.error_dict.setdefault(date_name, []).extend(moved)
        super()._update_errors(errors)
