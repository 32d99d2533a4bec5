"""The state of what an admin change page edits, and the differences between two states in words.

The state is the object's fields and many-to-many links, and every row of its inlines (nested
inlines included), as plain JSON values keyed "<model label>:<pk>", so that a state read now
equals one carried in a page since. Reading it costs one query for the object and one per
inline, plus one per many-to-many field of either: never one per row.
"""

import datetime
import decimal
import uuid

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

EMPTY = "(empty)"


def edit_state(model_admin, request, object_id, lock=False, inlines=True):
    """{"<model label>:<pk>": {field name: value}} for the object and (unless `inlines` is
    False) its inline rows, in plain JSON values; None if there is no such object."""
    model = model_admin.model
    try:
        pk = model._meta.pk.to_python(object_id)
    except ValidationError:
        return None
    rows = model._default_manager.filter(pk=pk)
    state = _read_rows(model, rows, lock)
    if not state:
        return None
    if inlines:
        _read_inlines(model_admin, request, model, rows, lock, state)
    return state


def _read_inlines(admin, request, parent_model, parent_rows, lock, state):
    # get_inline_instances() keeps the inlines this user may see, as the page itself does; a
    # nested inline (django-nested-admin) has them too.
    for inline in admin.get_inline_instances(request, None):
        fk = _foreign_key(inline, parent_model)
        rows = inline.model._default_manager.filter(**{f"{fk.name}__in": parent_rows.values("pk")})
        _read_rows(inline.model, rows, lock, state, exclude=fk.name)
        if getattr(inline, "inlines", None):
            _read_inlines(inline, request, inline.model, rows, lock, state)


def _foreign_key(inline, parent_model):
    opts = inline.model._meta
    if inline.fk_name:
        return opts.get_field(inline.fk_name)
    (fk,) = [
        field
        for field in opts.fields
        if field.many_to_one and issubclass(parent_model, field.related_model)
    ]
    return fk


def edited_fields(model, exclude=None):
    """The fields a form can change: (concrete fields, forward many-to-many fields)."""
    concrete = [
        field
        for field in model._meta.fields
        if field.editable and not field.primary_key and field.name != exclude
    ]
    many = [field for field in model._meta.many_to_many if field.editable]
    return concrete, many


def _read_rows(model, rows, lock, state=None, exclude=None):
    state = {} if state is None else state
    concrete, many = edited_fields(model, exclude)
    query = rows.order_by("pk").values("pk", *(field.attname for field in concrete))
    if lock:
        query = query.select_for_update()
    label = model._meta.label_lower
    keys = {}
    for values in query:
        pk = values.pop("pk")
        key = keys[str(pk)] = f"{label}:{pk}"
        state[key] = {field.name: _plain(values[field.attname]) for field in concrete}
        state[key].update({field.name: [] for field in many})
    for field in many:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = through._default_manager.filter(**{f"{source}__in": rows.values("pk")})
        for source_pk, target_pk in links.order_by(target).values_list(source, target):
            key = keys.get(str(source_pk))
            if key is not None:
                state[key][field.name].append(_plain(target_pk))
    return state


def _plain(value):
    """A value as JSON keeps it, so a state read now equals one signed into a page earlier."""
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        return str(value)
    return value


# The changes, in words ---------------------------------------------------------------------------


