"""Every command the README shows works as written on a fresh clone, or the table below says why
this test does not run it.

"A fresh clone" is what `git clone` gives, plus the working tree's uncommitted changes (the files
`git ls-files --cached --others --exclude-standard` lists): no .venv, no db.sqlite3, no
node_modules, no .env. Its commands run with a clean environment (PATH, HOME and LANG only: no
DJANGO_SETTINGS_MODULE, SECRET_KEY or DATABASE_URL), as in a newcomer's shell. The clone's
`make run` makes its own .venv from the lock file (pip's cache makes that quick after the first
time); nothing of this checkout's .venv or database is used.

They run on the engine this suite runs on: on SQLite, the default they are written for, with no
DATABASE_URL at all; on PostgreSQL, with DATABASE_URL naming new databases made on the suite's
server for this test (and dropped after it), as the README says `make run` honours it.
"""

import os
import pty
import re
import select
import shlex
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.request
from contextlib import closing
from itertools import dropwhile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from devtools.serving import clean_environment, free_port, running

ROOT = settings.BASE_DIR
README = ROOT / "README.md"
# What the home page shows once the 2019 record is loaded (the report's title of the meeting).
RECORD_ON_THE_HOME_PAGE = "5th Meeting of the Global Coordinating Group"
# The account the README's createsuperuser makes here: its prompts are answered with these.
MANAGER = {"username": "manager", "email": "manager@example.org", "password": "a-long-pw-for-9"}
# The first start creates .venv and installs from the lock file: that may take a while.
FIRST_START_SECONDS = 240
START_SECONDS = 60
COMMAND_SECONDS = 180  # `make restore` migrates a new database: a minute on a busy machine

