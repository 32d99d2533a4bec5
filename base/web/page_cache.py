"""Public pages cached per audience, and served again until the record changes.

What a public page shows depends on its reader only through the reader's audience: visitors (not
signed in), members (signed in, not staff) or staff. Drafts are for staff (`visible_to(user)`),
and which addresses a reader may read depends only on whether they are signed in and whether they
are staff (`EmailAddress.objects.shown_to(user)`), not on which member they are. So each public
view's page (`cache_page_per_audience`, applied in each app's urls.py) is rendered by the view for
the first reader of an audience who asks for it, and cached for that audience: the next visitors
are served the visitors' page, the next members the members' page, addresses and all. The
audience is part of the cache key: a visitor is never served a members' page, nor a member a
visitors' one. Staff, who see drafts, always get the view itself, as does a reader with messages
waiting to be shown. A response the view marks private is never cached: the open data a member
reads with addresses (base/open_data.py), whose views are declared `members=False` to say so.

Two parts of a page are the reader's own. The CSRF tokens are cached as a placeholder, and each
reader served the page gets a token of their own. In a members' page the header's account links
(`<!--account-->`, templates/includes/header.html) are cached empty and rendered for each member
served the page. A page that shows a member anything else of their own is not cached for members
(`members=False`): tests/base/test_page_cache.py renders every page cached for members for two
members and finds them the same but for those two parts.

Invalidation has one rule: every write to one of the portal's tables — through the admin, a
form, a queryset's update(), a bulk load, `restore` or raw SQL — changes the record's version,
and cached pages are filed under the version they were rendered at, so none survives a change.
The writes are noticed where all of them pass, the database connection (`notice_record_writes`),
not model by model. The version lives in a cache every process shares: Redis with REDIS_URL (and
so every server), otherwise a folder on this host (`RECORD_VERSION_DIR`), which every worker of a
single server shares.

A process that shares neither (a `manage.py shell` or command given DATABASE_URL alone) still
reaches the database, so the version is kept there too: a one-row table (`base_record_version`,
base/migrations/0002) whose number each commit that wrote to the record raises, and each process
reads at most once every RECORD_VERSION_DATABASE_SECONDS (1 s). A page is filed under both
versions. So a write from any process that reaches the database, through Django, retires every
kept page within that bound of its commit (a request already being served aside); the servers'
own writes, which change the cached version too, at once. The version table's own write is not
one of the record's (no model maps it), so raising the number does not call for raising it again.
Writes made outside Django (raw SQL in psql) are not noticed: they wait for PAGE_CACHE_SECONDS.
The test settings neither read nor raise it (the suite counts each page's queries), but for the
tests about it.

The cache may fail (Redis stopped, unreachable, out of memory; the version's folder unwritable):
the portal stands without it. A cache operation that fails is logged, and for the next
CACHE_RETRY_SECONDS this process neither reads nor writes the cache: every page is rendered by
its view, and writes to the record go on (their version change is what the cache missed). The
first cache operation that succeeds after a failure retires every cached page, since writes made
meanwhile, here or in another process, could not change the version.
"""

import hashlib
import logging
import math
import re
import time
import uuid
from functools import cache, wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation

from base.portal_apps import portal_app_configs
from base.record.written_table import written_table

VERSION_KEY = "record-version"
# The record's version in the database (base/migrations/0002_record_version.py): one row.
VERSION_TABLE = "base_record_version"
# Django's {% csrf_token %}: the reader's own in every page. It is cached as a placeholder and
# each reader served the page gets a token of their own.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
CSRF_PLACEHOLDER = rb"\1-csrf-token-\2"
CSRF_PLACEHOLDER_VALUE = b'name="csrfmiddlewaretoken" value="-csrf-token-"'
# Cookies that make a visitor's page their own: a session (a signed-in user, or a half-finished
# sign-in) or messages waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
# The header's account links (templates/includes/header.html), the member's own: cached empty.
ACCOUNT = re.compile(rb"<!--account-->.*?<!--/account-->", re.DOTALL)
ACCOUNT_EMPTY = b"<!--account--><!--/account-->"


CACHE_RETRY_SECONDS = 5
logger = logging.getLogger(__name__)


class _Outage:
    """This process's view of the cache: failed until `until` (time.monotonic()); `missed`: it
    has failed since the last retirement of every cached page."""

    until = 0.0
    missed = False


