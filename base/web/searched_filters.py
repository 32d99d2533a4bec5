"""Choices among a set that grows with the record (organisations, meetings), typed rather than
listed.

A `<select>` listing every organisation or meeting made a list page's size, queries and rendering
grow with the record. A `SearchedChoiceFilter` is a text input instead: the visitor types part of
a name (an acronym, a meeting's number or year...), the server finds the matches among the rows the
visitor may see, and the list is narrowed to all of them. The page says what it is filtered by:
the one match's name, or the first `MOST_SHOWN` matches as links choosing each alone, or that
nothing matches. A plain GET form: no JavaScript needed.

Links and bookmarks made when the choice was a `<select>` (`?organization=<id>`) keep working: the
old parameter, an id, chooses that row alone (if the visitor may see it), and the input shows its
name. The text has a parameter of its own (`organization_search`): a meeting's id and its number
are both numbers, and typing "5" means the 5th meeting, not the row with id 5.

Bounded cost whatever the record: no query when the filter is not set; when it is, one query for
at most `MOST_SHOWN + 1` matches, and the list's own query filters by a subquery.
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Value, When

# The matches named on the page when the text matches several: enough to choose from, few enough
# that the page stays small; the list itself holds them all.
MOST_SHOWN = 10
# Text longer than this is cut: no name is longer, and the SQL stays bounded.
MOST_CHARS = 200
# An id in an old link: digits, short enough for any database's integer.
MOST_ID_DIGITS = 12


@dataclass
class Found:
    """What a searched filter's parameter chose."""

    text: str  # as typed, or the name of the row an old link chose
    shown: list = field(default_factory=list)  # [(pk, label, link choosing it alone)]
    more: bool = False  # more matches than shown
    chosen: list | None = None  # the pks, when known in full (an old link, an exact name)
    matches: object = None  # the queryset of every match, otherwise
    by_id: bool = False  # chosen by an old link's id

    @property
    def none(self):
        return not self.shown

    @property
    def several(self):
        return len(self.shown) > 1


class SearchedChoiceFilter(django_filters.CharFilter):
    """A choice among `rows(request)` (the rows the visitor may see), typed.

    `field_name` is the lookup from the filtered model to the chosen one (as a ModelChoiceFilter's);
    `old_param` the parameter the former `<select>` sent (an id); `matching(words, text)` the
    condition a row matches the typed text by, and `exact(text)` the one naming a row in full (an
    exact match is chosen alone: the name an old link showed, sent again, chooses the same row);
    `label_field` the column shown for a match. The messages: `one` (%(name)s), `several`
    (%(text)s), `none` (%(text)s).
    """

    def __init__(
        self, *, rows, matching, exact, old_param, label_field, messages, order_by=None, **kwargs
    ):
        kwargs.setdefault("widget", forms.TextInput(attrs={"maxlength": MOST_CHARS}))
        super().__init__(**kwargs)
        self.rows = rows
        self.matching = matching
        self.exact = exact
        self.old_param = old_param
        self.label_field = label_field
        self.messages = messages
        self.order_by = order_by or (label_field,)

    def filter(self, qs, value):
        found = self.parent.found.get(self.field_name_in_form)
        if found is None:
            return qs
        if found.chosen is not None:
            wanted = {f"{self.field_name}__in": found.chosen}
        else:
            wanted = {f"{self.field_name}__in": found.matches.values("pk")}
        # Through a many-valued relation a row would come once per match: filter by its pk.
        model = qs.model
        return qs.filter(pk__in=model._default_manager.filter(**wanted).values("pk"))


class SearchedChoicesMixin:
    """For a FilterSet with `SearchedChoiceFilter`s: resolves each one set by the request before
    the form is built (`self.found`: {filter name: Found}), and lets the form show, for an old
    link, the chosen row's name."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.found = {}
        if not self.is_bound:
            return
        shown_data = None
        for name, filter_ in self.filters.items():
            if not isinstance(filter_, SearchedChoiceFilter):
                continue
            filter_.field_name_in_form = name
            found = self._resolve(filter_, name)
            if found is None:
                continue
            self.found[name] = found
            # The input shows what was looked for: an old link's choice by name, text cut short.
            if found.by_id or (name in self.data and self.data[name] != found.text):
                shown_data = shown_data if shown_data is not None else self.data.copy()
                shown_data[name] = found.text
        if shown_data is not None:
            self.data = shown_data

    @classmethod
    def old_params(cls):
        """The parameters the searched filters read from old links (for the page cache)."""
        return [
            filter_.old_param
            for filter_ in cls.base_filters.values()
            if isinstance(filter_, SearchedChoiceFilter)
        ]

    def _resolve(self, filter_, name):
        raw = str(self.data.get(name, ""))
        if "\x00" in raw:
            return None  # refused by the form's own check (and by PostgreSQL): not looked for
        text = " ".join(raw.split())[:MOST_CHARS]
        rows = filter_.rows(self.request)
        if text:
            matches = rows.filter(filter_.matching(text))
            ordered = matches.annotate(
                exact_match=Case(
                    When(filter_.exact(text), then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("exact_match", *filter_.order_by, "pk")
            read = list(
                ordered.values_list("pk", filter_.label_field, "exact_match")[: MOST_SHOWN + 1]
            )
            exact = [(pk, label) for pk, label, is_exact in read if is_exact == 0]
            if exact:
                return self._found(filter_, name, text, exact, chosen=[pk for pk, _ in exact])
            listed = [(pk, label) for pk, label, _is_exact in read]
            return self._found(
                filter_,
                name,
                text,
                listed[:MOST_SHOWN],
                more=len(listed) > MOST_SHOWN,
                matches=matches,
            )
        old = str(self.data.get(filter_.old_param, "")).strip()
        if not old:
            return None
        if not (old.isascii() and old.isdigit()) or len(old) > MOST_ID_DIGITS:
            shown = " ".join(old.replace("\x00", "").split())[:MOST_CHARS]
            return self._found(filter_, name, shown, [], chosen=[])
        read = list(rows.filter(pk=int(old)).values_list("pk", filter_.label_field))
        if not read:
            return self._found(filter_, name, old, [], chosen=[])
        return self._found(filter_, name, read[0][1], read, chosen=[read[0][0]], by_id=True)

    def _found(self, filter_, name, text, read, **kwargs):
        shown = [(pk, label, self._link_choosing(filter_, name, pk)) for pk, label in read]
        return Found(text=text, shown=shown, **kwargs)

    def _link_choosing(self, filter_, name, pk):
        """This page's query, the filter set to row `pk` alone (its old parameter: an id)."""
        query = self.data.copy()
        for dropped in (name, filter_.old_param, "page"):
            query.pop(dropped, None)
        query[filter_.old_param] = pk
        return "?" + query.urlencode()

    @property
    def searched_notes(self):
        """[(kind, message, [(label, link)], more)] for the page: what each searched filter chose.
        `kind` is "one", "several" or "none"."""
        notes = []
        for name, found in self.found.items():
            messages = self.filters[name].messages
            if found.none:
                notes.append(("none", messages["none"] % {"text": found.text}, [], False))
            elif found.several:
                links = [(label, link) for _pk, label, link in found.shown]
                notes.append(
                    ("several", messages["several"] % {"text": found.text}, links, found.more)
                )
            else:
                notes.append(("one", messages["one"] % {"name": found.shown[0][1]}, [], False))
        return notes

    def searched_param(self, name):
        """The parameter that set filter `name`: its own, or an old link's."""
        found = self.found.get(name)
        if found is not None and found.by_id:
            return self.filters[name].old_param
        return name
