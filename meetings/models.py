"""The record of GCG meetings: agenda, who said what, attendance, decisions, documents, events,
and the GCG's offices over time.

Every model here hangs off meetings and says how, once, in `meeting_paths`: `visible_to(user)`
(base.record.visibility) hides what hangs off a draft from everyone but staff.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import KeepsLinksWhenDeleted, PortalHistory
from base.record.choice_labels import choice_label
from base.record.partial_dates import (
    MONTH_PRECISIONS,
    YEAR_PRECISIONS,
    DatePrecision,
    format_partial_date,
    has_passed,
    last_day,
    precision_check,
)
from base.record.slugs import SlugFromMixin
from base.record.visibility import (
    PublicationStatus,
    Publishable,
    VisibleQuerySet,
    seen_by_visitors,
)
from base.web.slug_urls import slug_url
from meetings.file_types import BY_CONTENT_TYPE

from .document_files import DocumentFileField, record_file_facts
from .ordinals import meeting_ordinal
from .validators import SameMeetingMixin

# The meeting page lists this many participants of each mode; its report, all of them.
ATTENDANCES_SHOWN = 60
# How precisely a planned meeting's date may be known: its day, or only its month.
MEETING_DATE_PRECISIONS = [
    (DatePrecision.DAY, DatePrecision.DAY.label),
    (DatePrecision.MONTH, DatePrecision.MONTH.label),
]


def announced_meetings(path=""):
    """The condition on the meetings at `path` ("" for meetings themselves, "meeting" for an
    event's) that are planned meetings (meetings.planned_meetings): announced to everyone while
    their record is still the Secretariat's draft. Published, a meeting is part of the record,
    no longer a plan."""
    prefix = f"{path}__" if path else ""
    return models.Q(**{f"{prefix}announced": True}) & ~models.Q(
        **{f"{prefix}status": PublicationStatus.PUBLISHED}
    )


def _rows_of_the_meeting(model):
    """How many rows of `model` the meeting has, as a value of each meeting."""
    rows = model.objects.filter(meeting=models.OuterRef("pk")).order_by().values("meeting")
    counted = rows.annotate(count=models.Count("pk")).values("count")
    return Coalesce(models.Subquery(counted), 0)


class MeetingQuerySet(VisibleQuerySet):
    def announced(self):
        """The planned meetings: announced, their record not yet published. What anyone may see
        of them is meetings.planned_meetings'; the rest of their record stays with staff
        (`visible_to`)."""
        return self.filter(announced_meetings())

    def with_counts(self):
        """Annotate `agenda_item_count` and `participant_count` for a list of meetings: each
        counted by a subquery on its own table (a join of both counted every item times every
        participant of every meeting, and the list's paginator counted that again)."""
        return self.annotate(
            agenda_item_count=_rows_of_the_meeting(AgendaItem),
            participant_count=_rows_of_the_meeting(Attendance),
        )

    def for_detail(self):
        """The meeting as its page shows it, with its chair, and how many attended in each mode
        (`in_person_count`, `remote_count`), for meeting_page.shown_attendances to fetch the first
        ATTENDANCES_SHOWN of each; its parts are meeting_parts.attach_parts'."""
        counts = {
            f"{mode}_count": models.Count("attendances", filter=models.Q(attendances__mode=mode))
            for mode in AttendanceMode.values
        }
        return self.select_related("chair").annotate(**counts)

    def for_report(self, emails):
        """The meeting as its printable report shows it, with its participants in their order,
        each one's `shown_emails` the rows of `emails`, the addresses the reader may read
        (`EmailAddress.objects.shown_to(user)`), so no other address reaches the report; its
        parts are meeting_parts.attach_parts'."""
        attendances = Attendance.objects.select_related("person", "organization").order_by(
            "position", "pk"
        )
        return self.prefetch_related(
            models.Prefetch("attendances", queryset=attendances, to_attr="shown_attendances"),
            models.Prefetch("shown_attendances__person__emails", emails, to_attr="shown_emails"),
        )


class Meeting(Publishable, SlugFromMixin, models.Model):
    """A meeting of the Global Coordinating Group."""

    slug_source = "title"

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    date = models.DateField(_("date"))
    city = models.CharField(_("city"), max_length=100)
    occasion = models.TextField(
        _("occasion"), blank=True, help_text=_("What the meeting was held alongside, and why.")
    )
    chair = models.ForeignKey(
        "partners.Person",
        verbose_name=_("chaired by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_chaired",
    )
    # Before the meeting (issue 21): planned, its day perhaps not yet known, announced to all
    # while its record is still the Secretariat's draft.
    date_precision = models.CharField(
        _("date known to the"),
        max_length=20,
        choices=MEETING_DATE_PRECISIONS,
        default=DatePrecision.DAY,
        help_text=_(
            "“Month” for a meeting planned for a month whose day is not yet known (the date is "
            "then the month's first day). A meeting's record is published with its day."
        ),
    )
    announced = models.BooleanField(
        _("announced"),
        default=False,
        help_text=_(
            "Shown to everyone as a planned meeting (its date, city and occasion) on the home "
            "page, the meetings list and the calendar, while its record is still a draft."
        ),
    )
    agenda_circulated = models.BooleanField(
        _("draft agenda ready to circulate"),
        default=False,
        help_text=_("The announced meeting's page shows its draft agenda."),
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("The meeting will not take place: invitees can no longer answer."),
    )
    registration_deadline = models.DateTimeField(
        _("answers accepted until"),
        null=True,
        blank=True,
        help_text=_("Invitees may answer and change their answer until then (UTC)."),
    )

    objects = MeetingQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["-date"]
        # The lists that show the newest meetings first (the meetings, the follow-ups) read them
        # in this order instead of sorting every meeting of the record.
        indexes = [models.Index(fields=["-date", "-number"], name="meeting_newest_first")]
        get_latest_by = "date"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PublicationStatus.values),
                name="meetings_meeting_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="meetings_meeting_number_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(date_precision__in=[p for p, _label in MEETING_DATE_PRECISIONS]),
                name="meetings_meeting_date_precision_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=PublicationStatus.PUBLISHED)
                | models.Q(date_precision=DatePrecision.DAY),
                name="meetings_meeting_published_with_its_day",
                violation_error_message=_("A meeting's record is published with its day."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # reverse("meetings:detail", kwargs={"slug": self.slug}), built without reversing the
        # pattern at each call: a meeting page links its meeting from every agenda item.
        return slug_url("meetings:detail", self.slug)

    def clean(self):
        super().clean()
        if (
            self.date is not None
            and self.date_precision == DatePrecision.MONTH
            and self.date.day != 1
        ):
            raise ValidationError(
                {
                    "date": _(
                        "A date known only to the month is kept as the month's first day "
                        "(%(first)s): give the day if it is known."
                    )
                    % {"first": format_partial_date(self.date.replace(day=1), DatePrecision.DAY)}
                }
            )

    @cached_property
    def in_person_attendances(self):
        """Of the attendances the report fetched (`shown_attendances`, MeetingQuerySet.for_report),
        those in person, in their order."""
        return [a for a in self.shown_attendances if a.mode == AttendanceMode.IN_PERSON]

    @cached_property
    def remote_attendances(self):
        """Of the attendances a page fetched (`shown_attendances`), those remote, in order."""
        return [a for a in self.shown_attendances if a.mode == AttendanceMode.REMOTE]

    @property
    def when(self):
        """ "14 November 2019", or "November 2019" while its day is not known (also
        planned_meetings.PlannedMeeting's)."""
        return format_partial_date(self.date, self.date_precision)

    @property
    def short_label(self):
        """ "5th meeting": what the labels of the meeting's parts start with, unique by number;
        plain text, "5e réunion", "5.ª reunión"."""
        return gettext("%(ordinal)s meeting") % {"ordinal": meeting_ordinal(self.number)}


class Objective(models.Model):
    """One of the purposes a meeting set itself."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="objectives"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("objective"))

    meeting_paths = ("meeting",)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="meetings_objective_unique_position"
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="meetings_objective_text_given"
            ),
        ]

    def __str__(self):
        return self.text


class AgendaItem(models.Model):
    """A numbered item of a meeting's agenda, with the report's account of it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    narrative = models.TextField(
        _("narrative"), blank=True, help_text=_("What the report says of the item as a whole.")
    )

    meeting_paths = ("meeting",)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="meetings_agendaitem_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="meetings_agendaitem_number_positive"
            ),
        ]

    def __str__(self):
        # Names the meeting: item 2 of the 5th and of the 6th meeting must read differently.
        return f"{self.meeting.short_label} · {self.number_and_title}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#{self.anchor}"

    @property
    def number_and_title(self):
        return f"{self.number}. {self.title}"

    @property
    def anchor(self):
        return f"item-{self.number}"


class InterventionKind(models.TextChoices):
    PRESENTATION = "presentation", _("Presentation")
    INTERVENTION = "intervention", _("Intervention")
    RESPONSE = "response", _("Response")
    ANNOUNCEMENT = "announcement", _("Announcement")


class Intervention(models.Model):
    """Who took the floor under an agenda item, for whom, and a faithful summary of it."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    speaker = models.ForeignKey(
        "partners.Person",
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        help_text=_("Only where the report names the speaker."),
    )
    on_behalf_of = models.ManyToManyField(
        "partners.Organization",
        verbose_name=_("also on behalf of"),
        blank=True,
        related_name="interventions_on_behalf",
    )
    speaking_as = models.CharField(
        _("speaking as"),
        max_length=100,
        blank=True,
        help_text=_("A role the report gives the speaker, e.g. Chair or Deputy Chair."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=InterventionKind, default=InterventionKind.INTERVENTION
    )
    summary = models.TextField(_("summary"))
    countries = models.ManyToManyField(
        "partners.Country",
        verbose_name=_("countries concerned"),
        blank=True,
        related_name="interventions",
    )
    action_groups = models.ManyToManyField(
        "actiongroups.ActionGroup",
        verbose_name=_("action groups concerned"),
        blank=True,
        related_name="interventions",
    )

    meeting_paths = ("agenda_item__meeting",)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords(bases=[KeepsLinksWhenDeleted])

    class Meta:
        ordering = ["agenda_item", "position"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "position"], name="meetings_intervention_unique_position"
            ),
            models.CheckConstraint(
                condition=~models.Q(summary=""), name="meetings_intervention_summary_given"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=InterventionKind.values),
                name="meetings_intervention_kind_valid",
            ),
        ]

    def __str__(self):
        # The position makes it unique: an organisation may take the floor twice under one item.
        return f"{self.agenda_item} · {self.position}. {self.organization.short_name}"

    def get_absolute_url(self):
        return f"{self.agenda_item.meeting.get_absolute_url()}#{self.anchor}"

    def clean(self):
        """The speaker belongs to the organisation that took the floor, or to the same body."""
        if not (self.speaker_id and self.organization_id):
            return
        spoke_for = {self.organization_id, self.organization.parent_id} - {None}
        belongs_to = {self.speaker.organization_id, self.speaker.organization.parent_id} - {None}
        if not spoke_for & belongs_to:
            raise ValidationError(
                {
                    "speaker": _(
                        "%(person)s belongs to %(organization)s, neither this organisation nor "
                        "part of the same body. Choose the organisation they spoke for."
                    )
                    % {"person": self.speaker, "organization": self.speaker.organization}
                }
            )

    @property
    def anchor(self):
        return f"intervention-{self.pk}"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote")


class Attendance(models.Model):
    """A person's attendance at a meeting, with the organisation as the list gives it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="attendances"
    )
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    listed_as = models.CharField(
        _("listed as"),
        max_length=200,
        blank=True,
        help_text=_("The organisation exactly as the participants list prints it."),
    )
    # The person's job title as the list gives it for this meeting; `position` below is the
    # row's order in the list, not a job title.
    position_held = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person's position (job title) as the participants list gives it for this meeting."
        ),
    )
    mode = models.CharField(
        _("attended"), max_length=20, choices=AttendanceMode, default=AttendanceMode.IN_PERSON
    )
    position = models.PositiveSmallIntegerField(_("order in the list"), default=0)

    meeting_paths = ("meeting",)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["meeting", "mode", "position", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="meetings_attendance_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=models.Q(mode__in=AttendanceMode.values),
                name="meetings_attendance_mode_valid",
            ),
        ]

    def __str__(self):
        return gettext("%(person)s at %(meeting)s") % {
            "person": self.person,
            "meeting": self.meeting,
        }


class ActionPointKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    FOLLOW_UP = "follow_up", _("Follow-up")


class ActionPointStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActionPointStatus.OPEN, ActionPointStatus.IN_PROGRESS)
CLOSED_STATUSES = (ActionPointStatus.DONE, ActionPointStatus.DROPPED)


def due_passed(today):
    """The SQL twin of `has_passed` on the due date: the whole period it can mean is over.
    Partial dates are stored as the first day of their period (see `_still_to_come`)."""
    return (
        models.Q(due_precision__in=[DatePrecision.DAY, ""], due_date__lt=today)
        | models.Q(due_precision__in=MONTH_PRECISIONS, due_date__lt=today.replace(day=1))
        | models.Q(due_precision__in=YEAR_PRECISIONS, due_date__lt=today.replace(month=1, day=1))
    )


class ActionPointQuerySet(VisibleQuerySet):
    def for_list(self):
        """What a list of follow-ups shows of each: its meeting, agenda item and owners (a list,
        `listed_owners`: a prefetched manager makes a queryset for every row)."""
        return self.select_related(
            "meeting", "agenda_item", "closed_at", "carried_over_to"
        ).prefetch_related(models.Prefetch("owners", to_attr="listed_owners"))

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_passed(today), status__in=OPEN_STATUSES)

    def arising_at(self, meeting):
        """The follow-ups still open, as they stood when `meeting` was held, from the meetings
        before it: decided at an earlier meeting and not closed before its date. Each is
        annotated `closed_here` (`meeting` closed it) and `carried_here` (it carried it over)."""
        return (
            self.filter(meeting__date__lt=meeting.date)
            .filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=meeting.date))
            .annotate(
                closed_here=models.ExpressionWrapper(
                    models.Q(closed_at=meeting.pk), output_field=models.BooleanField()
                ),
                carried_here=models.ExpressionWrapper(
                    models.Q(carried_over_to=meeting.pk), output_field=models.BooleanField()
                ),
            )
            .for_list()
            .order_by("meeting__date", "meeting__number", "position", "pk")
        )


