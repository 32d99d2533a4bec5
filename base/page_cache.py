"""Pages as anonymous visitors see them, kept and served again until the record changes.

A visitor who is not signed in sees the same page as every other such visitor (in the same
language, on the same day), so it is rendered once and kept (`cached_for_visitors`, applied to
the public views in each app's urls.py). What signed-in readers see is never kept: drafts,
addresses and members-only content reach signed-in users only. Where a page shows members
exactly what it shows visitors (`same_for_members`, proved page by page in
tests/base/test_page_cache.py), a member is served the visitors' page (kept, or rendered as a
visitor's and kept) with the one part that is the reader's own, the header's account links,
rendered for them. Where a page shows members more in parts it marks (the directory's
addresses), the view's `members_own` fills those parts in for the member, from the database,
on every request. Staff, who also see drafts, always get the view itself.

Invalidation has one rule: every write to one of the portal's tables — through the admin, a
form, a queryset's update(), a bulk load, `restore` or raw SQL — changes the record's version,
and kept pages are filed under the version they were rendered at, so none survives a change.
The writes are noticed where all of them pass, the database connection (`notice_record_writes`),
not model by model. The version lives in a cache every process shares: Redis with REDIS_URL (and
so every server), otherwise a folder on this host (`RECORD_VERSION_DIR`), which every worker of a
single server shares.
"""

import copy
import hashlib
import re
import uuid
from functools import cache, wraps

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .portal_apps import portal_app_configs

VERSION_KEY = "record-version"
# Django's {% csrf_token %}: the only part of a visitor's page that is the visitor's own. It is
# kept as a placeholder and each visitor served the page gets a token of their own.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
CSRF_PLACEHOLDER = rb"\1-csrf-token-\2"
CSRF_PLACEHOLDER_VALUE = b'name="csrfmiddlewaretoken" value="-csrf-token-"'
WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)', re.IGNORECASE
)
# Cookies that make a visitor's page their own: a session (a signed-in user, or a half-finished
# sign-in) or messages waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
# The header's account links (templates/includes/header.html), the reader's own.
ACCOUNT = re.compile(rb"<!--account-->.*?<!--/account-->", re.DOTALL)


def _version_store():
    return caches[settings.RECORD_VERSION_CACHE]


def record_version():
    """The record's current version: a token that changes with every write to it."""
    version = _version_store().get(VERSION_KEY)
    if version is None:
        # First use, or the store lost it: a new version, under which nothing is kept yet.
        _version_store().add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = _version_store().get(VERSION_KEY)
    return version


def record_changed():
    """Retire every kept page. A new random token, not a counter: two writers changing it at
    once cannot both land on the same next value."""
    _version_store().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


@cache
def record_tables():
    """The tables whose rows a page can show: every table of the portal's own apps (their
    many-to-many links and audit history included)."""
    return frozenset(
        model._meta.db_table
        for config in portal_app_configs()
        for model in apps.get_app_config(config.label).get_models(include_auto_created=True)
    )


def _changed_after_commit():
    record_changed()


def notice_record_writes(sender, connection, **kwargs):
    """connection_created: watch every statement this connection runs (once per connection
    object, which outlives its reconnections)."""
    if _note_record_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_record_write)


def _note_record_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    written = WRITE.match(sql)
    if written and written.group(1) in record_tables():
        connection = context["connection"]
        # Changed at once, so a page read later in the same transaction (a view that saves and
        # then renders, a test) is never one kept from before; and again once committed, since
        # another visitor may have been served, and kept, the page as it was before the commit.
        record_changed()
        pending = (func for _, func, _ in connection.run_on_commit)
        if _changed_after_commit not in pending:
            transaction.on_commit(_changed_after_commit, using=connection.alias)
    return result


def _may_be_kept(request):
    return request.method in ("GET", "HEAD") and settings.PAGE_CACHE_SECONDS > 0


def is_for_visitors(request):
    """Whether the request may be served, and its response kept, as every visitor's page."""
    if not _may_be_kept(request):
        return False
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return False
    return not request.user.is_authenticated


def reads_as_visitors_do(request):
    """Whether a signed-in reader may be served the visitors' kept page of a view that shows
    members what it shows visitors: a member (not staff: staff see drafts) with no message
    waiting to be shown."""
    if not _may_be_kept(request):
        return False
    if CookieStorage.cookie_name in request.COOKIES or "_messages" in request.session:
        return False
    return request.user.is_authenticated and not request.user.is_staff


def as_visitor(request):
    """The member's request as a visitor who is not signed in makes it (same address, same
    language), to render the visitors' page the member is then served."""
    visitor = copy.copy(request)
    visitor.user = AnonymousUser()
    return visitor


def page_key(request):
    """The page's address, as it was asked for (query included), on this host, in the visitor's
    language, today (pages say what is upcoming and what is overdue), at the record's version."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    today = timezone.localdate().isoformat()
    return f"page:{record_version()}:{today}:{translation.get_language()}:{digest}"


def _keepable(response):
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _account_of(request):
    account = render_to_string("includes/account.html", request=request)
    return b"<!--account-->" + account.encode() + b"<!--/account-->"


def _served_from(kept, request, members_own=None):
    content, headers = kept
    if request.user.is_authenticated:
        content = ACCOUNT.sub(lambda _: _account_of(request), content, count=1)
        if members_own is not None:
            content = members_own.fill(request, content)
    while CSRF_PLACEHOLDER_VALUE in content:
        own = b'name="csrfmiddlewaretoken" value="' + get_token(request).encode() + b'"'
        content = content.replace(CSRF_PLACEHOLDER_VALUE, own, 1)
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _render_and_keep(view, request, args, kwargs, key):
    """The view's response for a visitor, and what was kept of it (None if it may not be)."""
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if not _keepable(response):
        return response, None
    kept = (CSRF_INPUT.sub(CSRF_PLACEHOLDER, response.content), list(response.headers.items()))
    caches["default"].set(key, kept, settings.PAGE_CACHE_SECONDS)
    return response, kept


def cached_for_visitors(view, *, same_for_members=False, members_own=None):
    """Serve `view`'s page to visitors who are not signed in from the cache, rendering and
    keeping it on the first visit. Signed-in readers get the view itself, unless the view shows
    members what it shows visitors (`same_for_members`): a member is then served the visitors'
    page (kept, or rendered as a visitor would and kept) with their own account links. A view
    that shows members more than visitors in marked parts of the page passes `members_own`: its
    `serves(request)` says whether a member's request can be answered so, and its
    `fill(request, content)` renders the member's own parts into the visitors' page."""
    served_to_members = same_for_members or members_own is not None

    @wraps(view)
    def serve(request, *args, **kwargs):
        if is_for_visitors(request):
            key = page_key(request)
            kept = caches["default"].get(key)
            if kept is not None:
                return _served_from(kept, request)
            return _render_and_keep(view, request, args, kwargs, key)[0]
        if (
            served_to_members
            and reads_as_visitors_do(request)
            and (members_own is None or members_own.serves(request))
        ):
            key = page_key(request)
            kept = caches["default"].get(key)
            if kept is None:
                kept = _render_and_keep(view, as_visitor(request), args, kwargs, key)[1]
            if kept is not None:
                return _served_from(kept, request, members_own)
        return view(request, *args, **kwargs)

    serve.kept_for_visitors = True
    serve.same_for_members = served_to_members
    return serve
