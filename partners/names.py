"""Names as the directory compares and sorts them: lower case, accents stripped, one apostrophe.

Computed in Python and stored (Person.search_name, Person.sort_key, Organization.search_name), so
SQLite and PostgreSQL match and order alike with plain LIKE and ORDER BY, no extension needed.
"""

import re
import unicodedata
from difflib import SequenceMatcher

APOSTROPHES = str.maketrans({mark: "'" for mark in "’‘ʼ`´′"})
# Characters a word may be split at, besides spaces: "d'Ovidio" is also found as "Ovidio".
WORD_JOINERS = re.compile(r"['\-‐–]")
EDGE_PUNCTUATION = "\"'.,;:()[]{}!?«»“”"
# "someone@", "@dol.gov", "dol.gov": an address or a domain, not a name (searched only among the
# addresses the reader may read: partners.models.EmailAddress.objects.shown_to).
EMAIL_LIKE = re.compile(r"@|^[\w-]+(\.[\w-]+)+$")
# Titles before a name, in English, French and Spanish, as `words` gives them (folded, without a
# full stop): ignored when a name is searched for ("Mme Karvar" finds Anousheh Karvar).
TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame "  # English
    "m mme mlle mmes mm pr me "  # French: monsieur, madame, mademoiselle, professeur, maître
    "sr sra srta sres dra lic lcdo lcda don dona".split()  # Spanish
)


def normalised(text):
    """ "D’Ovidio Guzmán" -> "d'ovidio guzman": accents stripped, case folded, apostrophes one."""
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def words(text):
    """The normalised words of `text`, without the punctuation around them."""
    return [word for word in (w.strip(EDGE_PUNCTUATION) for w in normalised(text).split()) if word]


def without_titles(words):
    """`words` without the titles among them ("mme karvar" -> "karvar"); all of them when
    nothing else is left ("Mr" alone is searched for as a word)."""
    kept = [word for word in words if word not in TITLES]
    return kept or list(words)


def search_name(name):
    """The words a name is found by: each word, the parts of a hyphenated or apostrophised one,
    and the parts joined ("d'ovidio d ovidio dovidio"), in the order of the name (so ordering by
    it orders by first name)."""
    found = []
    for word in words(name):
        found.append(word)
        parts = [part for part in WORD_JOINERS.split(word) if part]
        if len(parts) > 1:
            found.extend([*parts, "".join(parts)])
    return " ".join(dict.fromkeys(found))


def default_sort_name(name):
    """ "Graciela Guzmán" -> "Guzmán Graciela": the last word (taken as the family name) first."""
    parts = name.split()
    return " ".join([parts[-1], *parts[:-1]]) if parts else ""


def sort_key(sort_name):
    return normalised(sort_name)


def nearest(query, candidates, limit=3, cutoff=0.75):
    """The names among `candidates` ((name, search_name) pairs) most like `query`, a name
    misspelt: each query word scored against the name's likest word, averaged."""
    wanted = without_titles(words(query))
    if not wanted:
        return []
    scored = []
    for name, searched in candidates:
        own = searched.split() or [""]
        score = sum(max(SequenceMatcher(None, w, o).ratio() for o in own) for w in wanted)
        scored.append((score / len(wanted), name))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [name for score, name in scored[:limit] if score >= cutoff]
