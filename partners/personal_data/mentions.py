"""A person's name and addresses as the record's free text writes them: found in every model of
the record and in every row of its history, and replaced by words that name no one.

The record's models are those that keep a history (base.audit.recently_deleted.history_models):
each is read with one query (and its history with one more), whatever the number of rows, by
the family name; the full name is then matched in Python, with or without a title ("Ms", "Dr")
or the person's position before it, across any spacing and either apostrophe.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils.text import capfirst

from base.audit.history import history_model
from base.audit.recently_deleted import history_models

# Columns that are not prose: a slug, an address, a link.
NOT_PROSE = (models.SlugField, models.EmailField, models.URLField)
REASON = "history_change_reason"
TITLES = r"(?:(?:Mr|Ms|Mrs|Miss|Mx|Dr|Prof|H\.\s?E\.)\.?\s+)"
APOSTROPHES = "['’ʼ]"
SENTENCE_END = (".", "!", "?", ":")
# Other people's and organisations' own names: a namesake's ("Ann Smith", "Mary Ann Smith") or
# an organisation's ("the Ann Smith Foundation") is theirs, never a mention of the person.
OWN_NAMES = {("partners", "person"): {"name", "sort_name"}, ("partners", "organization"): {"name"}}


def text_fields(model):
    """The prose columns of a record model: editable text without choices (a slug, an address,
    a link or a derived search key is not prose)."""
    names = OWN_NAMES.get((model._meta.app_label, model._meta.model_name), set())
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, NOT_PROSE)
        and field.editable
        and not field.choices
        and field.name not in names
    ]


def history_text_fields(model):
    """The same columns in `model`'s history, with the reason given for each change."""
    history = history_model(model)
    names = [field.name for field in text_fields(model)] + [REASON]
    return [history._meta.get_field(name) for name in names]


def record_tables():
    """(model, its prose columns) for every table of the record and of its history."""
    tables = []
    for model in history_models():
        if text_fields(model):
            tables.append((model, text_fields(model)))
        tables.append((history_model(model), history_text_fields(model)))
    return tables


def _words(text):
    """A name's words as a pattern: any spacing between them, either apostrophe in them."""
    words = [re.sub(APOSTROPHES, APOSTROPHES, re.escape(word)) for word in text.split()]
    return r"\s+".join(words)


@dataclass
class Mentions:
    """The person's name (with its title or position before it) and addresses, and the words
    that replace them."""

    name: str
    position: str
    wording: str
    addresses: list
    address_wording: str

    def __post_init__(self):
        position = rf"(?:{_words(self.position)}\s+)?" if self.position.strip() else ""
        self.name_pattern = re.compile(
            rf"(?<![\w-]){TITLES}?{position}{_words(self.name)}(?![\w-])", re.IGNORECASE
        )
        # An address ends where no word goes on from it ("a@x.org." ends a sentence; "a@x.org.uk"
        # is another address).
        self.address_patterns = [
            re.compile(rf"(?<![\w.+-]){re.escape(address)}(?!\.?[\w-])", re.IGNORECASE)
            for address in self.addresses
        ]

    @property
    def family_name(self):
        """The name's last word (after an apostrophe, if it has one): what the database is asked
        for, in any case."""
        return re.split(APOSTROPHES, self.name.split()[-1])[-1]

    def candidates(self, fields):
        """A Q for the rows whose columns may name the person: a wide net (the family name, each
        address), which `found_in` then narrows."""
        needles = [self.family_name, *self.addresses]
        return reduce(
            or_,
            (Q(**{f"{field.name}__icontains": needle}) for field in fields for needle in needles),
        )

    def found_in(self, text):
        if not text:
            return False
        return bool(self.name_pattern.search(text)) or any(
            pattern.search(text) for pattern in self.address_patterns
        )

    def replaced(self, text):
        """`text` with the name and the addresses replaced; the wording capitalised where it
        starts a sentence."""

        def role(match):
            before = match.string[: match.start()].rstrip()
            starts = not before or before.endswith(SENTENCE_END)
            return capfirst(self.wording) if starts else self.wording

        text = self.name_pattern.sub(role, text)
        for pattern in self.address_patterns:
            text = pattern.sub(self.address_wording, text)
        return text


def rows_naming(mentions, model, fields, queryset=None):
    """The rows of `model` (every row: drafts and deleted versions too) whose `fields` name the
    person, with the names of those fields: [(row, [field names])]. One query."""
    rows = queryset if queryset is not None else model._base_manager.all()
    found = []
    for row in rows.filter(mentions.candidates(fields)):
        named = [field.name for field in fields if mentions.found_in(getattr(row, field.attname))]
        if named:
            found.append((row, named))
    return found


def replace_everywhere(mentions, excluded=None):
    """Replace the name and addresses in every prose column of the record and its history, with
    one update per table that names them (history kept out: the rows are made to read as if they
    had always been written so). `excluded`: {model: queryset of rows to leave alone}. Returns
    {model: rows changed}."""
    excluded = excluded or {}
    changed = {}
    for model, fields in record_tables():
        rows = model._base_manager.all()
        if model in excluded:
            rows = rows.exclude(pk__in=excluded[model].values("pk"))
        found = rows_naming(mentions, model, fields, rows)
        if not found:
            continue
        touched = set()
        for row, named in found:
            for name in named:
                setattr(row, name, mentions.replaced(getattr(row, name)))
            touched.update(named)
        model._base_manager.bulk_update([row for row, _named in found], sorted(touched))
        changed[model] = len(found)
    return changed