def python_value(model, name, value):
    """A plain value of the state as the model field holds it (a date, a list of pks...)."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        target = field.related_model._meta.pk
        return [target.to_python(pk) for pk in value]
    return field.to_python(value)


def describe_changes(before, after, also_yours=frozenset()):
    """One line per row changed, added or removed, the object itself first. `also_yours`: the
    (row key, field name) the officer changed too, so the form keeps their value."""
    keys = list(dict.fromkeys([*before, *after]))
    names = _Names(before, after, keys)
    lines = []
    for index, key in enumerate(keys):
        model = names.model(key)
        if key not in before:
            lines.append(
                _("%(kind)s added: %(row)s")
                % {"kind": capfirst(model._meta.verbose_name), "row": names.row(key)}
            )
        elif key not in after:
            lines.append(
                _("%(kind)s removed: %(row)s")
                % {"kind": capfirst(model._meta.verbose_name), "row": names.fields(key, before)}
            )
        else:
            changed = [
                name
                for name in before[key]
                if name in after[key] and before[key][name] != after[key][name]
            ]
            if not changed:
                continue
            differences = "; ".join(
                f"{names.field_label(model, name)}: "
                f"{names.value(model, name, before[key][name])} → "
                f"{names.value(model, name, after[key][name])}"
                + (
                    _(" (you changed it too: the form keeps yours)")
                    if (key, name) in also_yours
                    else ""
                )
                for name in changed
            )
            if index == 0:  # the object the page is about
                lines.append(capfirst(differences))
            else:
                lines.append(
                    _("%(kind)s %(row)s: %(differences)s")
                    % {
                        "kind": capfirst(model._meta.verbose_name),
                        "row": names.row(key),
                        "differences": differences,
                    }
                )
    return lines


class _Names:
    """The words for the values and rows of a change: related rows fetched once per model."""

    def __init__(self, before, after, keys):
        self._models = {}
        for key in keys:
            label = key.rsplit(":", 1)[0]
            self._models.setdefault(label, apps.get_model(label))
        related = {}
        for key in keys:
            model = self.model(key)
            for values in (before.get(key, {}), after.get(key, {})):
                for name, value in values.items():
                    field = model._meta.get_field(name)
                    if field.is_relation and value not in (None, []):
                        pks = value if isinstance(value, list) else [value]
                        related.setdefault(field.related_model, set()).update(pks)
        self._labels = {
            model: {str(pk): str(obj) for pk, obj in model._base_manager.in_bulk(pks).items()}
            for model, pks in related.items()
        }
        existing = {}
        for key in keys:
            if key in after:
                existing.setdefault(self.model(key), []).append(key.rsplit(":", 1)[1])
        # select_related(): a row's name often names its relations (a person at a meeting).
        self._rows = {
            model: {
                str(pk): str(obj)
                for pk, obj in model._base_manager.select_related().in_bulk(pks).items()
            }
            for model, pks in existing.items()
        }

    def model(self, key):
        return self._models[key.rsplit(":", 1)[0]]

    def row(self, key):
        label, pk = key.rsplit(":", 1)
        return f"“{self._rows.get(self._models[label], {}).get(pk, pk)}”"

    def fields(self, key, state):
        model = self.model(key)
        return "; ".join(
            f"{self.field_label(model, name)}: {self.value(model, name, value)}"
            for name, value in state[key].items()
            if value not in (None, "", [])
        )

    @staticmethod
    def field_label(model, name):
        return str(model._meta.get_field(name).verbose_name)

    def value(self, model, name, value):
        field = model._meta.get_field(name)
        if value in (None, "", []):
            return EMPTY
        if field.is_relation:
            labels = self._labels.get(field.related_model, {})
            values = value if isinstance(value, list) else [value]
            return ", ".join(
                labels.get(str(pk), _("deleted row %(pk)s") % {"pk": pk}) for pk in values
            )
        if field.flatchoices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if not isinstance(value, str):
            return formats.localize(value)
        if not isinstance(field.to_python(value), str):  # a date, a decimal: kept as text
            return formats.localize(field.to_python(value))
        return f"“{Truncator(value).chars(80)}”"


def last_change(before, after):
    """(who, when) of the latest change between the two states, from the rows' histories (one
    query per model changed); who is None when unknown; None if no history tells."""
    changed = {
        key
        for key in {*before, *after}
        if key not in before or key not in after or before[key] != after[key]
    }
    by_model = {}
    for key in changed:
        label, pk = key.rsplit(":", 1)
        by_model.setdefault(label, []).append(pk)
    latest = None
    for label, pks in by_model.items():
        model = apps.get_model(label)
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "filter"):
            continue
        record = (
            history.filter(**{f"{model._meta.pk.attname}__in": pks})
            .select_related("history_user")
            .order_by("-history_date")
            .first()
        )
        if record is not None and (latest is None or record.history_date > latest.history_date):
            latest = record
    if latest is None:
        return None
    user = latest.history_user.get_username() if latest.history_user else None
    when = formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
    return user, when
