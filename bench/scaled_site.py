"""The scaled database's side of the benchmark, run as `python -m bench.scaled_site [names]`
with the server's environment: signs a member in (a session made here, as the sign-in form
would make it) and prints, as JSON, the pages to drive with their content markers and whether the
page cache may serve them, that session's cookie, and what the database and the stack are.

`python -m bench.scaled_site --page-cache-seconds` prints only PAGE_CACHE_SECONDS as the
settings read it from this environment: what a server started with it keeps its pages for."""

import json
import sys
from importlib import import_module

import django

MEMBER = "bench-member"
OFFICER = "bench-officer"


def signed_in(username, group, staff=False):
    """The account, in `group`, and a new session for it: the session cookie's `name=value`.
    A staff account's session has given its second factor, as every one that opens the admin
    has (an authenticator app made for the run)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = User.objects.get_or_create(username=username, defaults={"is_active": True})
    user.set_unusable_password()
    user.is_staff = staff
    user.save()
    user.groups.add(Group.objects.get(name=group))
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if staff:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="default")
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def link_to_a_participant(user):
    """The member is a participant of the record, so that /me/ shows a person's page: the one
    already linked to them, or the unlinked participant of the 2019 record (the meeting numbered
    5) who attended most meetings, the lowest key among equals."""
    from django.db.models import Count

    from partners.models import Person

    if Person.objects.filter(user=user).exists():
        return
    person = (
        Person.objects.filter(user=None, attendances__meeting__number=5)
        .annotate(attended=Count("attendances__meeting", distinct=True))
        .order_by("-attended", "pk")
        .first()
    )
    person.user = user
    person.save(update_fields=["user"])


def cached_for(path, reader):
    """Whether the page cache may serve `path` to this reader at all (base/web/page_cache.py):
    a view wrapped by cache_page_per_audience for the reader's audience. Staff never are."""
    from django.urls import resolve

    from base.web.page_cache import MEMBERS, VISITORS

    audience = {"visitor": VISITORS, "member": MEMBERS}.get(reader)
    audiences = getattr(resolve(path.split("?")[0]).func, "cached_for_audiences", ())
    return audience in audiences


def database_version():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def facts(names):
    import gunicorn
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser

    from .pages import PAGES, STAFF

    unknown = set(names) - {page.name for page in PAGES}
    if unknown:
        raise SystemExit(f"bench: no such page: {', '.join(sorted(unknown))}")
    member, cookie = signed_in(MEMBER, "Members")
    link_to_a_participant(member)
    officer, officer_cookie = signed_in(OFFICER, "Secretariat", staff=True)
    readers = {"visitor": AnonymousUser(), "member": member, "officer": officer}
    pages = []
    for page in PAGES:
        if names and page.name not in names:
            continue
        path, markers = page.locate(readers[page.reader])
        if page.reader == "member":
            markers = [*markers, f"Signed in as {member.get_username()}"]
        elif page.kind.startswith(STAFF):
            markers = [*markers, f"Signed in as {officer.get_username()}"]
        pages.append(
            {
                "name": page.name,
                "kind": page.kind,
                "reader": page.reader,
                "method": page.method,
                "path": path,
                "markers": markers,
                "cached": page.method == "GET" and cached_for(path, page.reader),
            }
        )
    return {
        "pages": pages,
        "cookie": cookie,
        "officer_cookie": officer_cookie,
        "database": database_version(),
        "stack": f"Django {django.get_version()}, gunicorn {gunicorn.__version__}",
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }


if __name__ == "__main__":
    django.setup()
    if sys.argv[1:] == ["--page-cache-seconds"]:
        from django.conf import settings

        print(json.dumps(settings.PAGE_CACHE_SECONDS))
    else:
        print(json.dumps(facts(sys.argv[1:])))