class ActionPoint(SameMeetingMixin, models.Model):
    """What a meeting agreed or asked for: by or for whom, due when, and whether it was done."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="action_points"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
    )
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("arising from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=ActionPointKind)
    text = models.TextField(_("what was agreed or asked"))
    owners = models.ManyToManyField(
        "partners.Organization",
        verbose_name=_("owners"),
        blank=True,
        related_name="action_points",
        help_text=_("Who is to do it, where the report says."),
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    due_precision = models.CharField(
        _("due date known to the"), max_length=20, choices=DatePrecision, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionPointStatus, default=ActionPointStatus.OPEN
    )
    # How a follow-up is carried from meeting to meeting (the "Matters arising" of each meeting
    # page and the admin's "Mark done" and "Carry over" actions). A closed one records the day
    # and, where a meeting noted it, that meeting; so "open when meeting M was held" is
    # "decided before M and not closed before M's date", read from these columns alone.
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_(
            "The day it was recorded done or dropped. Left empty, it is the closing meeting's "
            "date, or the day the status was changed to done or dropped."
        ),
    )
    closed_at = models.ForeignKey(
        Meeting,
        verbose_name=_("closed at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closed_action_points",
        help_text=_("The later meeting that noted it done or dropped, where one did."),
    )
    carried_over_to = models.ForeignKey(
        Meeting,
        verbose_name=_("carried over at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_over_action_points",
        help_text=_(
            "The latest meeting that reviewed it and kept it open: it stays open, and arises "
            "again at the meetings after that one until it is closed."
        ),
    )
    countries = models.ManyToManyField(
        "partners.Country",
        verbose_name=_("countries concerned"),
        blank=True,
        related_name="action_points",
    )
    action_groups = models.ManyToManyField(
        "actiongroups.ActionGroup",
        verbose_name=_("action groups concerned"),
        blank=True,
        related_name="action_points",
    )

    meeting_paths = ("meeting",)
    same_meeting_fields = ("meeting", "agenda_item", "intervention")
    objects = ActionPointQuerySet.as_manager()

    history = HistoricalRecords(bases=[KeepsLinksWhenDeleted])

    class Meta:
        ordering = ["meeting", "position", "pk"]
        # The follow-ups list walks the meetings newest first and each meeting's follow-ups in
        # order, stopping at the page's end (with meeting_newest_first).
        indexes = [models.Index(fields=["meeting", "position", "id"], name="followup_in_order")]
        verbose_name = _("decision or follow-up")
        verbose_name_plural = _("decisions and follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ActionPointKind.values),
                name="meetings_actionpoint_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ActionPointStatus.values),
                name="meetings_actionpoint_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="meetings_actionpoint_text_given"
            ),
            precision_check("due_date", "due_precision"),
            models.CheckConstraint(
                # Written as two implications, so that an unknown status breaks only
                # meetings_actionpoint_status_valid, whichever constraint a database checks first.
                condition=(
                    ~models.Q(status__in=CLOSED_STATUSES) | models.Q(closed_on__isnull=False)
                )
                & (
                    models.Q(status__in=CLOSED_STATUSES)
                    | models.Q(closed_on__isnull=True, closed_at__isnull=True)
                ),
                name="meetings_actionpoint_closed_when_done_or_dropped",
                violation_error_message=_(
                    "Only a follow-up done or dropped has a closing day and meeting, and it has "
                    "a closing day."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(closed_at=models.F("meeting")),
                name="meetings_actionpoint_closed_at_a_later_meeting",
            ),
            models.CheckConstraint(
                condition=~models.Q(carried_over_to=models.F("meeting")),
                name="meetings_actionpoint_carried_over_at_a_later_meeting",
            ),
        ]

    def __str__(self):
        return f"{self.meeting.short_label} · {self.position}. {self.text[:80]}"

    def save(self, *args, **kwargs):
        self.set_closing()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"decision-{self.pk}"

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    def set_closing(self, today=None):
        """Keep the closing columns in step with the status, whichever form changed it: a
        follow-up done or dropped is closed on its closing meeting's date, or today; reopened,
        it is closed nowhere."""
        if not self.is_closed:
            self.closed_on = self.closed_at = None
        elif self.closed_at is not None:
            self.closed_on = self.closed_at.date
        elif self.closed_on is None:
            # Never before the decision, should a meeting be recorded ahead of its date.
            self.closed_on = max(today or timezone.localdate(), self.meeting.date)

    def clean(self):
        """Nothing is due before the meeting that agreed it, nor closed or carried over at a
        meeting before it (and see SameMeetingMixin)."""
        super().clean()
        errors = {}
        if self.meeting_id and self.due_date:
            # A partial date is due by the last day it can mean, e.g. 31 December for "2019".
            due_by = last_day(self.due_date, self.due_precision or DatePrecision.DAY)
            if due_by < self.meeting.date:
                errors["due_date"] = _("It cannot be due before the meeting that agreed it.")
        if self.meeting_id:
            # Before the constraints are checked: a form that changes the status alone (the
            # list's, the workspace's) leaves the closing columns to follow it.
            self.set_closing()
            errors.update(self._closing_errors())
        if errors:
            raise ValidationError(errors)

    def _closing_errors(self):
        decided = self.meeting.date
        errors = {}
        if self.closed_at is not None:
            if self.closed_at.date <= decided:
                errors["closed_at"] = _(
                    "It can only be closed at a meeting held after the one that decided it."
                )
        elif self.closed_on is not None and self.closed_on < decided:
            errors["closed_on"] = _("It cannot be closed before the meeting that decided it.")
        if self.carried_over_to is not None:
            if self.carried_over_to.date <= decided:
                errors["carried_over_to"] = _(
                    "It can only be carried over at a meeting held after the one that decided it."
                )
        return errors

    # A status that ages: computed when read from the stored status and today's date, never
    # stored, so it is right on the day the period ends without anyone editing the record.
    CLOSED_STATUSES = CLOSED_STATUSES

    def is_overdue(self, today=None):
        """Still open or in progress once the whole period it was due in is over (`has_passed`:
        "end of August 2019" is overdue from 1 September 2019). Done or dropped is never overdue;
        nothing due when, never overdue."""
        return self.status not in CLOSED_STATUSES and has_passed(
            self.due_date, self.due_precision, today
        )

    @property
    def display_status(self):
        """The status as every page and the admin's list show it: "Overdue", or the stored one."""
        return _("Overdue") if self.is_overdue() else choice_label(self, "status")

    @property
    def status_style(self):
        """The badge's style, `badge-<status_style>`: "overdue" or the stored status."""
        return "overdue" if self.is_overdue() else self.status


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Report")
    GUIDANCE = "guidance", _("Guidance")
    PAPER = "paper", _("Paper")
    STRATEGY = "strategy", _("Strategy")
    TOOLKIT = "toolkit", _("Toolkit")
    WORK_PLAN = "work_plan", _("Work plan")
    DECLARATION = "declaration", _("Declaration or statement")
    BRIEFING = "briefing", _("Briefing package")
    OTHER = "other", _("Other")


