"""The scaled database's side of the benchmark, run as `python -m bench.scaled_site [names]`
with the server's environment: signs a member in (a session made here, as the sign-in form
would make it) and prints, as JSON, the pages to drive with their content markers, that
session's cookie, and what the database and the stack are."""

import json
import sys
from importlib import import_module

import django

MEMBER = "bench-member"


def signed_in_member():
    """The member account and a new session for it: the session cookie's `name=value`."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User

    member, _ = User.objects.get_or_create(username=MEMBER, defaults={"is_active": True})
    member.set_unusable_password()
    member.save()
    member.groups.add(Group.objects.get(name="Members"))
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = member._meta.pk.value_to_string(member)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.save()
    return member, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


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

    from .pages import PAGES

    unknown = set(names) - {page.name for page in PAGES}
    if unknown:
        raise SystemExit(f"bench: no such page: {', '.join(sorted(unknown))}")
    member, cookie = signed_in_member()
    pages = []
    for page in PAGES:
        if names and page.name not in names:
            continue
        path, markers = page.locate(member if page.signed_in else AnonymousUser())
        if page.signed_in:
            markers = [*markers, f"Signed in as {member.get_username()}"]
        pages.append({"name": page.name, "kind": page.kind, "path": path, "markers": markers})
    return {
        "pages": pages,
        "cookie": cookie,
        "database": database_version(),
        "stack": f"Django {django.get_version()}, gunicorn {gunicorn.__version__}",
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(facts(sys.argv[1:])))
