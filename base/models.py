"""The one table of the foundations, which fixture rows `load_record` has loaded; and a column
the history of rows with many-to-many links adds to its table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoadedFixtureRow(models.Model):
    """A row of fixtures/ that `load_record` has loaded once, so it never brings it back after
    the Secretariat deletes it."""

    model = models.CharField(_("model"), max_length=100, help_text=_("e.g. partners.person"))
    object_pk = models.CharField(_("primary key"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("loaded fixture row")
        verbose_name_plural = _("loaded fixture rows")
        constraints = [
            models.UniqueConstraint(fields=["model", "object_pk"], name="base_loaded_once"),
        ]

    def __str__(self):
        return f"{self.model} {self.object_pk}"


class KeepsLinksWhenDeleted(models.Model):
    """A base for the history of a model with many-to-many fields (`HistoricalRecords(bases=
    [KeepsLinksWhenDeleted])`): the deletion's row keeps the links the row had, {field: [pks]},
    which the history does not otherwise track, so that restoring it loses nothing
    (base.recently_deleted)."""

    history_links = models.JSONField(_("links when deleted"), default=dict, blank=True)

    class Meta:
        abstract = True
