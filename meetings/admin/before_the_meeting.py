"""The meeting's page before the meeting: its date as far as it is known, typed in one box
("14 November 2019", or "November 2019" while the day is not known: stored as the month's first
day), and the "Before the meeting" fieldset (announced, cancelled, draft agenda ready to
circulate, answers accepted until). What an announcement shows is meetings.planned_meetings'."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from base.record.partial_date_input import PartialDateFormMixin
from base.record.partial_dates import DatePrecision, PartialDate, format_partial_date
from meetings.calendar_entries import calendar_changes, entry_label
from meetings.models import MEETING_DATE_PRECISIONS

KNOWN_TO = [precision for precision, _label in MEETING_DATE_PRECISIONS]

FIELDSETS = [
    (None, {"fields": ["number", "title", "slug", "date", "city", "occasion", "chair", "status"]}),
    (
        _("Before the meeting"),
        {
            "fields": [
                "announced",
                "cancelled",
                "agenda_circulated",
                "draft_agenda",
                "registration_deadline",
            ],
            "description": _(
                "An announced meeting is shown to everyone as planned (its date as far as it is "
                "known, its city and its occasion, and its draft agenda once ready to circulate) "
                "on the home page, the meetings list and the calendar, while the rest of its "
                "record stays a draft. Type its date as “November 2019” while its day is not "
                "known; typing the day confirms it everywhere."
            ),
        },
    ),
]


class MeetingForm(PartialDateFormMixin, forms.ModelForm):
    """The meeting's own fields; its date and the precision it is known to, in one box."""

    partial_dates = {"date": "date_precision"}

    def clean(self):
        cleaned_data = super().clean()
        typed = cleaned_data.get("date")
        if not isinstance(typed, PartialDate) or typed.date is None:
            return cleaned_data
        examples = {
            "day": format_partial_date(typed.date, DatePrecision.DAY),
            "month": format_partial_date(typed.date, DatePrecision.MONTH),
        }
        if typed.precision not in KNOWN_TO:
            self.add_error(
                "date",
                gettext(
                    "A meeting's date is known to the day or to the month: type “%(day)s”, or "
                    "“%(month)s” while the day is not known."
                )
                % examples,
            )
        elif typed.precision != DatePrecision.DAY and self.instance.is_published:
            self.add_error(
                "date",
                gettext(
                    "A published meeting's record has its day: type it (“%(day)s”), or return "
                    "the meeting to draft first."
                )
                % examples,
            )
        return cleaned_data


class BeforeTheMeetingAdminMixin:
    """For the meeting's ModelAdmin: the form and the fieldsets above, and what the draft
    agenda an announcement shows holds."""

    form = MeetingForm
    fieldsets = FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if "draft_agenda" in readonly else [*readonly, "draft_agenda"]

    @admin.display(description=_("draft agenda shown"))
    def draft_agenda(self, obj):
        """What the announcement's draft agenda shows (the change list's count annotates it)."""
        count = getattr(obj, "agenda_item_count", 0) if obj is not None and obj.pk else 0
        if not obj or not obj.agenda_circulated:
            return gettext("None: not yet ready to circulate.")
        if count == 0:
            return gettext(
                "No agenda yet: the announcement says so until agenda items are added below."
            )
        return ngettext(
            "The agenda item below, its number and title.",
            "The %(count)s agenda items below, their numbers and titles.",
            count,
        ) % {"count": count}


def name_plans_left_beside(model_admin, request, meeting):
    """After a save of an announced meeting that has its own calendar entry: the entries that
    could be its plan, left as they are beside it (as publishing's confirmation names them), so
    the officer can remove the one the meeting replaces."""
    if meeting.is_published or not meeting.announced:
        return
    for event in calendar_changes([meeting])[meeting.pk].others:
        model_admin.message_user(
            request,
            gettext(
                "The calendar also holds “%(entry)s”, which could be this meeting's plan: it is "
                "left as it is, beside the meeting's own entry. Delete it if it is this meeting."
            )
            % {"entry": entry_label(event)},
            messages.WARNING,
        )
