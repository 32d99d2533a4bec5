"""Pathfinder countries (and regional bodies) and the dated milestones of their journey."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliance87.partial_dates import DatePrecision, format_partial_date, precision_check
from alliance87.slugs import SlugFromMixin


class CountryKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    REGIONAL_BODY = "regional_body", _("Regional body")


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ARAB_STATES = "arab_states", _("Arab States")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE_CENTRAL_ASIA = "europe_central_asia", _("Europe and Central Asia")


class Stage(models.TextChoices):
    """A pathfinder's milestones, in the order of the journey; the stage is the furthest reached."""

    INTENTION_ANNOUNCED = "intention_announced", _("Intention announced")
    EXPRESSION_OF_INTEREST = "expression_of_interest", _("Expression of interest")
    WORKSHOP_SCHEDULED = "workshop_scheduled", _("Strategic planning workshop scheduled")
    WORKSHOP_HELD = "workshop_held", _("Strategic planning workshop held")
    ROADMAP = "roadmap", _("Roadmap")
    PROGRESS_REPORT = "progress_report", _("Progress report")

    @classmethod
    def rank(cls, value):
        return cls.values.index(value) + 1

    @classmethod
    def from_rank(cls, rank):
        return cls(cls.values[rank - 1]) if rank else None


STAGE_RANK = models.Case(
    *[models.When(milestones__kind=value, then=Stage.rank(value)) for value in Stage.values],
    output_field=models.IntegerField(),
)


class CountryQuerySet(models.QuerySet):
    def with_stage(self):
        """Annotate `stage_rank`: the furthest milestone reached (None for no milestone)."""
        return self.annotate(stage_rank=models.Max(STAGE_RANK))

    def with_stage_visible_to(self, user):
        """`with_stage()` counting only milestones the user may see: drafts' are for staff."""
        if user.is_staff:
            return self.with_stage()
        from meetings.models import MeetingStatus  # a local import: meetings' models refer to ours

        published = models.Q(milestones__source_meeting__status=MeetingStatus.PUBLISHED)
        return self.annotate(stage_rank=models.Max(STAGE_RANK, filter=published))

    def at_stage(self, stage):
        return self.with_stage().filter(stage_rank=Stage.rank(stage))


class Country(SlugFromMixin, models.Model):
    """A country, or a regional body such as the African Union, as the GCG's record names it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CountryKind, default=CountryKind.COUNTRY
    )
    region = models.CharField(_("region"), max_length=30, choices=Region, blank=True)

    objects = CountryQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country or regional body")
        verbose_name_plural = _("countries and regional bodies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CountryKind.values),
                name="pathfinders_country_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(region__in=[*Region.values, ""]),
                name="pathfinders_country_region_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pathfinders:country_detail", kwargs={"slug": self.slug})

    @property
    def stage(self):
        """The stage from a `with_stage()` annotation; never stored, so never typed twice."""
        return Stage.from_rank(getattr(self, "stage_rank", None))


class Milestone(models.Model):
    """A step on a country's pathfinder journey, dated as precisely as the source allows."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="milestones"
    )
    kind = models.CharField(_("milestone"), max_length=30, choices=Stage)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Leave empty when the source gives none.")
    )
    date_precision = models.CharField(
        _("date known to the"), max_length=20, choices=DatePrecision, blank=True
    )
    source_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("reported at"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    source_agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
    )
    source_intervention = models.ForeignKey(
        "meetings.Intervention",
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Stage.values), name="pathfinders_milestone_kind_valid"
            ),
            precision_check("date", "date_precision"),
            models.UniqueConstraint(
                fields=["country", "kind", "source_meeting"],
                name="pathfinders_milestone_once_per_source",
            ),
        ]

    def __str__(self):
        return f"{self.country}: {self.get_kind_display()}"

    def clean(self):
        """Its sources agree: the agenda item and the intervention are the meeting's."""
        errors = {}
        if self.source_meeting_id and self.source_agenda_item_id:
            if self.source_agenda_item.meeting_id != self.source_meeting_id:
                errors["source_agenda_item"] = _("This agenda item belongs to another meeting.")
        if self.source_intervention_id:
            item = self.source_intervention.agenda_item
            if self.source_meeting_id and item.meeting_id != self.source_meeting_id:
                errors["source_intervention"] = _("This intervention was made at another meeting.")
            elif self.source_agenda_item_id and item.pk != self.source_agenda_item_id:
                errors["source_intervention"] = _(
                    "This intervention was made under another agenda item."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)
