"""The change history in words: "field: before → after", "(empty)" for nothing, and each foreign key
by the label of the row it points at, or "(deleted: <label>)" from that row's own history.

Never "None", never "Deleted person (pk=None)". Labels are fetched in bulk (`Labels`), so a page
listing many changes makes the same number of queries as one listing a few.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.utils import formats
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from base.record.partial_dates import format_partial_date

TEXT_SHOWN = 240  # characters of a long text shown on each side of the arrow


def empty():
    return _("(empty)")


def history_model(model):
    """The historical model simple_history made for `model`, or None."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def tracked_fields(model):
    """The fields a historical row copies, the primary key apart (and those its history leaves
    out, such as a kept visibility, which is derived)."""
    history = getattr(model, "history", None)
    left_out = getattr(getattr(history, "model", None), "_history_excluded_fields", None) or ()
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in left_out
    ]


def references(model):
    """The foreign keys of `model` (a historical row keeps their `<name>_id` as a plain value)."""
    return [field for field in tracked_fields(model) if field.many_to_one]


def changed_fields(model, before, after):
    """The fields whose values differ between two rows (historical or current) of `model`."""
    return [
        field
        for field in tracked_fields(model)
        if getattr(before, field.attname) != getattr(after, field.attname)
    ]


class _QueryBlocked(Exception):
    pass


def _block(execute, sql, params, many, context):
    raise _QueryBlocked


def quiet_str(obj):
    """str(obj) without any query: a __str__ that needs a row not already at hand (an
    attendance names its person) gives the model's name and number instead of a query per row."""
    try:
        with connection.execute_wrapper(_block):
            return str(obj)
    except (_QueryBlocked, ObjectDoesNotExist):
        return f"{capfirst(obj._meta.verbose_name)} {obj.pk}"


def _label_relations(model):
    """Foreign keys two levels deep, for the __str__ of a row that names its relations."""
    names = []
    for field in references(model):
        names.append(field.name)
        names += [f"{field.name}__{inner.name}" for inner in references(field.related_model)]
    return names


class Labels:
    """The rows foreign keys point at, fetched in bulk: `want()` each, `resolve()` once, then
    `label()`. Current rows come with one query per model; rows deleted since, from their latest
    historical version (one more query per model), which is then labelled "(deleted: …)"."""

    ROUNDS = 2  # a deleted row's own references are fetched in a second round, not further

    def __init__(self):
        self._wanted = defaultdict(set)
        self._current = {}
        self._deleted = {}

    def want(self, model, pk):
        if pk is not None and (model, pk) not in self._current and (model, pk) not in self._deleted:
            self._wanted[model].add(pk)

    def want_references(self, model, row):
        for field in references(model):
            self.want(field.related_model, getattr(row, field.attname))

    def resolve(self):
        for _round in range(self.ROUNDS):
            wanted, self._wanted = self._wanted, defaultdict(set)
            for model, pks in wanted.items():
                found = (
                    model._base_manager.select_related(*_label_relations(model))
                    .filter(pk__in=pks)
                    .in_bulk()
                )
                self._current.update({(model, pk): obj for pk, obj in found.items()})
                missing = pks - found.keys()
                if missing:
                    self._find_deleted(model, missing)
            if not self._wanted:
                break
        return self

    def _find_deleted(self, model, pks):
        history = history_model(model)
        if history is None:
            return
        pk_name = model._meta.pk.attname
        rows = history.objects.filter(**{f"{pk_name}__in": pks}).order_by(
            pk_name, "-history_date", "-history_id"
        )
        for row in rows:
            key = (model, getattr(row, pk_name))
            if key not in self._deleted:
                self._deleted[key] = row
                self.want_references(model, row)

    def instance(self, model, row, depth=2):
        """A historical row's instance, its foreign keys filled with the rows fetched here (those
        deleted too, as they were, `depth` levels deep)."""
        instance = row.instance
        for field in references(model):
            key = (field.related_model, getattr(row, field.attname))
            related = self._current.get(key)
            if related is None and key in self._deleted and depth > 0:
                related = self.instance(field.related_model, self._deleted[key], depth - 1)
            if related is not None:
                field.set_cached_value(instance, related)
        return instance

    def label(self, model, pk):
        if pk is None:
            return empty()
        if (model, pk) in self._current:
            return quiet_str(self._current[(model, pk)])
        if (model, pk) in self._deleted:
            label = quiet_str(self.instance(model, self._deleted[(model, pk)]))
            return _("(deleted: %(label)s)") % {"label": label}
        return _("(deleted: %(model)s %(pk)s)") % {"model": model._meta.verbose_name, "pk": pk}


def _precision_field(model, field):
    """The field giving a partial date's precision (`due_date` → `due_precision`), if any."""
    names = {f.name for f in model._meta.concrete_fields}
    for name in (f"{field.name.removesuffix('_date')}_precision", "date_precision"):
        if name in names:
            return name
    return None


def display(model, field, row, labels):
    """One field of a row, in words."""
    value = getattr(row, field.attname)
    if value is None or value == "":
        return empty()
    if field.many_to_one:
        return labels.label(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        precision = _precision_field(model, field)
        if precision and getattr(row, precision):
            return format_partial_date(value, getattr(row, precision))
        return formats.date_format(value)
    return Truncator(str(value)).chars(TEXT_SHOWN)


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str

    def __str__(self):
        return f"{self.field}: {self.before} → {self.after}"


class Comparison:
    """The differences between two rows of `model` (historical or current), in words once the
    labels are resolved: `want()` for every comparison of a page, `labels.resolve()`, then
    `changes()`."""

    def __init__(self, model, before, after):
        self.model, self.before, self.after = model, before, after
        self.fields = changed_fields(model, before, after)

    def want(self, labels):
        for field in self.fields:
            if field.many_to_one:
                labels.want(field.related_model, getattr(self.before, field.attname))
                labels.want(field.related_model, getattr(self.after, field.attname))

    def changes(self, labels):
        return [
            Change(
                capfirst(field.verbose_name),
                display(self.model, field, self.before, labels),
                display(self.model, field, self.after, labels),
            )
            for field in self.fields
        ]
