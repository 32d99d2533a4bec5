"""Deleting rows in the meeting workspace: a row with the rows that depend on it, in one save.

An agenda item's interventions, key figures and events mentioned refer to it (PROTECT), and so
may a decision or a document. Django's inline formsets refuse deleting a row that anything still
refers to, and delete each formset's rows in turn, parents before their children: ticking an
agenda item and its interventions was refused, and took two saves.

Here the whole page is looked at once:
- a row may be deleted when everything that refers to it is deleted in the same save, or is
  changed in it to refer elsewhere; otherwise the page comes back saying what still refers to
  it, and, where that is only what is nested in it, offers to delete those with it
  (`DELETE_WITH` below, or ticking them);
- the rows are deleted before any other row is saved (so a row deleted frees its place: the
  person it recorded can be recorded again, its number taken), each before the rows it refers
  to; a row that something on the page stops referring to is deleted after the saves, when
  nothing refers to it any more.
"""

from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import router
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import InlineForeignKeyField
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from base.record.protection import rows_linking_to

# Posted with a row's delete box: delete what is nested in it too.
DELETE_WITH = "DELETE_WITH"


class DeferredDeletionsMixin:
    """For the workspace's formsets: a deleted row is deleted after every formset is saved
    (`delete_deferred`), and a deletion still refused is said on the page."""

    def delete_existing(self, obj, commit=True):
        if not commit:
            return super().delete_existing(obj, commit=commit)
        if obj.pk in getattr(self, "deleted_ahead", ()):
            return
        if not hasattr(self, "deferred_deletions"):
            self.deferred_deletions = []
        _keep_relations(obj, self._form_instances().get(obj.pk))
        self.deferred_deletions.append(obj)

    def _form_instances(self):
        return {form.instance.pk: form.instance for form in self.initial_forms}

    def clean(self):
        super().clean()
        blocked = [form for form in self.forms if getattr(form, "deletion_blocked", None)]
        if blocked:
            raise ValidationError(
                ngettext(
                    "A row cannot be deleted as it is: see the row.",
                    "%(count)d rows cannot be deleted as they are: see the rows.",
                    len(blocked),
                )
                % {"count": len(blocked)},
                code="deleting_protected",
            )


def _keep_relations(obj, shown):
    """`obj` (the row as read for its deletion) keeps the rows it refers to as the page read
    them: its name, written in the admin's log after every deletion, may name a row deleted
    before it in the same save (an intervention names its agenda item)."""
    if shown is None:
        return
    for field in obj._meta.concrete_fields:
        if field.many_to_one and field.is_cached(shown):
            if getattr(obj, field.attname) == getattr(shown, field.attname):
                field.set_cached_value(obj, field.get_cached_value(shown))


def without_protected_check(form_class):
    """The form of an inline without Django's own check of a deletion, form by form: the
    workspace checks deletions for the whole page (`check_deletions`)."""
    return type(form_class.__name__, (form_class,), {"hand_clean_DELETE": lambda self: None})


def _ticked(form, name):
    return bool(form.data.get(form.add_prefix(name)))


def _every_form(formsets):
    for formset in formsets:
        for form in formset.forms:
            if form.instance.pk is not None:
                yield formset, form


def check_deletions(formsets):
    """Before the formsets are validated: rows whose delete box asks for what is nested in them
    (and new rows removed) get those ticked too, and each row to delete that something kept
    still refers to is marked `deletion_blocked` with what refers to it."""
    for formset in formsets:
        for form in formset.forms:
            # A new row removed takes its new nested rows with it: they cannot be without it.
            with_nested = _ticked(form, DELETE_WITH) or form.instance.pk is None
            if _ticked(form, DELETION_FIELD_NAME) and with_nested:
                for nested in getattr(form, "nested_formsets", []):
                    for child in nested.forms:
                        _tick(nested, child)
    rows = {(type(form.instance), form.instance.pk): form for _fs, form in _every_form(formsets)}
    deleted = {key for key, form in rows.items() if _ticked(form, DELETION_FIELD_NAME)}
    for key in deleted:
        form = rows[key]
        kept = [obj for obj in _referring_rows(form.instance) if (type(obj), obj.pk) not in deleted]
        still = [obj for obj in kept if not _unlinked(rows, obj, form.instance)]
        # Pointed elsewhere on this page: deleted once that is saved.
        form.deletion_waits = bool(kept)
        if still:
            nested = {
                (type(child.instance), child.instance.pk)
                for formset in getattr(form, "nested_formsets", [])
                for child in formset.forms
            }
            form.deletion_blocked = [_label(obj) for obj in still]
            form.deletion_blocked_by_nested_only = all(
                (type(obj), obj.pk) in nested for obj in still
            )


