"""Forms of the Secretariat's admin."""

import hashlib

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _


class ParticipantsImportForm(forms.Form):
    """The participants list, pasted as the report prints it."""

    participants = forms.CharField(
        label=_("Participants list"),
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100, "spellcheck": "false"}),
        help_text=_(
            "One participant a line: name, organisation as listed, e-mail addresses (several "
            "separated by “/”), separated by tabs, as copied from the report. Participants after "
            "a “Remote Participants” line attended remotely."
        ),
    )
    # A digest of the text previewed: confirming imports only the list the Secretariat saw.
    previewed_digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def digest(self):
        text = self.cleaned_data["participants"].replace("\r\n", "\n")
        return hashlib.sha256(text.encode()).hexdigest()

    def was_previewed(self):
        return self.cleaned_data["previewed_digest"] == self.digest()


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

    Django's autocomplete widget fetches the label of its selected value when it renders, so an
    inline of 40 rows with two such fields ran 80 queries.
    """

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


class SharedLabelsInlineMixin:
    """For an inline: autocomplete fields whose labels load once for the whole formset."""

    formset = SharedLabelsFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            widget = SharedLabelsAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs.setdefault("widget", widget)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                SharedLabelsAutocompleteSelectMultiple(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
