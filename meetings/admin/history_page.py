"""A meeting's history in one timeline, newest first: the changes to the meeting and to every
part of it (objectives, agenda items, interventions, attendance, decisions and follow-ups,
documents, key figures, events, office terms recorded at it), each in words (base.audit.history).

Each historical model's rows for the meeting come from one query (the whole history of every
row that ever belonged to the meeting or to one of its agenda items); they are merged and
compared in Python, and the labels of one page fetched in bulk: the number of queries does not
grow with the number of entries.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from base.audit.history import Comparison, Labels, history_model
from meetings.models import AgendaItem, Meeting

ENTRIES_PER_PAGE = 50


def _condition(model, meeting_pk, agenda_items):
    """The rows of `model`'s history that belong to the meeting, or None if it has no link."""
    if model is Meeting:
        return Q(id=meeting_pk)
    condition = Q()
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.related_model is Meeting:
            condition |= Q(**{field.attname: meeting_pk})
        elif field.many_to_one and field.related_model is AgendaItem:
            condition |= Q(**{f"{field.attname}__in": agenda_items})
    return condition or None


def part_models():
    """The record's models that hang off a meeting or one of its agenda items, the meeting first."""
    config = apps.get_app_config("meetings")
    found = [Meeting]
    for model in config.get_models():
        if model is not Meeting and history_model(model) is not None:
            if _condition(model, 0, []) is not None:
                found.append(model)
    return found


def history_rows(model, meeting_pk):
    """Every version of every row of `model` that ever belonged to the meeting: one query."""
    history = history_model(model)
    agenda_items = history_model(AgendaItem).objects.filter(meeting_id=meeting_pk).values("id")
    pk_name = model._meta.pk.attname
    ever_in_meeting = history.objects.filter(_condition(model, meeting_pk, agenda_items))
    return (
        history.objects.filter(**{f"{pk_name}__in": ever_in_meeting.values(pk_name)})
        .select_related("history_user")
        .order_by(pk_name, "history_date", "history_id")
    )


@dataclass
class Entry:
    model: type
    record: object
    previous: object  # the version before, or None

    @property
    def kind(self):
        return self.record.history_type

    @property
    def object_pk(self):
        return getattr(self.record, self.model._meta.pk.attname)

    def sort_key(self):
        return (self.record.history_date, self.record.history_id)


def timeline(meeting_pk, models):
    """Every entry of the meeting's history, newest first (nothing formatted yet)."""
    entries = []
    for model in models:
        pk_name = model._meta.pk.attname
        previous = None
        for record in history_rows(model, meeting_pk):
            if previous is not None and getattr(previous, pk_name) != getattr(record, pk_name):
                previous = None
            entries.append(Entry(model, record, previous))
            previous = record
    entries.sort(key=Entry.sort_key, reverse=True)
    return entries


def _version_url(model, record):
    opts = model._meta
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_simple_history",
            args=[getattr(record, opts.pk.attname), record.history_id],
        )
    except NoReverseMatch:
        return None


def describe(entries):
    """The page's entries in words: [{"when", "who", "what", "kind", "changes", "reason", ...}]."""
    labels = Labels()
    comparisons = {}
    for entry in entries:
        labels.want(entry.model, entry.object_pk)
        if entry.kind == "~" and entry.previous is not None:
            comparison = Comparison(entry.model, entry.previous, entry.record)
            comparison.want(labels)
            comparisons[id(entry)] = comparison
    labels.resolve()
    described = []
    for entry in entries:
        comparison = comparisons.get(id(entry))
        described.append(
            {
                "when": entry.record.history_date,
                "who": entry.record.history_user,
                "what": f"{capfirst(entry.model._meta.verbose_name)} · "
                f"{labels.label(entry.model, entry.object_pk)}",
                "kind": entry.kind,
                "changes": comparison.changes(labels) if comparison else [],
                "unknown_before": entry.kind == "~" and entry.previous is None,
                "compared": comparison is not None,
                "reason": entry.record.history_change_reason,
                "url": _version_url(entry.model, entry.record),
            }
        )
    return described


def meeting_history_view(model_admin, request, object_id, extra_context=None):
    """The meeting admin's history page: the meeting's and its parts' changes in one timeline."""
    meeting = Meeting._base_manager.filter(pk=object_id).first()
    if meeting is None:
        version = history_model(Meeting).objects.filter(id=object_id).order_by("-history_id")
        meeting = version.first().instance if version.exists() else None
    if meeting is None:
        raise Http404
    if not model_admin.has_view_history_or_change_history_permission(request, meeting):
        raise PermissionDenied
    models = [
        model
        for model in part_models()
        if request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        or request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]
    paginator = Paginator(timeline(meeting.pk, models), ENTRIES_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_VAR))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("History of %(meeting)s and its parts") % {"meeting": meeting},
        "subtitle": None,
        "object": meeting,
        "opts": model_admin.opts,
        "module_name": capfirst(model_admin.opts.verbose_name_plural),
        "app_label": model_admin.opts.app_label,
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number),
        "page_var": PAGE_VAR,
        "entries": describe(page_obj.object_list),
        "parts": [capfirst(model._meta.verbose_name_plural) for model in models[1:]],
        **(extra_context or {}),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/meetings/meeting/history_timeline.html", context)
