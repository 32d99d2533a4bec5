"""Snippets: a window of a row's text around the words searched for, each found word in <mark>.

Built the same on both databases, in Python, word by word: every piece of the record's text is
HTML-escaped before the only markup the snippet has, the <mark> around a found word, is added.
"""

import functools
import re

from base.web.html import format_html, format_html_join
from partners import names

from . import spellings

WORD = re.compile(r"(\w+)")
# English endings the search ignores when it matches ("meetings" finds "meeting").
ENDINGS = ("ing", "es", "ed", "s")
AROUND = 14  # words of context either side of the first found word


def stem(term):
    for ending in ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 4:
            return term[: -len(ending)]
    return term


@functools.lru_cache(maxsize=64)
def stems(query):
    """The stems of the query's words and of their other spellings (search.spellings), a
    tuple: the same query for every snippet of a page."""
    found = [word for word in names.words(query) if any(c.isalnum() for c in word)]
    return tuple(stem(each) for word in found for each in spellings.spellings(word))


@functools.lru_cache(maxsize=4096)
def folded(word):
    """A word as the search folds it: the same few hundred words recur in every snippet."""
    return names.normalised(word)


def is_found(word, wanted):
    return folded(word).startswith(wanted)


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
    # The text between found words joined into runs, so that escaping is a call per found word,
    # not per word; format_html escapes every piece of the record's text, and the <mark> around a
    # found word is the only markup.
    runs, run = [], []
    for index, piece in enumerate(shown, start):
        if index in marked:
            runs.append(("".join(run), format_html("<mark>{}</mark>", piece)))
            run = []
        else:
            run.append(piece)
    runs.append(("".join(run), ""))
    return format_html("{}{}{}", before, format_html_join("", "{}{}", runs), after)
