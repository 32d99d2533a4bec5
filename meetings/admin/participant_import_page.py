"""The admin page that imports a meeting's participants list: paste, preview, confirm, and
the report of what was recorded (new organisations and people linked, to classify them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from base.web.html import format_html, format_html_join
from meetings.forms import ParticipantsImportForm
from meetings.models import Meeting
from meetings.participant_import import attendance_import, attendance_import_review
from partners.models import Organization, Person

TEMPLATE = "admin/meetings/meeting/import_participants.html"


def import_participants(model_admin, request, object_id):
    meeting = get_object_or_404(Meeting, pk=object_id)
    if not model_admin.has_change_permission(request, meeting):
        raise PermissionDenied
    form = ParticipantsImportForm(request.POST or None, request.FILES or None)
    review = result = None
    if form.is_valid():
        text, keep_valid = form.cleaned_data["participants"], form.cleaned_data["keep_valid"]
        try:
            if "confirm" in request.POST and form.was_previewed():
                result = attendance_import(meeting, text, keep_valid=keep_valid)
                report_import(model_admin.admin_site, request, result)
                if not result.rejected:
                    return redirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
                # What was not imported, ready to be corrected and previewed again.
                form = ParticipantsImportForm(
                    initial={"participants": result.rejected_text, "keep_valid": True}
                )
            else:
                if form.file_name:
                    messages.info(
                        request,
                        _("The list of “%(name)s” is in the box: check the preview.")
                        % {"name": form.file_name},
                    )
                # The list in the box (a file's text too), whatever the preview finds.
                form = form.for_preview(text, previewed=False)
                review = attendance_import_review(meeting, text)
                if review.rejected and not keep_valid:
                    raise ValidationError(review.error_messages())
                # The hidden digest carries what was previewed into the confirming submit.
                form = form.for_preview(text, previewed=True)
        except ValidationError as error:
            form.add_error("participants", error)
            review = None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": meeting,
        "title": _("Import participants list"),
        "form": form,
        "review": review,
        "plans": review.plans if review else None,
        "rejected": (result or review).rejected if (result or review) else None,
        "imported": result is not None,
    }
    return TemplateResponse(request, TEMPLATE, context)


def report_import(admin_site, request, result):
    messages.success(
        request,
        ngettext(
            "%(count)d attendance recorded.",
            "%(count)d attendances recorded.",
            result.attendances_created,
        )
        % {"count": result.attendances_created},
    )
    linked = {
        "people": _linked(admin_site, request, Person, result.people_created),
        "organizations": _linked(admin_site, request, Organization, result.organizations_created),
    }
    reports = [
        (_("People matched:"), ", ".join(result.people_matched), messages.INFO),
        (_("People created:"), linked["people"], messages.INFO),
        (_("Organisations matched:"), ", ".join(result.organizations_matched), messages.INFO),
        (
            _("Organisations created, kind “other or not yet classified”:"),
            linked["organizations"],
            messages.WARNING,
        ),
        (_("E-mail addresses added:"), ", ".join(result.emails_added), messages.INFO),
        (
            _("Already attending, not added again:"),
            ", ".join(result.already_attending),
            messages.INFO,
        ),
        (_("Attendance updated:"), ", ".join(result.attendances_updated), messages.INFO),
        (_("Current position set:"), ", ".join(result.positions_set), messages.INFO),
    ]
    for label, listed, level in reports:
        if listed:
            # Names are escaped here; only the links, built by format_html_join, are HTML.
            messages.add_message(request, level, format_html("{} {}", label, listed))
    if result.rejected:
        messages.warning(
            request,
            ngettext(
                "%(count)d line not imported: see below.",
                "%(count)d lines not imported: see below.",
                len(result.rejected),
            )
            % {"count": len(result.rejected)},
        )


def _linked(admin_site, request, model, rows):
    """Each row's name, linked to its change page when the officer may change it (the
    organisations are created unclassified, for the Secretariat to classify)."""
    if not rows:
        return ""
    model_admin = admin_site._registry.get(model)
    if model_admin is None or not model_admin.has_change_permission(request):
        return ", ".join(_label(row) for row in rows)
    opts = model._meta
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]),
                _label(row),
            )
            for row in rows
        ),
    )


def _label(row):
    country = getattr(row, "country", None)
    return f"{row.name}, {country.name}" if country else row.name
