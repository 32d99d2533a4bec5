"""The admin's history, made trustworthy for every model that has one (`HistoryAdminMixin`):

- every change form takes an optional "Reason for this change", kept as simple_history's
  `history_change_reason` of the row and of every row saved with it (inline, nested, deleted);
- the history page says what changed in words (base.audit.history), and shows a reason only
  if given;
- the revert page lists what differs between that version and the current one.
"""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .history import Comparison, Labels

REASON_FIELD = "history_change_reason"
REASON_MAX_LENGTH = 100  # simple_history's column


def _with_reason(form_class):
    return type(
        form_class.__name__,
        (form_class,),
        {
            REASON_FIELD: forms.CharField(
                label=_("Reason for this change"),
                max_length=REASON_MAX_LENGTH,
                required=False,
                help_text=_("Optional. Shown in the history next to this change."),
            )
        },
    )


def give_the_requests_reason(sender, history_instance, **kwargs):
    """A history row recorded while a change form is saved takes the reason given in it, unless
    the row has its own (a restore's "Restored")."""
    request = getattr(HistoricalRecords.context, "request", None)
    reason = getattr(request, "history_change_reason", "")
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason


class HistoryAdminMixin:
    """For a SimpleHistoryAdmin: the reason field, the history in words, the revert comparison."""

    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"
    history_list_per_page = 50

    # The reason field -------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = _with_reason(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": _without_reason(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, (None, {"fields": [REASON_FIELD], "classes": ["change-reason"]})]

    def save_model(self, request, obj, form, change):
        # Every history row the rest of this request records (the inline rows, those nested in
        # them, their deletions) takes the reason: see `give_the_requests_reason`.
        request.history_change_reason = self._reason(request, form)
        super().save_model(request, obj, form, change)

    def _reason(self, request, form):
        reason = form.cleaned_data.get(REASON_FIELD, "").strip()
        reverted_to = getattr(request, "_history_reverted_to", None)
        if not reason and reverted_to is not None:
            reason = _("Reverted to the version of %(date)s") % {"date": reverted_to}
        return reason[:REASON_MAX_LENGTH]

    # The history page --------------------------------------------------------------------------

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each entry's changes from the version before it, in words, labels fetched at once."""
        records = list(historical_records)
        if not records:
            return
        # The oldest entry of a page is compared with the newest of the next page.
        older = records[1:] + [records[-1].prev_record]
        comparisons = []
        for record, previous in zip(records, older, strict=True):
            if record.history_type != "~":
                continue
            if previous is None:
                record.history_unknown_before = True
            else:
                comparisons.append((record, Comparison(self.model, previous, record)))
        labels = Labels()
        for _record, comparison in comparisons:
            comparison.want(labels)
        labels.resolve()
        for record, comparison in comparisons:
            record.history_compared = True
            record.history_delta_changes = comparison.changes(labels)

    # The revert page ---------------------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = self.model.history.model
        pk_name = self.model._meta.pk.attname
        version = history.objects.filter(**{pk_name: object_id, "history_id": version_id}).first()
        current = self.model._base_manager.filter(pk=object_id).first()
        context = {"differences": None, "object_is_deleted": current is None}
        if version is not None and current is not None:
            comparison = Comparison(self.model, version, current)
            labels = Labels()
            comparison.want(labels)
            context["differences"] = comparison.changes(labels.resolve())
            request._history_reverted_to = formats.date_format(
                timezone.localtime(version.history_date), "DATETIME_FORMAT"
            )
        context.update(extra_context or {})
        return super().history_form_view(request, object_id, version_id, context)


def _without_reason(fields):
    return [field for field in fields if field != REASON_FIELD]
