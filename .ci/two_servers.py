"""Two gunicorn servers behind an imagined load balancer, against one PostgreSQL and one Redis
(docs/deploy.md), checked the way a visitor moving between them would notice:

- a session made on one server is valid on the other (and signing out on one ends it on both);
- an edit through the admin of one is visible through the other at once, with both servers'
  pages fetched, and kept in Redis for anonymous visitors, before the edit (the kept pages are
  retired for both);
- sign-in throttling counts the failures made on both servers together (django-axes' database
  handler, the default, keeps its counts in the shared database).

Run by .ci/run after the PostgreSQL suite. It skips nothing: without PostgreSQL or Redis it
fails, saying which. Every check that fails is listed; the exit status is 1 if any did.

    .venv/bin/python .ci/two_servers.py
"""

import os
import re
import secrets
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import redis
from django_otp.oath import TOTP

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools.browser import Browser  # noqa: E402
from devtools.serving import clean_environment, free_port, running  # noqa: E402

POSTGRES = "postgres://postgres@127.0.0.1:5432"
# A PostgreSQL database and a Redis database of its own, dropped and emptied first: nothing left
# from an earlier run counts. TWO_SERVERS_DATABASE and TWO_SERVERS_REDIS_DB name others, for two
# checkouts running this at once on the same services.
DATABASE = os.environ.get("TWO_SERVERS_DATABASE", "gcg_two_servers")
REDIS_URL = f"redis://127.0.0.1:6379/{os.environ.get('TWO_SERVERS_REDIS_DB', '14')}"
ADMIN = ("two-servers-admin", secrets.token_urlsafe(16))
MEMBER = ("two-servers-member", secrets.token_urlsafe(16))
# The admin's authenticator app: its key, made here, so that this script reads its codes.
ADMIN_APP_KEY = secrets.token_hex(20)
STEP = "two_step_sign_in_view-current_step"
FAILURE_LIMIT = 5  # settings.AXES_FAILURE_LIMIT's default

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def require_services():
    try:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{DATABASE}"')
    except psycopg.OperationalError as error:
        sys.exit(f"two servers: cannot reach PostgreSQL at {POSTGRES}: {error}")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).flushdb()
    except redis.RedisError as error:
        sys.exit(f"two servers: cannot reach Redis at {REDIS_URL}: {error}")


def manage(env, *arguments):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def prepare(env):
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "load_record", "--verbosity", "0")
    manage(
        env,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.contrib.auth.models import User; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"admin = User.objects.create_superuser('{ADMIN[0]}', password='{ADMIN[1]}'); "
        f"TOTPDevice.objects.create(user=admin, name='default', key='{ADMIN_APP_KEY}'); "
        f"User.objects.create_user('{MEMBER[0]}', password='{MEMBER[1]}')",
    )


def sign_in(browser, port, account, code=None):
    """The portal's two-step sign-in as a browser posts it: the password, then the code of the
    account's authenticator app if it has one. The last answer's status."""
    fields = {STEP: "auth", "auth-username": account[0], "auth-password": account[1]}
    status, response, _ = browser.post(port, "/accounts/login/", fields)
    if code is not None:
        status, response, _ = browser.post(
            port, "/accounts/login/", {STEP: "token", "token-otp_token": code}
        )
    return status, response


def admin_app_code():
    return f"{TOTP(bytes.fromhex(ADMIN_APP_KEY)).token():06d}"


