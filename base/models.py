"""The one table of the foundations, which fixture rows `load_record` has loaded; and the columns
every history of the portal adds to its table (the save that wrote the row; the links of a
deleted row with many-to-many links)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit.saves import current_save


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


class PortalHistory(models.Model):
    """The base of the history of every model of the portal (`HistoricalRecords(bases=
    [PortalHistory])`): each row says which save wrote it (base.audit.saves), so that what one save
    deleted is listed and restored together (base.audit.recently_deleted). Empty on rows written
    before it was kept: those are grouped by the time they were deleted, as they were then."""

    history_save = models.UUIDField(
        _("save"), null=True, blank=True, editable=False, db_index=True, default=current_save
    )

    class Meta:
        abstract = True


class KeepsLinksWhenDeleted(PortalHistory):
    """A base for the history of a model with many-to-many fields (`HistoricalRecords(bases=
    [KeepsLinksWhenDeleted])`): the deletion's row keeps the links the row had, {field: [pks]},
    which the history does not otherwise track, so that restoring it loses nothing
    (base.audit.recently_deleted)."""

    history_links = models.JSONField(_("links when deleted"), default=dict, blank=True)

    class Meta:
        abstract = True
