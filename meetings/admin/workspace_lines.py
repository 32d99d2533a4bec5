"""The line a saved row of the meeting workspace is shown as, until it is opened: what it is,
its order, Edit, its own page, its delete box (templates/admin/meetings/workspace/row.html draws
the same row open).

Written here with format_html rather than with a template: a long meeting has hundreds of rows,
and the template engine spends a millisecond on each such line, a whole page's budget. Every
value is escaped by format_html; nothing is marked safe by hand.
"""

from django.contrib.admin.utils import quote
from django.forms.formsets import DELETION_FIELD_NAME
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from base.record.partial_dates import format_partial_date
from base.web.html import format_html, format_html_join

from .workspace_rows import COMPACT, row_is_open

_CHOICES = {}


def _shown(obj, name):
    """A choice's label, as get_FOO_display() gives it, without rebuilding the field's choices
    each time: every line shows one or two. (The labels are lazy: each reads in the language
    of the page.)"""
    field = obj._meta.get_field(name)
    if field not in _CHOICES:
        _CHOICES[field] = dict(field.flatchoices)
    value = getattr(obj, name)
    return str(_CHOICES[field].get(value, value))


def _intervention(obj):
    speaker = format_html(" ({})", obj.speaker.name) if obj.speaker_id else ""
    return format_html(
        "<b>{}</b>{} · {}: <span>{}</span>",
        obj.organization.short_name,
        speaker,
        _shown(obj, "kind"),
        Truncator(obj.summary).chars(120),
    )


def _attendance(obj):
    position = format_html(" · {}", obj.position_held) if obj.position_held else ""
    return format_html(
        "<b>{}</b>{} · {} · {}",
        obj.person.name,
        position,
        obj.listed_as or obj.organization.name,
        _shown(obj, "mode"),
    )


def _objective(obj):
    return format_html("<span>{}</span>", Truncator(obj.text).chars(160))


def _key_figure(obj):
    over = format_html("{} ", gettext("over")) if obj.at_least else ""
    source = format_html(" ({})", obj.reported_by.short_name) if obj.reported_by_id else ""
    return format_html("{}{} {}{}", over, obj.value, obj.label, source)


def _event(obj):
    city = format_html(", {}", obj.city) if obj.city else ""
    return format_html(
        "<b>{}</b> · {}{} · {}",
        obj.title,
        format_partial_date(obj.start_date, obj.date_precision, obj.end_date),
        city,
        _shown(obj, "status"),
    )


def _action_point(obj):
    owners = ", ".join(owner.short_name for owner in obj.owners.all())
    due = (
        format_html(
            " · {} {}", gettext("due"), format_partial_date(obj.due_date, obj.due_precision)
        )
        if obj.due_date
        else ""
    )
    return format_html(
        "<b>{}</b>: <span>{}</span>{}{} · {}",
        _shown(obj, "kind"),
        Truncator(obj.text).chars(160),
        format_html(" · {}", owners) if owners else "",
        due,
        _shown(obj, "status"),
    )


def _document(obj):
    file = format_html(" · {}: {}", obj.file_label, obj.file_name) if obj.file else ""
    link = format_html(" · {}", gettext("link")) if obj.url else ""
    return format_html(
        "<b>{}</b> · {}{}{}{}", obj.title, _shown(obj, "kind"), file, link, _pack(obj)
    )


def _pack(obj):
    if obj.briefing_pack_position is None:
        return ""
    place = gettext("briefing pack, no. %(place)d") % {"place": obj.briefing_pack_position}
    draft = format_html(" ({})", gettext("draft")) if obj.briefing_pack_draft else ""
    return format_html(" · {}{}", place, draft)


def _agenda_item(obj):
    return format_html("<b>{}</b>", obj.title)


SUMMARIES = {
    "intervention": _intervention,
    "attendance": _attendance,
    "objective": _objective,
    "keyfigure": _key_figure,
    "event": _event,
    "actionpoint": _action_point,
    "document": _document,
    "agendaitem": _agenda_item,
}


def summary(obj):
    """What a saved row is, in a few words: its line's text."""
    return SUMMARIES[obj._meta.model_name](obj)