# Every command the README shows, as it shows it: how this test runs and checks it...
RUN = {
    "make run": (
        "run as `make run PORT=<free port>` (the next entry): the same target on a port that is "
        "surely free; the home page answers with the 2019 record"
    ),
    "make run PORT=8123": (
        "run as written with a free port in place of 8123, twice: the first start creates .venv, "
        "migrates, loads the 2019 record and serves it; the second loads 0 new objects"
    ),
    ".venv/bin/python manage.py createsuperuser": (
        "run as written on a pseudo-terminal, its prompts answered (username, e-mail, password "
        "twice): a superuser with that password"
    ),
    ".venv/bin/python manage.py invite aofficer a.officer@example.org --secretariat": (
        "run as written: the link is printed (console e-mail); aofficer is staff, in the "
        "Secretariat group, with no usable password"
    ),
    ".venv/bin/python manage.py invite lspagnolo lspagnolo@example.org": (
        "run as written: the link is printed; lspagnolo is in the Members group, not staff"
    ),
    "make backup": "run as written: it names the file it wrote, under backups/",
    "make restore FILE=backups/gcg-2026-01-31T120000Z.json": (
        "run with the file `make backup` wrote in place of the example, and DATABASE_URL naming "
        "a new database (the README: into a new, empty database): every table then holds as "
        "many rows as in the database backed up"
    ),
    "make restore": "run with its FILE, as the entry above",
}
# ... or why it does not.
SAME_COMMAND_BELOW = "a timer's command: the `.venv/bin/python manage.py` line of its name"
NOT_RUN = {
    # The scheduled commands as the table of systemd timers names them (deploy/systemd/): each
    # unit's command is checked to exist by tests/security/test_deploy_units.py.
    "manage.py backup": "a timer's command; `backup` itself is tested by tests/security/"
    "test_s19_backup_restore.py",
    "manage.py purge_kept_uploads": SAME_COMMAND_BELOW,
    "manage.py purge_sign_in_records": SAME_COMMAND_BELOW,
    "manage.py purge_contact_messages": SAME_COMMAND_BELOW,
    "manage.py send_followup_digest": SAME_COMMAND_BELOW,
    "make test": "it is this suite (which CI runs as `make test`, on a fresh clone)",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/gcg make test": (
        "this suite on PostgreSQL: what CI's second run does (.ci/run)"
    ),
    "npm ci": "run by `make test` (browser-deps); it needs the network (the npm registry)",
    "make lock": "needs the network (PyPI), and rewrites the lock files",
    ".venv/bin/pip install '.[s3]'": (
        "needs the network (PyPI) and an S3-compatible service to be of use; the storage settings "
        "it enables are tested by tests/meetings/test_document_files.py"
    ),
    "make lint": "CI's first step (.ci/run)",
    ".venv/bin/pytest tests/meetings/test_report.py": (
        "a part of this suite, run by pytest as this test is run"
    ),
    "make serve": (
        "production settings: it refuses to start without SECRET_KEY; tested, with one, by "
        "tests/security/test_serve.py"
    ),
    "SECRET_KEY=... ALLOWED_HOSTS=gcg.example.org DATABASE_URL=postgres://... make serve": (
        "placeholder values; `make serve` itself is tested by tests/security/test_serve.py"
    ),
    ".venv/bin/python manage.py purge_kept_uploads": (
        "deletes the kept uploads of the storage it is run on; tested on the test storage by "
        "tests/meetings/test_kept_uploads.py"
    ),
    ".venv/bin/python manage.py purge_sign_in_records": (
        "deletes the sign-in records of the database it is run on; tested with a frozen clock by "
        "tests/security/test_sign_in_records.py"
    ),
    ".venv/bin/python manage.py purge_contact_messages": (
        "deletes the contact messages of the database it is run on; tested with a frozen clock by "
        "tests/site_pages/test_purge.py"
    ),
    ".venv/bin/python manage.py send_followup_digest": (
        "e-mails real addresses once SMTP is set; tested with the locmem backend and a frozen "
        "clock by tests/meetings/test_followup_digest.py"
    ),
    ".venv/bin/python manage.py send_invitations": (
        "e-mails real addresses once SMTP is set; tested with the locmem backend and a frozen "
        "clock by tests/invitations/test_sending.py"
    ),
    ".venv/bin/python manage.py send_registration_reminders": (
        "as the entry above: tests/invitations/test_sending.py"
    ),
    ".venv/bin/python manage.py send_date_confirmed": (
        "as the entry above: tests/invitations/test_sending.py"
    ),
    ".venv/bin/python manage.py send_round_emails": (
        "e-mails real addresses once SMTP is set; tested with the locmem backend and a frozen "
        "clock by tests/comment_rounds/test_sending.py"
    ),
    ".venv/bin/python manage.py makemessages -l fr -l es --add-location=file --ignore=.venv "
    "--ignore=node_modules --ignore=staticfiles --ignore=tests": (
        "it rewrites the catalogues; tests/alliance87/test_catalogues.py runs it on a copy of the "
        "code and checks the catalogues hold every string it finds"
    ),
    "make bench": (
        "takes minutes and needs Debian's wrk; its machinery is run at a tiny scale by "
        "tests/bench/test_bench.py"
    ),
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/gcg_bench make bench": (
        "`make bench` on PostgreSQL: as the entry above, which runs the same code"
    ),
    "BENCH_FACTOR=1000 make bench": (
        "`make bench` at factor 1000 against 100: builds a database of a thousand times the "
        "record (minutes); the comparison's machinery is run at a tiny scale by "
        "tests/bench/test_bench.py"
    ),
    "BENCH_CACHE=rendered make bench": (
        "`make bench`, one column: tests/bench/test_bench.py runs each column at a tiny scale"
    ),
    "BENCH_PAGES=home,meeting BENCH_SECONDS=1 BENCH_ROUNDS=1 BENCH_OUTPUT=/tmp/b.md make bench": (
        "`make bench` on two pages: tests/bench/test_bench.py runs a tiny run of its own"
    ),
    "make messages": "run by `make run`, `make serve` and `make test`, which this table covers",
    "manage.py check --deploy --fail-level WARNING": (
        "with the production settings, by tests/security/test_s17_deploy_check.py"
    ),
}

SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
ASSIGNMENT = re.compile(r"^[A-Z_]+=\S*$")
PROGRAMS = {"make", "npm", "python", "python3", "manage.py"}


def readme_commands(text):
    """The commands README.md shows: each line of its ```sh blocks (less its `# comment`), and each
    inline `code` that runs a program with arguments (`make run PORT=8123`; not `make` alone, a
    file name, or a variable to set)."""
    commands = set()
    for block in SH_BLOCK.findall(text):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if command:
                commands.add(command)
    for code in INLINE_CODE.findall(SH_BLOCK.sub("", text)):
        arguments = list(dropwhile(ASSIGNMENT.match, code.split()))
        if len(arguments) < 2:
            continue
        if arguments[0] in PROGRAMS or arguments[0].startswith(".venv/bin/"):
            commands.add(code)
    return commands


def test_every_readme_command_is_run_here_or_says_why_not():
    shown = readme_commands(README.read_text())
    assert ".venv/bin/python manage.py createsuperuser" in shown  # the parser reads the blocks
    assert "make run PORT=8123" in shown  # and the commands written inline
    assert not set(RUN) & set(NOT_RUN)
    assert sorted(shown - set(RUN) - set(NOT_RUN)) == [], "README commands missing from the table"
    assert sorted((set(RUN) | set(NOT_RUN)) - shown) == [], "table entries no longer in the README"


