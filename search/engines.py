"""The one interface of the search: `search(query, user, kind=None)`. It picks the engine by the
database (PostgreSQL's full text, or SQLite's fallback) and gives the same results either way;
the view never knows which one ran.

Every kind is read with `visible_to(user)` (drafts for staff only); people as the directory lists
them, found by an address only among those `user` may read (an anonymous visitor's address-like
word finds nobody, whether or not the address exists).
"""

from dataclasses import dataclass, field
from functools import reduce
from math import ceil
from operator import or_

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q

from partners import names
from partners.models import EmailAddress

from . import engine_postgres, engine_sqlite, queries, snippets, suggestions
from .kinds import BY_KEY, KINDS

TOP = 5  # results of each kind on the grouped page
PER_PAGE = 20  # on one kind's own pages
SNIPPET_WORDS = 30


@dataclass
class Hit:
    title: str
    url: str
    meta: str
    snippet: str
    emails: list = field(default_factory=list)


@dataclass
class Group:
    kind: object
    count: int
    hits: list
    show_all_url: str = ""


@dataclass
class Results:
    groups: list
    page_obj: object = None
    refused_addresses: bool = False
    suggestion: str | None = None  # a corrected search that finds something ("Did you mean")

    @property
    def count(self):
        return sum(group.count for group in self.groups)


def engine():
    return engine_postgres if connection.vendor == "postgresql" else engine_sqlite


def address_terms(text):
    return [word for word in names.words(text) if names.EMAIL_LIKE.search(word)]


def ranked(kind, text, user):
    """`kind`'s rows that `user` may see and `text` finds: SQL selecting (id, rank), its
    parameters, and the named subqueries it reads ({name: (SQL, parameters)}); None when
    nothing can be found."""
    text = queries.without_titles(text)
    addresses = None
    if kind.key == "people" and (terms := address_terms(text)):
        if not user.is_authenticated:
            return None
        shown = EmailAddress.objects.shown_to(user)
        addresses = shown.filter(reduce(or_, [Q(address__icontains=term) for term in terms]))
        addresses = addresses.values("person_id")
    try:
        return engine().ranked(kind, text, user, BY_KEY, addresses)
    except EmptyResultSet:  # no word to look for
        return None


def _with(found):
    """The WITH clause of `found` ([(kind key, ranked)]) and its parameters: the subqueries the
    kinds read, each once however many kinds read it, then each kind's `found_<key>`."""
    named = {}
    for _key, (_sql, _params, reads) in found:
        named.update(reads)
    for key, (sql, params, _reads) in found:
        named[f"found_{key} (id, rank)"] = (sql, params)
    clause = ", ".join(f"{name} AS ({sql})" for name, (sql, _params) in named.items())
    return f"WITH {clause}", [param for _sql, params in named.values() for param in params]


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def found_ids(kind, text, user, offset=0, limit=None):
    """The ids of `kind`'s rows that `user` may see and `text` finds, best first (from `offset`,
    at most `limit`), each with how many it finds in all: [(id, total)]."""
    found = ranked(kind, text, user)
    if found is None:
        return []
    with_clause, params = _with([(kind.key, found)])
    query = f"{with_clause} SELECT id, count(*) OVER () FROM found_{kind.key}"
    query += " ORDER BY rank DESC, id"
    if limit is not None:
        query, params = f"{query} LIMIT %s OFFSET %s", [*params, limit, offset]
    return _rows(query, params)


def found_page(kind, text, user, number):
    """The page `number` of `kind`'s results (the first for a bad number, the last for one past
    the end), as Paginator.get_page gives it: its ids read with their total, in one query; a
    page past the end costs two more. Only the page's ids are read, however many are found."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    read = found_ids(kind, text, user, (number - 1) * PER_PAGE, PER_PAGE)
    if not read and number > 1:
        first = found_ids(kind, text, user, 0, 1)
        total = first[0][1] if first else 0
        number = max(ceil(total / PER_PAGE), 1)
        read = found_ids(kind, text, user, (number - 1) * PER_PAGE, PER_PAGE)
    paginator = Paginator([], PER_PAGE)
    paginator.count = read[0][1] if read else 0  # a cached_property, set from the window
    return Page([pk for pk, _total in read], number, paginator)


def top_ids(text, user):
    """{kind key: (the ids of its TOP best rows, the number of all it found)}, every kind in
    one query: each kind's rows numbered best first and counted by window functions."""
    found = [(kind.key, each) for kind in KINDS if (each := ranked(kind, text, user))]
    if not found:
        return {}
    with_clause, params = _with(found)
    branches = " UNION ALL ".join(
        f"SELECT %s AS kind, id, count(*) OVER () AS total, "
        f"row_number() OVER (ORDER BY rank DESC, id) AS place FROM found_{key}"
        for key, _found in found
    )
    query = (
        f"{with_clause} SELECT kind, id, total FROM ({branches}) AS ranked "
        f"WHERE place <= %s ORDER BY kind, place"
    )
    top = {}
    for key, pk, total in _rows(query, [*params, *(key for key, _found in found), TOP]):
        top.setdefault(key, ([], total))[0].append(pk)
    return top


def shown_rows(kind, user, ids):
    """The rows `ids` as a result shows them, in that order (one query; none for no ids)."""
    rows = kind.shown(user).in_bulk(ids) if ids else {}
    return [rows[pk] for pk in ids]


def to_hit(kind, row, text):
    snippet_text = getattr(row, kind.snippet_column) if kind.snippet_column else ""
    return Hit(
        title=snippets.highlight(str(kind.title(row)), text),
        url=kind.link(row),
        meta=str(kind.meta(row)),
        snippet=snippets.highlight(snippet_text, text, SNIPPET_WORDS) if snippet_text else "",
        emails=getattr(row, "shown_emails", []),
    )


def search(text, user, kind=None, page=1):
    """Every kind's top results with their count (one query finds them all, then one a kind
    with results reads them); or, for one `kind`, one page of all its results."""
    refused = bool(address_terms(text)) and not user.is_authenticated
    text = queries.without_titles(text)
    if kind is not None:
        page_obj = found_page(kind, text, user, page)
        page_obj.object_list = shown_rows(kind, user, page_obj.object_list)
        hits = [to_hit(kind, row, text) for row in page_obj.object_list]
        return Results([Group(kind, page_obj.paginator.count, hits)], page_obj, refused)
    top = top_ids(text, user)
    suggestion = None
    if not top and (corrected := suggestions.correction(text)) and top_ids(corrected, user):
        suggestion = corrected
    groups = []
    for each in KINDS:
        ids, count = top.get(each.key, ([], 0))
        rows = shown_rows(each, user, ids)
        groups.append(Group(each, count, [to_hit(each, row, text) for row in rows]))
    return Results(groups, refused_addresses=refused, suggestion=suggestion)