class Document(SameMeetingMixin, SlugFromMixin, models.Model):
    """A document the record names: presented, approved, launched or announced."""

    slug_source = "title"

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind)
    url = models.URLField(_("link"), blank=True)
    file = DocumentFileField(_("file"), blank=True)
    # What the uploaded file was, recorded when it is uploaded (meetings.document_files).
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    file_type = models.CharField(_("file type"), max_length=100, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, editable=False)
    description = models.TextField(_("what the record says of it"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date known to the"), max_length=20, choices=DatePrecision, blank=True
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("named at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    organizations = models.ManyToManyField(
        "partners.Organization", verbose_name=_("by"), blank=True, related_name="documents"
    )
    countries = models.ManyToManyField(
        "partners.Country",
        verbose_name=_("countries concerned"),
        blank=True,
        related_name="documents",
    )
    action_groups = models.ManyToManyField(
        "actiongroups.ActionGroup",
        verbose_name=_("action groups concerned"),
        blank=True,
        related_name="documents",
    )

    # The meeting's briefing pack (issue 21, invitations.briefing_pack): its place in the pack,
    # and whether it is still a draft there, for the Secretariat alone.
    briefing_pack_position = models.PositiveSmallIntegerField(
        _("place in the briefing pack"),
        null=True,
        blank=True,
        help_text=_("Its order in the meeting's briefing pack; empty: not in the pack."),
    )
    briefing_pack_draft = models.BooleanField(
        _("draft in the pack"),
        default=False,
        help_text=_(
            "A draft stays with the Secretariat: it is left out of the pack others download."
        ),
    )

    meeting_paths = ("meeting", "agenda_item__meeting")
    # A draft in the briefing pack stays with the Secretariat, on every page (visibility.py).
    draft_flag = "briefing_pack_draft"
    same_meeting_fields = ("meeting", "agenda_item")
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords(bases=[KeepsLinksWhenDeleted])

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values),
                name="meetings_document_kind_valid",
            ),
            precision_check("date", "date_precision"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        record_file_facts(self)
        super().save(*args, **kwargs)

    @property
    def file_label(self):
        """The kind of the uploaded file, as a reader knows it ("PDF", "Word")."""
        file_type = BY_CONTENT_TYPE.get(self.file_type)
        return file_type.label if file_type else ""


class EventKind(models.TextChoices):
    GCG_MEETING = "gcg_meeting", _("GCG meeting")
    ALLIANCE = "alliance", _("Alliance 8.7 event")
    EXTERNAL = "external", _("Outside event")


class EventStatus(models.TextChoices):
    HELD = "held", _("Held")
    CONFIRMED = "confirmed", _("Confirmed")
    PLANNED = "planned", _("Planned")
    TO_BE_CONFIRMED = "to_be_confirmed", _("Dates to be confirmed")


def _still_to_come(today):
    """Events whose end (or start) can still be today or later, at the precision known.

    Partial dates are stored as the first day of their period, so "the period's last day is
    today or later" is "the stored date is on or after the first day of today's period".
    """
    periods = [
        ([DatePrecision.DAY], today),
        (MONTH_PRECISIONS, today.replace(day=1)),
        (YEAR_PRECISIONS, today.replace(month=1, day=1)),
    ]
    condition = models.Q()
    for precisions, first_day in periods:
        condition |= models.Q(date_precision__in=precisions) & (
            models.Q(end_date__gte=first_day)
            | models.Q(end_date__isnull=True, start_date__gte=first_day)
        )
    return condition


def _entry_of_an_announced_meeting():
    """The calendar entry of a planned meeting (meetings.calendar_entries keeps it in step with
    the meeting's announced facts), unless it was mentioned at a draft."""
    return announced_meetings("meeting") & (
        models.Q(mentioned_at__isnull=True)
        | models.Q(mentioned_at__meeting__status=PublicationStatus.PUBLISHED)
    )


class EventQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """The rule of the record (base.record.visibility), and one more entry for anyone: a
        planned meeting's, which shows what its announcement shows (its title, date, city and
        occasion), and nothing else of its draft."""
        if user.is_staff:
            return self
        return self.filter(seen_by_visitors(Event) | _entry_of_an_announced_meeting())

    def for_calendar(self):
        """With the action groups and countries each event concerns, as lists
        (`listed_action_groups`, `listed_countries`): a prefetched manager makes a queryset for
        every row."""
        return self.select_related("meeting", "mentioned_at__meeting").prefetch_related(
            models.Prefetch("action_groups", to_attr="listed_action_groups"),
            models.Prefetch("countries", to_attr="listed_countries"),
        )

    def in_calendar_order(self, today):
        """Upcoming events first, soonest first; then past events, most recent first.

        Annotates `is_upcoming`, so one ordered query (and one paginator) serves both parts.
        """
        is_upcoming = models.Case(
            models.When(_still_to_come(today), then=True),
            default=False,
            output_field=models.BooleanField(),
        )
        # The two others read `is_upcoming`: the condition is built (and resolved) once, not thrice.
        return (
            self.annotate(is_upcoming=is_upcoming)
            .annotate(
                upcoming_start=models.Case(
                    models.When(is_upcoming=True, then="start_date"),
                    default=None,
                    output_field=models.DateField(),
                ),
                past_end=models.Case(
                    models.When(is_upcoming=True, then=None),
                    default=Coalesce("end_date", "start_date"),
                    output_field=models.DateField(),
                ),
            )
            .order_by("-is_upcoming", "upcoming_start", "-past_end", "title", "pk")
        )


class Event(SlugFromMixin, models.Model):
    """An entry in the GCG's calendar: its own meetings and the outside events it takes part in."""

    slug_source = "title"

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind, default=EventKind.EXTERNAL)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus, default=EventStatus.CONFIRMED
    )
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"), null=True, blank=True)
    date_precision = models.CharField(
        _("dates known to the"), max_length=20, choices=DatePrecision, default=DatePrecision.DAY
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    description = models.TextField(_("what the record says of it"), blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("GCG meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Where the event is itself a GCG meeting."),
    )
    mentioned_at = models.ForeignKey(
        AgendaItem,
        verbose_name=_("mentioned under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_mentioned",
    )
    action_groups = models.ManyToManyField(
        "actiongroups.ActionGroup",
        verbose_name=_("action groups concerned"),
        blank=True,
        related_name="events",
    )
    countries = models.ManyToManyField(
        "partners.Country",
        verbose_name=_("countries concerned"),
        blank=True,
        related_name="events",
    )

    # An event that is a draft meeting, or was mentioned at one, is for staff only.
    meeting_paths = ("meeting", "mentioned_at__meeting")
    objects = EventQuerySet.as_manager()

    history = HistoricalRecords(bases=[KeepsLinksWhenDeleted])

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name="meetings_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=EventStatus.values),
                name="meetings_event_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(date_precision__in=DatePrecision.values),
                name="meetings_event_date_precision_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="meetings_event_ends_after_start",
            ),
            # A meeting is on the calendar once: publishing brings its entry up to date
            # (meetings.calendar_entries), never adds a second.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(meeting__isnull=False),
                name="meetings_event_one_per_meeting",
                violation_error_message=_(
                    "This meeting is already on the calendar: change its entry instead."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    # Its status is what a meeting's report said before the event. Once the event's dates are
    # over, anything but "Held" is no longer a plan (nobody records every event's outcome): it is
    # shown as what it was, dated by the meeting that reported it. Computed when read, never
    # stored. The pages that show it select `mentioned_at__meeting` with the event.
    def has_taken_place(self, today=None):
        """Its end (or its start, with no end) is over, at the precision it is known: an event
        of "November 2019" has taken place from 1 December 2019 on (as `in_calendar_order`'s
        upcoming/past split)."""
        return has_passed(self.end_date or self.start_date, self.date_precision, today)

    def is_status_as_reported(self, today=None):
        """Its status was a plan ("Planned", "Confirmed", "Dates to be confirmed") and its dates
        are over: the status is only what the record said then."""
        return self.status != EventStatus.HELD and self.has_taken_place(today)

    @property
    def is_cancelled(self):
        """The entry of a meeting the Secretariat cancelled: the meeting says so, not the entry
        (the pages that show it select `meeting` with the event, or read it with
        record_html.EVENT_SHOWN_WITH)."""
        return self.meeting_id is not None and self.meeting.cancelled

    @property
    def display_status(self):
        """The status as every page and the admin's list show it: "Cancelled" for a cancelled
        meeting's entry; the stored one, or, once the event is over and not recorded as held,
        "Planned, as reported on 17 July 2019"."""
        if self.is_cancelled:
            return _("Cancelled")
        status = choice_label(self, "status")
        if not self.is_status_as_reported():
            return status
        if self.mentioned_at_id is None:
            return _("%(status)s, as last recorded") % {"status": status}
        return _("%(status)s, as reported on %(date)s") % {
            "status": status,
            "date": format_partial_date(self.mentioned_at.meeting.date, DatePrecision.DAY),
        }

    @property
    def status_style(self):
        """The badge's style, `badge-<status_style>`: "cancelled", "as-reported" or the stored
        status."""
        if self.is_cancelled:
            return "cancelled"
        return "as-reported" if self.is_status_as_reported() else self.status


class KeyFigureQuerySet(VisibleQuerySet):
    def with_source(self):
        return self.select_related("agenda_item__meeting", "reported_by")

    def latest_reported(self, meetings):
        """The figures of the most recent of `meetings` that reported any, in the report's order."""
        latest = (
            meetings.filter(agenda_items__key_figures__isnull=False)
            .order_by("-date", "-number")
            .values("pk")[:1]
        )
        return self.filter(agenda_item__meeting=models.Subquery(latest)).order_by(
            "agenda_item__number", "position", "pk"
        )


class KeyFigure(models.Model):
    """A figure reported at a meeting (partners, mailing list, Delta 8.7 use), with its source."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("reported under"),
        on_delete=models.PROTECT,
        related_name="key_figures",
    )
    reported_by = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_figures",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    value = models.PositiveIntegerField(_("value"))
    at_least = models.BooleanField(
        _("at least"), default=False, help_text=_("The report says 'over' this value.")
    )
    label = models.CharField(_("what it counts"), max_length=300)

    meeting_paths = ("agenda_item__meeting",)
    objects = KeyFigureQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["agenda_item", "position", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.value} {self.label}"


class Office(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy Chair")


class OfficeTermQuerySet(VisibleQuerySet):
    def holders(self):
        """Each office's current holder and the one before it, from one query:
        [{"office": Office, "term": OfficeTerm, "previous": OfficeTerm or None}]."""
        terms = list(self.select_related("country", "person"))
        holders = []
        for office in Office:
            held = [term for term in terms if term.office == office]
            current = [term for term in held if term.end_date is None]
            ended = sorted((t for t in held if t.end_date is not None), key=lambda t: t.end_date)
            if current:
                holders.append(
                    {
                        "office": office,
                        "term": current[-1],
                        "previous": ended[-1] if ended else None,
                    }
                )
        return holders


class OfficeTerm(models.Model):
    """A country holding one of the GCG's offices, from when to when as far as the record says."""

    office = models.CharField(_("office"), max_length=20, choices=Office)
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="office_terms",
    )
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("represented by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_terms",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    start_precision = models.CharField(
        _("from: known to the"), max_length=20, choices=DatePrecision, blank=True
    )
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_precision = models.CharField(
        _("until: known to the"), max_length=20, choices=DatePrecision, blank=True
    )
    source_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("recorded at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_terms",
    )

    meeting_paths = ("source_meeting",)
    objects = OfficeTermQuerySet.as_manager()

    # The tables keep the names they had when office terms belonged to the partners app.
    history = HistoricalRecords(bases=[PortalHistory], table_name="partners_historicalofficeterm")

    class Meta:
        db_table = "partners_officeterm"
        ordering = ["office", "start_date", "pk"]
        verbose_name = _("office term")
        verbose_name_plural = _("office terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(office__in=Office.values),
                name="partners_officeterm_office_valid",
            ),
            precision_check("start_date", "start_precision"),
            precision_check("end_date", "end_precision"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="partners_officeterm_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_office_display()}: {self.country}"


class FollowupDigestSent(models.Model):
    """A follow-up digest e-mailed (meetings.followup_digest): the same digest goes to the same
    address at most once a day, however often the command runs."""

    recipient = models.EmailField(_("sent to"), max_length=254)
    sent_on = models.DateField(_("sent on"))
    content_hash = models.CharField(_("content fingerprint"), max_length=64)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("follow-up digest sent")
        verbose_name_plural = _("follow-up digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "sent_on", "content_hash"],
                name="meetings_followupdigestsent_once_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} {self.sent_on}"