def order_input(form, name):
    field = form[name]
    value = field.value()
    return _order_input(field.html_name, field.auto_id, "" if value is None else value)


def _order_input(name, auto_id, value):
    return format_html(
        '<input type="number" name="{}" value="{}" class="vOrderField" min="1" '
        'aria-label="{}" id="{}">',
        name,
        value,
        gettext("Order"),
        auto_id,
    )


def delete_box(form):
    field = form[DELETION_FIELD_NAME]
    return _delete_box(field.html_name, field.auto_id, field.value())


def _delete_box(name, auto_id, ticked):
    return format_html(
        '<input type="checkbox" name="{}" id="{}"{}>', name, auto_id, " checked" if ticked else ""
    )


def id_input(form):
    field = form[form._meta.model._meta.pk.name]
    value = field.value()
    return format_html(
        '<input type="hidden" name="{}" value="{}" id="{}">',
        field.html_name,
        "" if value is None else getattr(value, "pk", value),
        field.auto_id,
    )


class Line:
    """A saved row drawn as a line: its prefix, the row, and what its line's inputs hold.

    Made from the row's compact form when the page comes back after a save (its order and its
    delete box as posted, its errors), or, on a page shown afresh, from the row itself: a
    long meeting's hundreds of forms would cost more than the rest of the page."""

    def __init__(self, prefix, obj, order, ticked=False, errors=()):
        self.prefix, self.obj, self.order, self.ticked, self.errors = (
            prefix,
            obj,
            order,
            ticked,
            errors,
        )

    @classmethod
    def of_form(cls, form, order_field):
        order = form[order_field].value() if order_field else None
        errors = list(form.errors.values()) if form.is_bound else []
        return cls(form.prefix, form.instance, order, form[DELETION_FIELD_NAME].value(), errors)

    @classmethod
    def of_row(cls, prefix, obj, order_field):
        return cls(prefix, obj, getattr(obj, order_field) if order_field else None)


class Labels:
    """The words every line repeats, translated once for a page."""

    def __init__(self):
        self.edit, self.page, self.delete = gettext("Edit"), gettext("Page"), gettext("Delete")


def compact_line(line, inline_admin_formset, labels=None):
    """A saved row shown compactly, whole: its <li>, for a row with nothing nested in it."""
    labels = labels or Labels()
    inline = inline_admin_formset.opts
    order = inline.sortable_field_name
    obj, prefix = line.obj, line.prefix
    handle = (
        format_html(
            '<span class="ws-handle"></span>{}',
            _order_input(
                f"{prefix}-{order}",
                f"id_{prefix}-{order}",
                "" if line.order is None else line.order,
            ),
        )
        if order
        else ""
    )
    page = ""
    if inline.show_change_link:
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
        page = format_html('<a href="{}">{}</a>', url, labels.page)
    delete = ""
    if inline_admin_formset.formset.can_delete:
        name = f"{prefix}-{DELETION_FIELD_NAME}"
        delete = format_html(
            '<label class="ws-delete">{} {}</label>',
            _delete_box(name, f"id_{name}", line.ticked),
            labels.delete,
        )
    pk = obj._meta.pk.name
    return format_html(
        '<li class="ws-row{}" id="{}"><div class="ws-head">{}<div class="ws-summary">{}</div>'
        '<button type="button" class="ws-edit">{}</button>{}{}</div>'
        '<input type="hidden" name="{}-{}" value="{}" id="id_{}-{}">'
        '<input type="hidden" name="{}-{}" value="1">{}</li>',
        " ws-errors" if line.errors else "",
        prefix,
        handle,
        summary(obj),
        labels.edit,
        page,
        delete,
        prefix,
        pk,
        obj.pk,
        prefix,
        pk,
        prefix,
        COMPACT,
        format_html_join("", "{}", ((errors,) for errors in line.errors)),
    )


def draws_as_line(form):
    """Whether `compact_line` draws the row: saved, shown compactly, with nothing nested in it
    and nothing to say about it beyond its errors."""
    return (
        form.instance.pk is not None
        and not row_is_open(form)
        and not getattr(form, "inlines", None)
        and not getattr(form, "deletion_blocked", None)
    )