def _guarded(operation, fallback=None):
    """operation(), or `fallback` when the cache fails or failed less than CACHE_RETRY_SECONDS
    ago."""
    now = time.monotonic()
    if now < _Outage.until:
        return fallback
    try:
        if _Outage.missed:
            _set_new_version()
            _Outage.missed = False
            logger.warning("The cache answers again: every cached page retired.")
        return operation()
    except Exception:  # whatever the cache's client raises: the page is rendered without it
        logger.exception("The cache does not answer: pages are rendered without it.")
        _Outage.until, _Outage.missed = now + CACHE_RETRY_SECONDS, True
        return fallback


def cache_is_failing():
    """Whether this process's last use of the cache failed less than CACHE_RETRY_SECONDS ago."""
    return time.monotonic() < _Outage.until


def _version_store():
    return caches[settings.RECORD_VERSION_CACHE]


def _set_new_version():
    # A new random token, not a counter: two writers changing it at once cannot both land on the
    # same next value.
    _version_store().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _read_version():
    version = _version_store().get(VERSION_KEY)
    if version is None:
        # First use, or the store lost it: a new version, under which nothing is cached yet.
        _version_store().add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = _version_store().get(VERSION_KEY)
    return version


def record_version():
    """The record's current version: a token that changes with every write to it; None when the
    cache fails (nothing may then be served from it or kept in it)."""
    return _guarded(_read_version)


def record_changed():
    """Retire every cached page (when the cache fails, as soon as it answers again)."""
    _guarded(_set_new_version)


class _DatabaseVersion:
    """This process's copy of the record's version kept in the database, and when it was read
    (time.monotonic())."""

    value = None
    read_at = -math.inf


def database_version():
    """The record's version kept in the database, read at most once every
    RECORD_VERSION_DATABASE_SECONDS by this process: "" when it is not kept there (the setting
    None), None when the database cannot say (nothing may then be served from the cache)."""
    seconds = settings.RECORD_VERSION_DATABASE_SECONDS
    if seconds is None:
        return ""
    now = time.monotonic()
    if now - _DatabaseVersion.read_at >= seconds:
        try:
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute(f"SELECT version FROM {VERSION_TABLE} WHERE id = 1")
                row = cursor.fetchone()
        except DatabaseError:
            # Nothing served from the cache meanwhile, and the database asked again only once
            # the bound has passed, not by every request while it does not answer.
            logger.exception("The record's version cannot be read from the database.")
            _DatabaseVersion.value, _DatabaseVersion.read_at = None, now
            return None
        _DatabaseVersion.value = str(row[0]) if row else "0"
        _DatabaseVersion.read_at = now
    return _DatabaseVersion.value


def _raise_database_version():
    """A new version in the database, for the processes that share no cache with this one."""
    if settings.RECORD_VERSION_DATABASE_SECONDS is None:
        return
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(f"UPDATE {VERSION_TABLE} SET version = version + 1 WHERE id = 1")
            if cursor.rowcount == 0:  # the row was deleted by hand: made again
                cursor.execute(f"INSERT INTO {VERSION_TABLE} (id, version) VALUES (1, 1)")
    except DatabaseError:  # e.g. a migration's write before base/0002 made the table
        logger.exception("The record's version cannot be raised in the database.")
    _DatabaseVersion.read_at = -math.inf  # this process reads the new one for its next page


@cache
def record_tables():
    """The tables whose rows a page can show: every table of the portal's own apps (their
    many-to-many links and audit history included), but those of a model that says no page
    shows it (`shown_on_no_page`)."""
    return frozenset(
        model._meta.db_table
        for config in portal_app_configs()
        for model in apps.get_app_config(config.label).get_models(include_auto_created=True)
        if not _shown_on_no_page(model)
    )


def _shown_on_no_page(model):
    # A history table is its model's (simple_history names the model `instance_type`). A visitor
    # may write such a table (the contact form): were it the record's, anyone could empty the
    # page cache at will.
    return getattr(getattr(model, "instance_type", model), "shown_on_no_page", False)


def _changed_after_commit():
    record_changed()
    _raise_database_version()


def notice_record_writes(sender, connection, **kwargs):
    """connection_created: watch every statement this connection runs (once per connection
    object, which outlives its reconnections)."""
    if _note_record_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_record_write)