class FormFields(HTMLParser):
    """The values a browser would send with the page's form `form_id`."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None
        self.first_option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self.select, self.first_option, self.chosen = name, None, False
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.fields.append((self.select, attrs.get("value", "")))
                self.chosen = True
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            if not self.chosen and self.first_option is not None:
                self.fields.append((self.select, self.first_option))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None


def form_fields(page, form_id):
    parser = FormFields(form_id)
    parser.feed(page)
    return parser.fields


def sessions_are_shared(one, other):
    member = Browser(forwarded_for="198.51.100.10")
    status, response = sign_in(member, one, MEMBER)
    check(status == 302 and "sessionid" in member.cookies, "a member signs in on the first server")
    status, _, _ = member.get(other, "/accounts/password_change/")
    check(status == 200, "the session made on the first server is valid on the second")
    member.post(other, "/accounts/logout/", {})
    status, response, _ = member.get(one, "/accounts/password_change/")
    check(
        status == 302 and "/accounts/login/" in response.getheader("Location", ""),
        "signed out on the second server, the session is over on the first too",
    )


def first_organization():
    with psycopg.connect(f"{POSTGRES}/{DATABASE}") as db:
        return db.execute(
            "SELECT id, slug, name FROM partners_organization ORDER BY name LIMIT 1"
        ).fetchone()


def edits_are_seen_everywhere(one, other):
    pk, slug, name = first_organization()
    page = f"/organizations/{slug}/"
    visitor = Browser(forwarded_for="198.51.100.20")
    for port in (one, other):  # both servers have served (and may have cached) the page
        status, _, body = visitor.get(port, page)
        check(status == 200 and name in body, f"the organisation's page on :{port} before the edit")
    kept = redis.Redis.from_url(REDIS_URL).keys("*page:*")
    check(bool(kept), f"anonymous pages are kept in the shared Redis ({len(kept)} kept)")
    admin = Browser(forwarded_for="198.51.100.21")
    status, _ = sign_in(admin, one, ADMIN, code=admin_app_code())
    check(status == 302, "the Secretariat signs in with its second factor on the first server")
    change = f"/admin/partners/organization/{pk}/change/"
    status, _, form_page = admin.get(one, change)
    check(status == 200, "the organisation's change form on the first server")
    new_name = f"{name} (renamed on one server)"
    fields = [(key, value) for key, value in form_fields(form_page, "organization_form")]
    fields = [(key, new_name if key == "name" else value) for key, value in fields]
    fields.append(("_save", "Save"))
    status, response, body = admin.request(
        one, "POST", change, [*fields, ("csrfmiddlewaretoken", admin.cookies["csrftoken"])]
    )
    check(status == 302, f"the rename is saved through the first server's admin (got {status})")
    for port in (other, one):
        status, _, body = visitor.get(port, page)
        check(status == 200 and new_name in body, f"the new name on :{port}, at once")


def throttling_counts_across_servers(one, other):
    attacker = Browser(forwarded_for="203.0.113.30")
    answers = []
    for attempt in range(FAILURE_LIMIT):
        port = (one, other)[attempt % 2]
        answers.append(sign_in(attacker, port, (MEMBER[0], f"wrong-{attempt}"))[0])
    # Per server, the first would have seen 3 failures and the second 2: no lockout yet.
    check(
        answers == [200] * (FAILURE_LIMIT - 1) + [429],
        f"the {FAILURE_LIMIT}th failure, alternating servers, is refused (got {answers})",
    )
    member = Browser(forwarded_for="203.0.113.31")
    status = sign_in(member, other if FAILURE_LIMIT % 2 else one, MEMBER)[0]
    check(status == 429, "then the right password is refused on the other server too")


def main():
    require_services()
    with tempfile.TemporaryDirectory(prefix="gcg-two-servers-") as folder:
        env = clean_environment(
            DJANGO_SETTINGS_MODULE="alliance87.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            DATABASE_URL=f"{POSTGRES}/{DATABASE}",
            REDIS_URL=REDIS_URL,
            STATIC_ROOT=str(Path(folder) / "static"),
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
            TRUSTED_PROXY_COUNT="1",
            WEB_CONCURRENCY="2",
        )
        prepare(env)
        ports = free_port(), free_port()
        with ExitStack() as servers:
            for number, port in enumerate(ports, 1):
                command = [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py"]
                log = Path(folder) / f"server-{number}.log"
                server_env = {**env, "PORT": str(port)}
                servers.enter_context(running(command, port, cwd=ROOT, env=server_env, log=log))
            print(f"two servers on :{ports[0]} and :{ports[1]}")
            for port in ports:
                status, _, body = Browser().get(port, "/readyz")
                check(status == 200, f":{port} is ready: its database and Redis answer ({body!r})")
            sessions_are_shared(*ports)
            edits_are_seen_everywhere(*ports)
            throttling_counts_across_servers(*ports)
            for number in (1, 2):
                log = (Path(folder) / f"server-{number}.log").read_text()
                check(not re.search(r'" 5\d\d ', log), f"server {number} answered no 5xx")
    if failures:
        sys.exit(f"two servers: {len(failures)} check(s) failed")
    print("two servers: every check passed")


if __name__ == "__main__":
    main()
