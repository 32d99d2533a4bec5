"""A meeting's registrations: the answers, counted, exported, and made attendance (issue 21).

The list of invitees with their answers, filtered by meeting and answer; for the meeting
filtered, the counts per answer and stakeholder group above it, its export as CSV and the filling
of its attendance (registration_fill_page). Invitations are made from the meeting's invitation
pages (invitation_admin), not here; the Secretariat corrects an answer here, the history keeping
the answer it replaced.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.admin.model_admin import PortalModelAdmin
from meetings.models import Meeting

from ..models import Answer, Invitation, Registration
from ..registration_counts import (
    NO_ANSWER_LABEL,
    answer_label,
    organization_counted,
    registration_counts,
)
from ..registration_export import registrations_csv
from .registration_fill_page import fill_attendance, may_fill_attendance

MEETING_PARAM = "meeting__id__exact"  # the meeting filter's (RelatedOnlyFieldListFilter)
NO_ANSWER_PARAM = "none"
DELEGATE_FIELDS = ["delegate_name", "delegate_position", "delegate_email", "delegate_mode"]

# django-simple-history tracks the concrete model alone: a registration's history is its
# invitation's (the history pages find it through this), and a registration is saved as its
# invitation (see `as_invitation`) for its history to be written.
Registration._meta.simple_history_manager_attribute = (
    Invitation._meta.simple_history_manager_attribute
)


class AnswerFilter(admin.SimpleListFilter):
    title = _("answer")
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        return [*Answer.choices, (NO_ANSWER_PARAM, NO_ANSWER_LABEL)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == NO_ANSWER_PARAM:
            return queryset.filter(answer="")
        if value in Answer.values:
            return queryset.filter(answer=value)
        return queryset


class RegistrationCorrectionForm(forms.ModelForm):
    """The Secretariat's correction of an answer: a delegate needs a name; another answer drops
    the delegate's details (the history keeps them)."""

    class Meta:
        model = Registration
        fields = ["answer", "organization", *DELEGATE_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Answer.DELEGATE:
            if not (cleaned.get("delegate_name") or "").strip():
                self.add_error(
                    "delegate_name", gettext("Give the name of the person they are sending.")
                )
        elif "answer" in cleaned:
            for name in DELEGATE_FIELDS:
                cleaned[name] = ""
        return cleaned


@admin.register(Registration)
class RegistrationAdmin(PortalModelAdmin):
    form = RegistrationCorrectionForm
    list_display = [
        "person",
        "organization_shown",
        "answer_shown",
        "delegate_shown",
        "answered_at",
        "meeting",
    ]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter), AnswerFilter]
    search_fields = ["person__name", "delegate_name", "organization__name"]
    list_select_related = ["person__organization", "organization", "meeting"]
    list_per_page = 100
    fields = [
        "meeting",
        "person",
        "invited_as",
        "invited_at",
        "answer",
        "organization",
        *DELEGATE_FIELDS,
        "answered_at",
    ]
    readonly_fields = ["meeting", "person", "invited_as", "invited_at", "answered_at"]
    autocomplete_fields = ["organization"]
    change_list_template = "admin/invitations/registration/change_list.html"

    def has_add_permission(self, request):
        return False  # people are invited from the meeting's invitation pages

    def has_delete_permission(self, request, obj=None):
        return False  # an invitation is withdrawn where it was made, not from its answer

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data:
            obj.answered_at = timezone.now() if obj.answer else None
        super().save_model(request, as_invitation(obj), form, change)

    @admin.display(description=_("for the organisation"), ordering="organization__name")
    def organization_shown(self, obj):
        """The organisation answered for, or, until they say, the invitee's own."""
        return organization_counted(obj).name

    @admin.display(description=_("answer"), ordering="answer")
    def answer_shown(self, obj):
        return answer_label(obj.answer)

    @admin.display(description=_("delegate"))
    def delegate_shown(self, obj):
        if obj.answer != Answer.DELEGATE:
            return ""
        details = [obj.delegate_name, obj.delegate_position, obj.delegate_email]
        text = ", ".join(detail for detail in details if detail)
        if obj.delegate_mode:
            text = f"{text} ({obj.get_delegate_mode_display()})"
        return text

    # The list, with the filtered meeting's counts -------------------------------------------

    def changelist_view(self, request, extra_context=None):
        meeting = meeting_filtered(request)
        context = {
            "meeting": meeting,
            "registration_counts": registration_counts(meeting) if meeting else None,
            "may_fill_attendance": may_fill_attendance(self, request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    # The export and the fill ----------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "meeting/<int:meeting_id>/export/",
                self.admin_site.admin_view(self.export_view),
                name="invitations_registration_export",
            ),
            path(
                "meeting/<int:meeting_id>/fill-attendance/",
                self.admin_site.admin_view(self.fill_attendance_view),
                name="invitations_registration_fill_attendance",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, meeting_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return registrations_csv(get_object_or_404(Meeting, pk=meeting_id))

    def fill_attendance_view(self, request, meeting_id):
        return fill_attendance(self, request, meeting_id)


def as_invitation(registration):
    """The same row as an Invitation, whose saves simple_history records (it listens to the
    concrete model's signals, which a proxy's save does not send)."""
    invitation = Invitation()
    invitation.__dict__.update(registration.__dict__)
    return invitation


def meeting_filtered(request):
    """The meeting the list is filtered by, or None (no filter, or not a meeting)."""
    value = request.GET.get(MEETING_PARAM, "")
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return Meeting.objects.filter(pk=int(value)).first()
