"""No silent overwrite: a change form saved after someone else changed its record is refused.

Optimistic locking without a version column. When a change page is rendered, the state of what
it edits (base.admin.edit_state: the object and every row of its inlines) is signed into a hidden
field. On save, inside the save's transaction and with those rows locked (`SELECT ... FOR
UPDATE` where the database has it), the state is read again. If it differs, the save is refused;
the form comes back with an error at the top saying what changed (field: before → after, rows
added and removed, by whom and when), with the other officer's changes taken into it wherever
this officer had left the field alone (base.admin.stale_form_merge), and with the current state, so
that a deliberate second save goes through.

The state travels in the page rather than a hash of it, so the refusal can say what changed;
it is signed, so a forged one is refused like a stale one.
"""

from django.contrib.admin.utils import unquote
from django.core import signing
from django.db import router, transaction
from django.forms import ChoiceField, ModelChoiceField
from django.utils.translation import gettext as _

from .edit_state import EMPTY, describe_changes, edit_state, last_change
from .refused_form import refused
from .stale_form_merge import merge_their_changes

STATE_FIELD = "_edit_state"
SALT = "base.admin_concurrency"
_REQUEST_ATTRIBUTE = "_edit_state_check"


class OptimisticLockingAdminMixin:
    """For a ModelAdmin: refuses a save made from a page opened before someone else's save."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or object_id is None or "_saveasnew" in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The check and the save share one transaction: the rows stay locked until the commit.
        with transaction.atomic(using=router.db_for_write(self.model)):
            current = edit_state(self, request, unquote(object_id), lock=True)
            refusal = self._refusal(request, object_id, current)
            setattr(request, _REQUEST_ATTRIBUTE, (self.model, current, refusal))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's revert page: a form too, of the object alone."""
        extra_context = dict(extra_context or {})
        with transaction.atomic(using=router.db_for_write(self.model)):
            post = request.method == "POST"
            current = edit_state(self, request, unquote(object_id), lock=post, inlines=False)
            if post:
                refusal = self._refusal(request, object_id, current)
                setattr(request, _REQUEST_ATTRIBUTE, (self.model, current, refusal))
            if current is not None:
                extra_context["edit_state_field"] = STATE_FIELD
                extra_context["edit_state"] = signing.dumps(current, salt=SALT, compress=True)
            return super().history_form_view(request, object_id, version_id, extra_context)

    def _refusal(self, request, object_id, current):
        """The lines of the error refusing the save ([] to let it go through)."""
        token = request.POST.get(STATE_FIELD)
        if current is None or token is None:
            # No state posted: not a page of this admin (our pages always carry it), so there is
            # nothing to compare with. A missing object is the admin's own "does not exist".
            return []
        try:
            opened = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            return [
                _("Not saved: the page’s record of what you opened cannot be read."),
                _("Reload the page, then make your changes again."),
            ]
        if opened == current:
            return []
        obj = self.get_object(request, unquote(object_id))
        request.POST, yours = merge_their_changes(self, request, obj, opened, current)
        name = self.opts.verbose_name
        by = last_change(opened, current)
        if by is None:
            first = _("Not saved: this %(name)s was changed after you opened this page.")
        elif by[0] is None:
            first = _(
                "Not saved: this %(name)s was changed after you opened this page (on %(when)s)."
            )
        else:
            first = _(
                "Not saved: this %(name)s was changed after you opened this page (by %(who)s on "
                "%(when)s)."
            )
        changes = describe_changes(opened, current, yours) or [_("Something else changed.")]
        return [
            first % {"name": name, "who": by and by[0], "when": by and by[1]}
            + " "
            + _("What changed:"),
            *changes,
            _(
                "The form below now shows these changes, except where you had changed the same "
                "field: there it keeps yours. Rows removed meanwhile are ticked for deletion. "
                "Check it and save again, or reload the page to start from the current %(name)s."
            )
            % {"name": name},
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        model, _current, refusal = getattr(request, _REQUEST_ATTRIBUTE, (None, None, []))
        if model is not self.model or not refusal:
            return form

        return refused(form, refusal)

    def get_changelist_form(self, request, **kwargs):
        return stale_rows_refused(super().get_changelist_form(request, **kwargs))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            model, current, _refusal = getattr(request, _REQUEST_ATTRIBUTE, (None, None, []))
            if model is not self.model:  # the page's first rendering: read the state now
                current = edit_state(self, request, obj.pk)
            if current is not None:
                context["edit_state_field"] = STATE_FIELD
                context["edit_state"] = signing.dumps(current, salt=SALT, compress=True)
        return super().render_change_form(request, context, add, change, form_url, obj)


def stale_rows_refused(form_class):
    """For the list's editable columns: each field also posts the value it showed, so a row the
    officer left alone is not saved over someone else's change (Django's own `has_changed` then
    compares with what was shown), and a field both changed is refused, showing the new value;
    saving again then replaces it."""

    class StaleRowsRefused(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                field.show_hidden_initial = True

        def clean(self):
            cleaned_data = super().clean()
            for name in self.changed_data:
                field = self.fields[name]
                shown_as = self.add_initial_prefix(name)
                shown = self._widget_data_value(field.hidden_widget(), shown_as)
                now = self.get_initial_for_field(field, name)
                if not field.has_changed(now, shown):
                    continue
                self.data = self.data.copy()  # what the next save compares with: now
                self.data[shown_as] = "" if now is None else str(field.prepare_value(now))
                self.add_error(
                    name,
                    _(
                        "Not saved: changed by someone else after you opened this page, to "
                        "%(value)s. Save again to replace it."
                    )
                    % {"value": _in_words(field, now)},
                )
            return cleaned_data

    StaleRowsRefused.__name__ = form_class.__name__
    return StaleRowsRefused


def _in_words(field, value):
    if value in (None, ""):
        return EMPTY
    if isinstance(field, ModelChoiceField):
        return str(field.queryset.filter(pk=value).first() or value)
    if isinstance(field, ChoiceField):
        return str(dict(field.choices).get(value, value))
    return f"“{value}”"
