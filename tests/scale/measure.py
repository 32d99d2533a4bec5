"""Query counts of every page (pages.py) for each reader, measured in one scaled database."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from base.web.page_cache import record_changed

from .pages import every_page
from .records import scaled_record


@dataclass(frozen=True)
class Measure:
    status: int
    queries: int
    pages: int = 1  # how many pages the list has, for a paginated page
    sql: tuple = ()  # the queries, shown when a comparison fails


def clients_by_role():
    users = get_user_model().objects
    staff = users.create_superuser("scale-staff", password="a-long-test-password-1")
    member = users.create_user("scale-member", password="a-long-test-password-1")
    clients = {"anonymous": Client(), "member": Client(), "staff": Client()}
    clients["member"].force_login(member)
    clients["staff"].force_login(staff)
    return clients


def measure(client, path, warm_up=True):
    if warm_up:
        client.get(path)  # once first, so that what is read once per process is not counted
    # The page rendered, not one cached (base/web/page_cache.py) by an earlier request, which
    # costs nothing whatever the record: what visitors are served after any write.
    record_changed()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    context = response.context or {}
    page_obj = context.get("page_obj") or getattr(context.get("cl"), "paginator", None)
    pages = page_obj.paginator.num_pages if hasattr(page_obj, "paginator") else 1
    if hasattr(page_obj, "num_pages"):  # the admin's changelist gives its paginator
        pages = page_obj.num_pages
    sql = tuple(query["sql"][:300] for query in queries.captured_queries)
    return Measure(response.status_code, len(queries), pages, sql)


def last_page(path, page, pages):
    # Numbered, not "last": the admin's lists and the paged timelines only take numbers.
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}{page.page_var}={pages}"


def measure_every_page(factor, warm_up=True, last_pages=True):
    """{(page name, role, "first" or "last"): Measure} in the record grown `factor` times.

    warm_up=False when this process has already served every page once (at another factor):
    what is read once per process is read then. last_pages=False leaves the paginated lists'
    last pages unmeasured."""
    found = {}
    with scaled_record(factor):
        clients = clients_by_role()
        for page in every_page():
            path = page.path()
            for role in page.roles:
                first = measure(clients[role], path, warm_up)
                found[page.name, role, "first"] = first
                if page.paginated and last_pages:
                    last = last_page(path, page, first.pages)
                    found[page.name, role, "last"] = measure(clients[role], last, warm_up)
    return found