def _note_record_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if written_table(sql) in record_tables():
        connection = context["connection"]
        # Changed at once, so a page read later in the same transaction (a view that saves and
        # then renders, a test) is never one cached from before; and again once committed, since
        # another reader may have been served, and cached, the page as it was before the commit.
        record_changed()
        pending = (func for _, func, _ in connection.run_on_commit)
        if _changed_after_commit not in pending:
            transaction.on_commit(_changed_after_commit, using=connection.alias)
    return result


VISITORS = "visitors"
MEMBERS = "members"


def audience_of(request):
    """The audience whose cached page may answer `request`, or None when the view must: not a
    GET, the cache off, staff (they see drafts), or a reader with messages waiting to be shown.
    A visitor is a request without a signed-in user and without a personal cookie (a session: a
    half-finished sign-in)."""
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    user = request.user
    if not user.is_authenticated:
        return None if any(name in request.COOKIES for name in PERSONAL_COOKIES) else VISITORS
    if user.is_staff:
        return None
    if CookieStorage.cookie_name in request.COOKIES or "_messages" in request.session:
        return None
    return MEMBERS


def page_key(request, audience):
    """The page's address, as it was asked for (query included), on this host, in the reader's
    language, today (pages say what is upcoming and what is overdue), at the record's versions
    (the cache's and the database's), for the reader's audience; None when the cache fails."""
    version = record_version()
    if version is None:
        return None
    in_database = database_version()
    if in_database is None:
        return None
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    today = timezone.localdate().isoformat()
    language = translation.get_language()
    return f"page:{version}.{in_database}:{today}:{language}:{audience}:{digest}"


def _cacheable(response):
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _is_html(headers):
    return dict(headers).get("Content-Type", "").startswith("text/html")


def _account_of(request):
    account = render_to_string("includes/account.html", request=request)
    return b"<!--account-->" + account.encode() + b"<!--/account-->"


def _served_from(cached, request):
    content, headers = cached
    if request.user.is_authenticated and _is_html(headers):
        content = ACCOUNT.sub(lambda _: _account_of(request), content, count=1)
    while CSRF_PLACEHOLDER_VALUE in content:
        own = b'name="csrfmiddlewaretoken" value="' + get_token(request).encode() + b'"'
        content = content.replace(CSRF_PLACEHOLDER_VALUE, own, 1)
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _render_and_cache(view, request, args, kwargs, key, audience):
    """The view's response to `request`, cached for the audience if it may be."""
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if not _cacheable(response):
        return response
    headers = list(response.headers.items())
    content = CSRF_INPUT.sub(CSRF_PLACEHOLDER, response.content)
    if audience == MEMBERS and _is_html(headers):
        content = ACCOUNT.sub(lambda _: ACCOUNT_EMPTY, content, count=1)
    _guarded(lambda: caches["default"].set(key, (content, headers), settings.PAGE_CACHE_SECONDS))
    return response


def only_the_pages_parameters(request, params):
    """Takes out of `request` the query parameters its page does not read (S26), in a fixed
    order, so that made-up ones (`?zz=<random>`) neither make a page of their own in the cache
    nor reach the view: the view renders, and the cache keeps, the page asked for without them."""
    kept = QueryDict(mutable=True)
    for name, values in sorted(request.GET.lists()):
        if name in params:
            kept.setlist(name, values)
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def cache_page_per_audience(view, *, params=(), members=True):
    """Serve `view`'s page from the cache of the reader's audience (`audience_of`), rendering it
    with the view and caching it on the first request. Visitors always; members too unless
    `members=False`, for a view whose page shows the member anything of their own. Everyone else
    gets the view itself. `params`: the query parameters the page reads (its filters, "page"),
    which tests/base/test_page_cache_params.py finds complete; the others are taken out of a
    request served from the cache (`only_the_pages_parameters`)."""
    audiences = (VISITORS, MEMBERS) if members else (VISITORS,)
    params = frozenset(params)

    @wraps(view)
    def serve(request, *args, **kwargs):
        audience = audience_of(request)
        if audience not in audiences:
            return view(request, *args, **kwargs)
        only_the_pages_parameters(request, params)
        key = page_key(request, audience)
        if key is None:  # the cache fails: the view's own page, kept nowhere
            return view(request, *args, **kwargs)
        cached = _guarded(lambda: caches["default"].get(key))
        if cached is not None:
            return _served_from(cached, request)
        return _render_and_cache(view, request, args, kwargs, key, audience)

    serve.cached_for_audiences = audiences
    serve.reads_params = params
    return serve