def _tick(formset, form):
    key = form.add_prefix(DELETION_FIELD_NAME)
    for data in {id(formset.data): formset.data, id(form.data): form.data}.values():
        data[key] = "on"


def _referring_rows(instance):
    """The rows that would stop `instance` from being deleted: those referring to it (PROTECT)
    and those linked to it by a many-to-many field (base.record.protection)."""
    collector = NestedObjects(using=router.db_for_write(type(instance)))
    collector.collect([instance])
    return [*collector.protected, *rows_linking_to(instance)]


def _unlinked(rows, obj, target):
    """Whether the page changes `obj` to refer no longer to `target`."""
    form = rows.get((type(obj), obj.pk))
    if form is None:
        return False
    for field in obj._meta.concrete_fields:
        if not (field.many_to_one and field.related_model is type(target)):
            continue
        if getattr(obj, field.attname) != target.pk:
            continue
        shown = form.fields.get(field.name)
        # Not on the page (a row shown as a line), or the row's parent (an inline's foreign
        # key, which the formset sets whatever is posted): it still refers to it.
        if shown is None or isinstance(shown, InlineForeignKeyField):
            return False
        name = form.add_prefix(field.name)
        if shown.widget.value_omitted_from_data(form.data, form.files, name):
            return False
        posted = shown.widget.value_from_datadict(form.data, form.files, name)
        if str(posted or "") == str(target.pk):
            return False
    return True


def _label(obj):
    return _("%(kind)s “%(row)s”") % {"kind": capfirst(obj._meta.verbose_name), "row": obj}


def delete_ahead(formsets):
    """Before the formsets are saved: delete the rows ticked for deletion, each before the rows
    it refers to, but for those that wait for a row on the page to stop referring to them."""
    forms = [
        (formset, form)
        for formset in formsets
        if formset.is_bound
        for form in formset.deleted_forms
        if form.instance.pk is not None and not getattr(form, "deletion_waits", False)
    ]
    by_model = {}
    for formset, form in forms:
        by_model.setdefault(type(form.instance), []).append((formset, form))
    order = referrers_first(by_model)
    for model in order:
        # Read afresh: the row as it is, not as the form's data changed it.
        rows = model._base_manager.in_bulk([form.instance.pk for _fs, form in by_model[model]])
        for formset, form in by_model[model]:
            obj = rows.get(form.instance.pk)
            if obj is None:
                continue
            _keep_relations(obj, form.instance)
            if not hasattr(formset, "deleted_ahead"):
                formset.deleted_ahead = set()
            formset.deleted_ahead.add(obj.pk)  # before delete(), which forgets it
            obj.delete()


def delete_deferred(formsets):
    """After the formsets are saved: delete what they deferred (the rows that waited), each
    before the rows it refers to."""
    rows = []
    for formset in formsets:
        numbers = getattr(formset, "numbers_before_deletion", {})
        for obj in getattr(formset, "deferred_deletions", []):
            if obj.pk in numbers:  # moved out of the way of renumbered rows: kept as it was
                setattr(obj, formset.sortable_field_name, numbers[obj.pk])
            rows.append(obj)
    order = referrers_first({type(obj) for obj in rows})
    for obj in sorted(rows, key=lambda obj: order.index(type(obj))):
        obj.delete()


def referrers_first(models):
    """`models` in an order where a model comes before every model it refers to."""
    remaining, ordered = set(models), []
    while remaining:
        ready = sorted(
            (
                model
                for model in remaining
                if not any(other is not model and _refers_to(other, model) for other in remaining)
            ),
            key=lambda model: model._meta.label,
        )
        if not ready:  # a cycle: the rest in any stable order
            ready = sorted(remaining, key=lambda model: model._meta.label)
        ordered += ready
        remaining -= set(ready)
    return ordered


def _refers_to(model, target):
    return any(field.many_to_one and field.related_model is target for field in model._meta.fields)
