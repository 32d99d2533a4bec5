"""The one interface of the search: `search(query, user, kind=None)`. It picks the engine by the
database (PostgreSQL's full text, or SQLite's fallback) and gives the same results either way;
the view never knows which one ran.

Every kind is read with `visible_to(user)` (drafts for staff only); people as the directory lists
them, found by an address only among those `user` may read (an anonymous visitor's address-like
word finds nobody, whether or not the address exists).
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, IntegerField, OuterRef, Subquery

from partners import names
from partners.models import EmailAddress

from . import engine_postgres, engine_sqlite, snippets
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

    @property
    def count(self):
        return sum(group.count for group in self.groups)


def engine():
    return engine_postgres if connection.vendor == "postgresql" else engine_sqlite


def address_terms(text):
    return [word for word in names.words(text) if names.EMAIL_LIKE.search(word)]


def found_rows(kind, text, user):
    """`kind`'s rows that `user` may see and `text` finds, best first (annotated `rank`)."""
    condition, rank = engine().matching(kind, text, BY_KEY)
    rows = kind.rows(user)
    if kind.key == "people":
        terms = address_terms(text)
        if terms and not user.is_authenticated:
            return rows.none()
        for term in terms:
            shown = EmailAddress.objects.shown_to(user)
            condition |= Exists(shown.filter(person=OuterRef("pk"), address__icontains=term))
    return rows.filter(condition).annotate(rank=rank).order_by("-rank", "pk")


class CountOf(Subquery):
    """The number of rows of a queryset, as a value of each row of another."""

    template = "(SELECT count(*) FROM (%(subquery)s) AS found)"
    output_field = IntegerField()


def shown_rows(kind, text, user, found, start, stop, counted=True):
    """The rows `start` to `stop` of `found` (found_rows), with what a result shows of them, and
    (`counted`) `total`, the number of all `found` rows. Only the rows shown are joined to what
    they show; the rest are read as far as their id and rank, or their id for the count."""
    _condition, rank = engine().matching(kind, text, BY_KEY)
    rows = kind.shown(user).filter(pk__in=found.values("pk")[start:stop]).annotate(rank=rank)
    if counted:
        rows = rows.annotate(total=CountOf(found.order_by().values("pk")))
    return rows.order_by("-rank", "pk")


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
    """Every kind's top results with their count (one query a kind); or, for one `kind`, one
    page of all its results."""
    refused = bool(address_terms(text)) and not user.is_authenticated
    if kind is not None:
        found = found_rows(kind, text, user)
        paginator = Paginator(found, PER_PAGE)
        page_obj = paginator.get_page(page)
        start = page_obj.start_index() - 1 if paginator.count else 0
        rows = shown_rows(kind, text, user, found, start, start + PER_PAGE, counted=False)
        page_obj.object_list = list(rows)
        hits = [to_hit(kind, row, text) for row in page_obj.object_list]
        return Results([Group(kind, paginator.count, hits)], page_obj, refused)
    groups = []
    for each in KINDS:
        rows = list(shown_rows(each, text, user, found_rows(each, text, user), 0, TOP))
        count = rows[0].total if rows else 0
        groups.append(Group(each, count, [to_hit(each, row, text) for row in rows]))
    return Results(groups, refused_addresses=refused)
