"""The admin's autocomplete results, labelled by the chosen model's admin where it says how."""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """A result reads `model_admin.autocomplete_label(obj)` where the admin defines it (a person
    with their organisation, so the speaker picker shows where each group of people ends)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result
