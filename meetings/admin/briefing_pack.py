"""The briefing pack in the documents' admin and the meeting workspace's documents: a document's
place in its meeting's pack and whether it is still a draft there (invitations.briefing_pack
reads them), and the checks that keep them meaningful."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from meetings.forms import DocumentForm

PACK_FIELDS = ("briefing_pack_position", "briefing_pack_draft")


class BriefingPackChecks:
    """A form's checks of a document's place in the pack: a pack is a meeting's, so a document
    in one is named at its meeting; only a document in the pack can be a draft there."""

    def clean(self):
        cleaned = super().clean()
        position = self._value("briefing_pack_position")
        if position is None:
            if self._value("briefing_pack_draft"):
                self._refuse(
                    "briefing_pack_draft",
                    _(
                        "Only a document in the briefing pack can be a draft there: give its "
                        "place in the pack, or untick “draft in the pack”."
                    ),
                )
        elif self._value("meeting") is None:
            self._refuse(
                "briefing_pack_position",
                _(
                    "A briefing pack is a meeting's: choose the meeting this document is named "
                    "at, or leave its place in the pack empty."
                ),
            )
        return cleaned

    def _value(self, name):
        """The field's value as the form leaves it: typed, or the document's own where the form
        does not show it (a workspace row's meeting, a list's editable columns)."""
        if name in self.fields:
            return self.cleaned_data.get(name)
        return getattr(self.instance, name, None)

    def _refuse(self, name, message):
        self.add_error(name if name in self.fields else None, message)


class PackDocumentForm(BriefingPackChecks, DocumentForm):
    pass


class PackPlaceForm(BriefingPackChecks, forms.ModelForm):
    """The documents list's editable columns: the place in the pack, a draft there."""


class InBriefingPackFilter(admin.SimpleListFilter):
    title = _("briefing pack")
    parameter_name = "briefing_pack"

    def lookups(self, request, model_admin):
        return [
            ("in", _("In the pack")),
            ("draft", _("Drafts in the pack")),
            ("out", _("Not in the pack")),
        ]

    def queryset(self, request, queryset):
        in_pack = queryset.filter(briefing_pack_position__isnull=False)
        return {
            "in": in_pack,
            "draft": in_pack.filter(briefing_pack_draft=True),
            "out": queryset.filter(briefing_pack_position__isnull=True),
        }.get(self.value(), queryset)


class BriefingPackAdminMixin:
    """For the documents' admin: the pack's two columns, editable in the list (filtered by
    meeting and by the pack, the Secretariat orders a meeting's pack there), and the checks."""

    form = PackDocumentForm

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", PackPlaceForm)
        return super().get_changelist_form(request, **kwargs)
