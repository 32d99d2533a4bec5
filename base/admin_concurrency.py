"""No silent overwrite: a change form saved after someone else changed its record is refused.

Optimistic locking without a version column. When a change page is rendered, the state of what
it edits (the object and every row of its inlines, nested inlines included) is signed into a
hidden field. On save, inside the save's transaction and with those rows locked
(`SELECT ... FOR UPDATE` where the database has it), the state is read again: if it differs, the
save is refused, the form comes back with the officer's input, an error at the top says what
changed (field: before → after, rows added and removed), and the page carries the current state,
so a deliberate second save goes through.

The state itself travels in the page rather than a hash of it, so the refusal can say what
changed; it is signed, so a forged one is refused like a stale one. Reading it costs one query
for the object and one per inline, plus one per many-to-many field of either (never one per row).
"""

import datetime
import decimal
import uuid

from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import formats
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

STATE_FIELD = "_edit_state"
SALT = "base.admin_concurrency"
EMPTY = "(empty)"
_REQUEST_ATTRIBUTE = "_edit_state_check"


class OptimisticLockingAdminMixin:
    """For a ModelAdmin: refuses a save made from a page opened before someone else's save."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or object_id is None or "_saveasnew" in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The check and the save share one transaction: the rows stay locked until the commit.
        with transaction.atomic(using=router.db_for_write(self.model)):
            current = edit_state(self, request, unquote(object_id), lock=True)
            setattr(
                request, _REQUEST_ATTRIBUTE, (self.model, current, self._stale(request, current))
            )
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _stale(self, request, current):
        """What changed since the page was opened, in words ([] if nothing did)."""
        token = request.POST.get(STATE_FIELD)
        if current is None or token is None:
            # No state posted: not a page of this admin (our pages always carry it), so there is
            # nothing to compare with. A missing object is the admin's own "does not exist".
            return []
        try:
            opened = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            return [_("The page’s record of what you opened cannot be read: reload the page.")]
        if opened == current:
            return []
        return describe_changes(opened, current) or [_("Something else changed.")]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        model, _current, changes = getattr(request, _REQUEST_ATTRIBUTE, (None, None, []))
        if model is not self.model or not changes:
            return form
        verbose_name = self.opts.verbose_name
        message = [
            _(
                "Not saved: this %(name)s was changed by someone else after you opened this "
                "page, and saving would have overwritten it. What changed:"
            )
            % {"name": verbose_name},
            *changes,
            _(
                "Your edits are still in the form below, and so are the earlier values of "
                "everything else. Saving again saves the form as it stands: where it still shows "
                "a value from before these changes, that change is undone. Or reload the page to "
                "start from the current %(name)s."
            )
            % {"name": verbose_name},
        ]

        class RefusedAsStale(form):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, message)
                return cleaned_data

        RefusedAsStale.__name__ = form.__name__
        return RefusedAsStale

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            model, current, _changes = getattr(request, _REQUEST_ATTRIBUTE, (None, None, []))
            if model is not self.model:  # the page's first rendering: read the state now
                current = edit_state(self, request, obj.pk)
            if current is not None:
                context["edit_state_field"] = STATE_FIELD
                context["edit_state"] = signing.dumps(current, salt=SALT, compress=True)
        return super().render_change_form(request, context, add, change, form_url, obj)


# The state -------------------------------------------------------------------------------------


def edit_state(model_admin, request, object_id, lock=False):
    """{"<model label>:<pk>": {field name: value}} for the object and its inline rows, in plain
    JSON values; None if there is no such object."""
    model = model_admin.model
    try:
        pk = model._meta.pk.to_python(object_id)
    except ValidationError:
        return None
    rows = model._default_manager.filter(pk=pk)
    state = _read_rows(model, rows, lock)
    if not state:
        return None
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


def describe_changes(before, after):
    """One line per row changed, added or removed, the object itself first."""
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
        from django.apps import apps

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
