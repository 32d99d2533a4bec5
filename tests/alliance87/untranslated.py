"""Finding English interface strings left in a French or Spanish page, and markup escaped into
view in a page of any language.

A page is reduced to what a reader meets: its text nodes (the <title> among them) and the
user-facing attributes. Whatever reads the same in the English page and in the translated one is
suspect; it is cleared when it is recorded content (text from the database), a language-neutral
token (numbers, punctuation, acronyms such as GCG), or a word the catalogues translate as itself
(French "Documents", Spanish "No"). A "<" among what the reader meets is markup shown as text
(an "&lt;" in the HTML: a translation or a helper returned markup that was then escaped, as
humanize's French "5<sup>e</sup>" was).
"""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import trans_real

VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
BUTTON_TYPES = {"submit", "button", "reset"}
RECORD_APPS = ["partners", "actiongroups", "meetings", "pathfinders", "base", "directory"]
TITLE_SEPARATOR = re.compile(r" · ")
SEARCH_MARK = re.compile(r"</?mark>")
ESCAPED_SUPERSCRIPT = re.compile(r'&lt;/?su[bp]\b[^"<]{0,40}', re.IGNORECASE)
# Numbers, punctuation, symbols, and words in capitals (GCG, ILO, UN M49, ISO, PDF, MB); the
# ellipsis is where the search cuts its window out of a recorded text ("… took the floor …").
NEUTRAL_EDGES = "0123456789 .,;:·–-()[]…"
NEUTRAL = re.compile(r"[\d\W_]+|\b[A-Z][A-Z0-9]+\b|\bM\d+\b")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.strings = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        self._in_title = tag == "title"
        for name in VISIBLE_ATTRIBUTES & attrs.keys():
            self._add(attrs[name])
        if tag == "input" and attrs.get("type") in BUTTON_TYPES:
            self._add(attrs.get("value"))

    def handle_endtag(self, tag):
        self._in_title = False
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self._add(data)

    def _add(self, text):
        text = " ".join((text or "").split())
        # The <title>'s parts ("The GCG at a glance · GCG portal") are translated one by one.
        for part in TITLE_SEPARATOR.split(text) if self._in_title else [text]:
            if part:
                self.strings.append(part)


def visible_strings(html):
    """The page's visible text nodes and user-facing attribute values, whitespace collapsed,
    the <title> split where it joins its parts."""
    parser = _VisibleText()
    # The search marks the words found inside a recorded text; unmarked, the text reads whole.
    parser.feed(SEARCH_MARK.sub("", html))
    parser.close()
    return parser.strings


def markup_shown_as_text(html):
    """What a reader of the page would see of markup escaped into view: every visible text node
    or user-facing attribute holding a "<", and any escaped superscript anywhere in the HTML.

    Scripts, styles and the other attributes (a form's hidden values, data-* templates) may
    legitimately hold an "&lt;": nobody reads them.
    """
    shown = list(dict.fromkeys(text for text in visible_strings(html) if "<" in text))
    # An escaped superscript seen in a text node is listed once, as the reader sees it.
    hidden = [match.group() for match in ESCAPED_SUPERSCRIPT.finditer(html)]
    return shown or hidden


def recorded_strings():
    """Every text the database holds (names, titles, summaries, e-mail addresses...), longest
    first, whitespace collapsed, and each line of a multi-line text on its own too."""
    found = set()
    model_classes = [m for app in RECORD_APPS for m in apps.get_app_config(app).get_models()]
    for model in [*model_classes, get_user_model()]:
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                for line in [value or "", *(value or "").splitlines()]:
                    line = " ".join(line.split())
                    if len(line) > 1:
                        found.add(line)
    return sorted(found, key=len, reverse=True)


def same_in_translation(language):
    """What the catalogues for `language` (the portal's and Django's) translate as itself."""
    catalog = trans_real.translation(language)._catalog
    same = {key for key, value in catalog.items() if isinstance(key, str) and key == value}
    same |= {capfirst(text) for text in same}  # as the admin shows verbose names
    return same | {name for _code, name in settings.LANGUAGES}


def _is_recorded(text, recorded):
    """Recorded content: one of the recorded texts, or (at four words or more, so that a short
    interface word found in some narrative still counts as interface) a part of one, such as the
    admin's first 80 characters of a follow-up after its number ("1. An Alliance 8.7 M...")."""
    core = text.strip(NEUTRAL_EDGES)
    if core in recorded:
        return True
    return len(core.split()) >= 4 and any(core in value for value in recorded)


def _interface_words(text, recorded, same):
    if text in same or _is_recorded(text, recorded):
        return ""
    for value in recorded:
        if value in text:
            text = text.replace(value, " ")
    text = NEUTRAL.sub(" ", text).strip()
    if not text or text in same or not re.search(r"[^\W\d_]{2}", text):
        return ""
    return text


def english_left(english_html, translated_html, language, recorded):
    """The strings of the English page that appear unchanged in the translated one and are
    neither recorded content nor neutral: the interface strings left untranslated."""
    translated = set(visible_strings(translated_html))
    same = same_in_translation(language)
    left = []
    for text in dict.fromkeys(visible_strings(english_html)):
        if text in translated and _interface_words(text, recorded, same):
            left.append(text)
    return left
