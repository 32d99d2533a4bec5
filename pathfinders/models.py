"""The pathfinder journey: each country's (or regional body's) dated milestones, and the stage
they reach, derived, never stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import PortalHistory
from base.record.partial_dates import DatePrecision, precision_check
from base.record.visibility import VisibleQuerySet
from meetings.validators import SameMeetingMixin


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


def _stage_rank():
    return models.Case(
        *[models.When(kind=value, then=Stage.rank(value)) for value in Stage.values],
        output_field=models.IntegerField(),
    )


class MilestoneQuerySet(VisibleQuerySet):
    def furthest_rank(self):
        """The rank of the furthest of these milestones' stages, as a one-value subquery."""
        return models.Subquery(
            self.annotate(rank=_stage_rank()).order_by("-rank").values("rank")[:1],
            output_field=models.IntegerField(),
        )

    def furthest_rank_of_each_country(self):
        """The rank of each country's furthest stage among these milestones, one per country
        (a grouped query: how many countries are at each stage, without a subquery a country)."""
        by_country = self.order_by().values("country")
        return by_country.annotate(furthest=models.Max(_stage_rank())).values_list(
            "furthest", flat=True
        )


def with_stage(countries, user):
    """Annotate `stage_rank`: the furthest stage of the milestones `user` may see (None for none).

    Read it with `Stage.from_rank(country.stage_rank)`, or the `stage` template filter.
    """
    milestones = Milestone.objects.visible_to(user).filter(country=models.OuterRef("pk"))
    return countries.annotate(stage_rank=milestones.furthest_rank())


class Milestone(SameMeetingMixin, models.Model):
    """A step on a country's pathfinder journey, dated as precisely as the source allows."""

    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="milestones",
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

    meeting_paths = ("source_meeting",)
    same_meeting_fields = ("source_meeting", "source_agenda_item", "source_intervention")
    objects = MilestoneQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory])

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
