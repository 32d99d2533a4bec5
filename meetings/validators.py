"""One check for every row that names a meeting and parts of it: the parts are that meeting's."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class SameMeetingMixin:
    """clean(): the agenda item and the intervention a row names belong to the meeting it names,
    and the intervention was made under that agenda item.

    `same_meeting_fields` names the row's fields for the meeting, the agenda item and the
    intervention, in that order (the last ones may be left out).
    """

    same_meeting_fields = ("meeting", "agenda_item", "intervention")

    def clean(self):
        super().clean()
        meeting_field, item_field, intervention_field = (*self.same_meeting_fields, None, None)[:3]
        meeting_id = getattr(self, f"{meeting_field}_id")
        item = getattr(self, item_field) if item_field else None
        intervention = getattr(self, intervention_field) if intervention_field else None
        errors = {}
        if item is not None and meeting_id and item.meeting_id != meeting_id:
            errors[item_field] = _("This agenda item belongs to another meeting.")
        if intervention is not None:
            made_under = intervention.agenda_item
            if meeting_id and made_under.meeting_id != meeting_id:
                errors[intervention_field] = _("This intervention was made at another meeting.")
            elif item is not None and made_under.pk != item.pk:
                errors[intervention_field] = _(
                    "This intervention was made under another agenda item."
                )
        if errors:
            raise ValidationError(errors)
