"""The Alliance's action groups; their updates and outputs are the interventions and documents
that concern them, so nothing is recorded twice."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import KeepsLinksWhenDeleted
from base.record.slugs import SlugFromMixin
from base.record.visibility import KeptVisibility, VisibleQuerySet


class ActionGroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NOT_LAUNCHED = "not_launched", _("Not yet launched")


class ActionGroup(SlugFromMixin, KeptVisibility):
    """One of the Alliance's thematic action groups."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionGroupStatus)
    leads = models.ManyToManyField(
        "partners.Organization",
        verbose_name=_("lead organisations"),
        blank=True,
        related_name="led_action_groups",
    )
    description = models.TextField(_("description"), blank=True)

    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords(
        bases=[KeepsLinksWhenDeleted], excluded_fields=["visible_to_visitors"]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("action group")
        verbose_name_plural = _("action groups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActionGroupStatus.values),
                name="actiongroups_actiongroup_status_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:action_group_detail", kwargs={"slug": self.slug})