def as_written(command):
    """A command of the README that this test runs (so the table says how)."""
    assert command in RUN, command
    return command


# --- the fresh clone --------------------------------------------------------------------------


def run(clone, command, env, timeout=COMMAND_SECONDS):
    """Run one README command line in the clone, as a shell would split it; its output."""
    result = subprocess.run(
        shlex.split(command),
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


def converse(clone, command, env, answers, timeout=COMMAND_SECONDS):
    """Run `command` on a pseudo-terminal (as typed in a terminal), answering each prompt in turn
    (a prompt: text ending with ":", containing the given text); what it printed. It fails on a
    prompt it was not expecting (nothing answers it)."""
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        shlex.split(command),
        cwd=clone,
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    output, answered, pending = "", 0, list(answers)
    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([main], [], [], max(0, deadline - time.monotonic()))
            assert ready, f"{command}: no end after {timeout} s; it printed:\n{output}"
            try:
                chunk = os.read(main, 4096)
            except OSError:  # EIO: the command has ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk.decode(errors="replace")
            waiting = output[answered:]
            if pending and pending[0][0] in waiting and waiting.rstrip().endswith(":"):
                os.write(main, f"{pending.pop(0)[1]}\n".encode())
                answered = len(output)
    finally:
        os.close(main)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.wait(timeout=10) == 0, f"{command} failed:\n{output}"
    assert not pending, f"{command} never asked {pending[0][0]!r}:\n{output}"
    return output


def make_run(clone, env, log, within):
    """`make run PORT=...` in the background until its home page answers (within `within`
    seconds), then stopped: the home page's text, and what the command printed."""
    port = free_port()
    command = shlex.split(as_written("make run PORT=8123").replace("8123", str(port)))
    with running(command, port, cwd=clone, env=env, log=log, ready="/", seconds=within) as server:
        with urllib.request.urlopen(server.url("/"), timeout=30) as page:
            text = page.read().decode()
    return text, log.read_text()


def make_clone(destination):
    """Copy what a clone of the working tree holds: git's files, committed or not."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    files = [name for name in listed.split("\0") if name and (ROOT / name).is_file()]
    assert "manage.py" in files and "requirements/base.txt" in files
    for name in files:
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, destination / name)
    for absent in (".venv", "db.sqlite3", "node_modules", ".env"):
        assert not (destination / absent).exists(), absent
    return destination


class SQLiteFile:
    """A SQLite database file, read directly (not through the portal's code). `environment` is
    what the README's commands need to use it: nothing for the default file, db.sqlite3."""

    def __init__(self, path, environment):
        self.path, self.environment = path, environment

    def query(self, sql, *parameters):
        with closing(sqlite3.connect(self.path)) as connection:
            return connection.execute(sql.replace("%s", "?"), parameters).fetchall()

    def tables(self):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return [name for (name,) in self.query(sql)]

    def drop(self):
        self.path.unlink(missing_ok=True)


class PostgreSQLDatabase:
    """A new database on the suite's PostgreSQL server, read directly with psycopg."""

    def __init__(self, name):
        server = settings.DATABASES["default"]
        self.server = {
            "host": server["HOST"] or "127.0.0.1",
            "port": server["PORT"] or 5432,
            "user": server["USER"],
            "password": server["PASSWORD"],
        }
        self.name = name
        with psycopg.connect(dbname="postgres", autocommit=True, **self.server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        s = self.server
        password = f":{s['password']}" if s["password"] else ""
        url = f"postgres://{s['user']}{password}@{s['host']}:{s['port']}/{name}"
        self.environment = {"DATABASE_URL": url}

    def query(self, sql, *parameters):
        with psycopg.connect(dbname=self.name, **self.server) as database:
            return database.execute(sql, parameters).fetchall()

    def tables(self):
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        return [name for (name,) in self.query(sql)]

    def drop(self):
        with psycopg.connect(dbname="postgres", autocommit=True, **self.server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def row_counts(database):
    return {
        table: database.query(f'SELECT count(*) FROM "{table}"')[0][0]
        for table in database.tables()
    }


def accounts(database):
    """{username: (email, is_staff, is_superuser, usable password, [groups])}."""
    rows = database.query(
        "SELECT u.username, u.email, u.is_staff, u.is_superuser, u.password, g.name "
        "FROM auth_user u LEFT JOIN auth_user_groups ug ON ug.user_id = u.id "
        "LEFT JOIN auth_group g ON g.id = ug.group_id ORDER BY u.username, g.name",
    )
    found = {}
    for username, email, staff, superuser, password, group in rows:
        entry = found.setdefault(
            username, (email, bool(staff), bool(superuser), not password.startswith("!"), [])
        )
        if group:
            entry[4].append(group)
    return found


@pytest.fixture(scope="module")
def new_database(tmp_path_factory):
    """Makes new, empty databases on this suite's engine, dropped when the module ends:
    `new_database(name, default_file=None)`. On SQLite, `default_file` is the README's default
    (used with no DATABASE_URL); otherwise a new file."""
    made = []

    def new(name, default_file=None):
        if connection.vendor == "postgresql":
            database = PostgreSQLDatabase(f"readme_{name}_{os.getpid()}")
        elif default_file is not None:
            database = SQLiteFile(default_file, environment={})
        else:
            path = tmp_path_factory.mktemp(name) / "db.sqlite3"
            database = SQLiteFile(path, environment={"DATABASE_URL": f"sqlite:///{path}"})
        made.append(database)
        return database

    yield new
    for database in made:
        database.drop()


@pytest.fixture(scope="module")
def clone(tmp_path_factory, new_database):
    """A fresh clone after the README's `make run`: its directory, its database and the
    environment its commands run with (the server has stopped)."""
    clone = make_clone(tmp_path_factory.mktemp("fresh-clone"))
    database = new_database("clone", default_file=clone / "db.sqlite3")
    env = clean_environment(**database.environment)
    logs = tmp_path_factory.mktemp("make-run-logs")

    page, first_log = make_run(clone, env, logs / "first.log", within=FIRST_START_SECONDS)
    assert RECORD_ON_THE_HOME_PAGE in page
    assert re.search(r"^Loaded [1-9]\d* new objects, kept 0 existing", first_log, re.M), first_log

    page, second_log = make_run(clone, env, logs / "second.log", within=START_SECONDS)
    assert RECORD_ON_THE_HOME_PAGE in page
    assert re.search(r"^Loaded 0 new objects, kept [1-9]\d* existing", second_log, re.M)
    assert "Installing" not in second_log and "pip install" not in second_log, second_log
    return clone, database, env


def test_the_readme_commands_work_as_written_on_a_fresh_clone(clone, new_database):
    """After `make run` (the fixture), the commands of "The first accounts" and of "Backup and
    restore", as written, on the clone's own database."""
    clone, database, env = clone
    assert accounts(database) == {}

    prompts = [
        ("Username (leave blank to use", MANAGER["username"]),
        ("Email address:", MANAGER["email"]),
        ("Password:", MANAGER["password"]),
        ("Password (again):", MANAGER["password"]),
    ]
    output = converse(clone, as_written(".venv/bin/python manage.py createsuperuser"), env, prompts)
    assert "Superuser created successfully." in output
    check = run(
        clone,
        ".venv/bin/python manage.py shell -c "
        + shlex.quote(
            "from django.contrib.auth.models import User; "
            f"print(User.objects.get(username={MANAGER['username']!r})"
            f".check_password({MANAGER['password']!r}))"
        ),
        env,
    )
    assert check.stdout.strip().splitlines()[-1] == "True"  # after what `shell` says first

    invited = {
        command.split()[3]: run(clone, as_written(command), env).stdout
        for command in [
            ".venv/bin/python manage.py invite aofficer a.officer@example.org --secretariat",
            ".venv/bin/python manage.py invite lspagnolo lspagnolo@example.org",
        ]
    }
    assert "Invited aofficer as Secretariat; the link is on its way." in invited["aofficer"]
    assert "Invited lspagnolo as member; the link is on its way." in invited["lspagnolo"]
    link = re.compile(r"http://127\.0\.0\.1:8000/accounts/reset/[\w-]+/[\w-]+/")
    for username, output in invited.items():
        assert link.search(output), output
        assert f"Your username: {username}" in output, output

    assert accounts(database) == {
        "aofficer": ("a.officer@example.org", True, False, False, ["Secretariat"]),
        "lspagnolo": ("lspagnolo@example.org", False, False, False, ["Members"]),
        "manager": ("manager@example.org", True, True, True, []),
    }

    backup = run(clone, as_written("make backup"), env).stdout.strip().splitlines()[-1]
    assert Path(backup).parent == clone / "backups", backup
    assert re.fullmatch(r"gcg-\d{4}-\d\d-\d\dT\d{6}Z\.json", Path(backup).name), backup

    restored = new_database("restored")
    run(
        clone,
        as_written("make restore FILE=backups/gcg-2026-01-31T120000Z.json").replace(
            "gcg-2026-01-31T120000Z.json", Path(backup).name
        ),
        clean_environment(**restored.environment),
    )
    before, after = row_counts(database), row_counts(restored)
    assert before["meetings_meeting"] == 1 and before["auth_user"] == 3
    assert after == before
