"""Snippets: a window of a row's text around the words searched for, each found word in <mark>.

Built the same on both databases, in Python, word by word: every piece of the record's text is
HTML-escaped before the only markup the snippet has, the <mark> around a found word, is added.
"""

import re

from django.utils.html import format_html, format_html_join

from partners import names

WORD = re.compile(r"(\w+)")
# English endings the search ignores when it matches ("meetings" finds "meeting").
ENDINGS = ("ing", "es", "ed", "s")
AROUND = 14  # words of context either side of the first found word


def stem(term):
    for ending in ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 4:
            return term[: -len(ending)]
    return term


def stems(query):
    return [stem(word) for word in names.words(query) if any(c.isalnum() for c in word)]


def is_found(word, wanted):
    folded = names.normalised(word)
    return any(folded.startswith(term) for term in wanted)


def highlight(text, query, limit=None):
    """`text` escaped, its words found by `query` in <mark>; only a window of about `limit`
    words around the first found word (all of it when `limit` is None)."""
    wanted = stems(query)
    pieces = WORD.split(text)  # words at odd positions, what separates them at even ones
    words = range(1, len(pieces), 2)
    found = [index for index in words if wanted and is_found(pieces[index], wanted)]
    start, end, before, after = 0, len(pieces), "", ""
    if limit is not None and len(words) > limit:
        first = found[0] if found else 1
        start = max(0, first - 2 * AROUND)
        end = min(len(pieces), start + 2 * limit)
        before = "… " if start > 0 else ""
        after = " …" if end < len(pieces) else ""
    marked = set(found)
    shown = pieces[start:end]
    if shown:
        shown[0], shown[-1] = shown[0].lstrip(), shown[-1].rstrip()
    out = (
        (format_html("<mark>{}</mark>", piece) if index in marked else piece,)
        for index, piece in enumerate(shown, start)
    )
    # format_html escapes each piece of the record's text; only the <mark> is markup.
    return format_html("{}{}{}", before, format_html_join("", "{}", out), after)
