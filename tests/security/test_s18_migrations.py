"""S18: no missing migration; the model moves (countries from pathfinders to partners, office
terms from partners to meetings) go back and forth on the loaded record keeping every row and the
Secretariat's permissions; every portal app migrates to zero and back.

The migrations run on the test database itself, so these are transactional tests, which load the
record themselves (they cannot use the `record` fixture's transaction).
"""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from base.accounts.roles import grant_the_secretariat_its_permissions
from base.portal_apps import portal_app_configs

# The last migration of each app before the moves (partners/0004, meetings/0004,
# partners/0005, pathfinders/0003).
BEFORE_THE_MOVES = {
    "pathfinders": "0002_history",
    "meetings": "0003_history",
    "partners": "0003_roles",
}
# Tables made by migrations after the moves, so gone while the apps are back before them, and the
# search's index on PostgreSQL, emptied with the search's migrations (which follow the moves) and
# rebuilt from the record when they run again.
LATER = {"meetings_followupdigestsent", "search_searchentry"}
# The search's vocabulary on PostgreSQL ("Did you mean", issue 23): made by a later migration.
LATER |= {"search_searchword"}
# The invitations app (issue 21) comes after the moves it depends on.
LATER |= {
    "invitations_invitation",
    "invitations_historicalinvitation",
    "invitations_sentemail",
    "invitations_optout",
}
# So does the comment rounds app (issue 22), after the invitations.
LATER |= {
    "comment_rounds_commentround",
    "comment_rounds_historicalcommentround",
    "comment_rounds_reviewer",
    "comment_rounds_comment",
    "comment_rounds_historicalcomment",
    "comment_rounds_confirmation",
    "comment_rounds_roundemail",
}
# And the follows (issue 23), after the countries, action groups and organisations they follow.
LATER |= {"following_follow", "following_followdigestsent"}
# The groups' permissions on the invitations' models go with their tables while the app is back
# before them (the Secretariat is granted them again once it is migrated): counted apart.
LATER_APPS = {"invitations", "comment_rounds", "following"}
LATER_PREFIXES = ("search_fts_",)  # SQLite's search index (search/migrations/0003) and its shadows
MOVES = ["partners.0004_country_from_pathfinders", "partners.0005_officeterm_to_meetings"]
MOVES += ["meetings.0004_officeterm_from_partners", "pathfinders.0003_country_to_partners"]
# The Secretariat's permissions on the moved models (all of them; on their history, viewing).
GRANTED = ["add", "change", "delete", "view"]


def applied():
    return {
        f"{app}.{name}"
        for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name")
    }


def without(tables, counts):
    return {
        table: rows
        for table, rows in counts.items()
        if table not in tables and not table.startswith(LATER_PREFIXES)
    }


def search_indexes(counts):
    shadows = ("_data", "_idx", "_content", "_docsize", "_config")
    return {
        table: rows
        for table, rows in counts.items()
        if table.startswith(LATER_PREFIXES) and not table.endswith(shadows)
    }


def group_permissions_but_later_apps():
    return (
        Permission.objects.filter(group__isnull=False)
        .exclude(content_type__app_label__in=LATER_APPS)
        .count()
    )


def row_counts():
    """{table: rows} for every table of the database, but the migrations' own log."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table != "django_migrations":
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts


def secretariat_permissions(model_name):
    """The Secretariat's permissions on a model and its history, by the content type's app."""
    ContentType.objects.clear_cache()
    rows = Permission.objects.filter(
        group__name="Secretariat", content_type__model__in=[model_name, f"historical{model_name}"]
    ).values_list("content_type__app_label", "codename")
    return sorted(rows)


def granted(app_label, model_name):
    return sorted(
        [(app_label, f"{action}_{model_name}") for action in GRANTED]
        + [(app_label, f"view_historical{model_name}")]
    )


@pytest.mark.django_db
def test_s18_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_s18_the_model_moves_go_back_and_forth_keeping_the_data(roles):
    call_command("load_record", verbosity=0)
    # As every `migrate` leaves them (base.accounts.roles): whether an earlier test's flush left
    # the invitations' permissions to be granted again must not count.
    grant_the_secretariat_its_permissions()
    before = row_counts()
    permissions_before = group_permissions_but_later_apps()
    assert before["meetings_attendance"] == 43  # the record is there
    assert before["pathfinders_country"] == 24 and before["partners_officeterm"] == 3
    assert set(MOVES) <= applied()
    assert secretariat_permissions("country") == granted("partners", "country")
    assert secretariat_permissions("officeterm") == granted("meetings", "officeterm")

    for app_label, name in BEFORE_THE_MOVES.items():
        call_command("migrate", app_label, name, verbosity=0)

    assert not set(MOVES) & applied()
    # Every table, every row (the content types too), but the tables later migrations make.
    apart = LATER | {"auth_group_permissions"}
    assert without(apart, row_counts()) == without(apart, before)
    assert group_permissions_but_later_apps() == permissions_before
    assert secretariat_permissions("country") == granted("pathfinders", "country")
    assert secretariat_permissions("officeterm") == granted("partners", "officeterm")

    call_command("migrate", verbosity=0)

    assert set(MOVES) <= applied()
    after = row_counts()
    assert without(set(), after) == without(set(), before)
    # The search index holds a row for each row again (its shadow tables' own b-tree pages may
    # be laid out otherwise).
    assert search_indexes(after) == search_indexes(before)
    assert secretariat_permissions("country") == granted("partners", "country")
    assert secretariat_permissions("officeterm") == granted("meetings", "officeterm")


@pytest.mark.django_db(transaction=True)
def test_s18_every_app_to_zero_and_back(roles):
    call_command("load_record", verbosity=0)
    # directory, devtools (the development tools, installed in the tests' settings) and feeds
    # have no models.
    with_migrations = [config.label for config in portal_app_configs() if list(config.get_models())]
    assert with_migrations == [
        "base",
        "partners",
        "actiongroups",
        "meetings",
        "invitations",
        "comment_rounds",
        "pathfinders",
        "search",
        "site_pages",
        "following",
    ]
    for app_label in reversed(with_migrations):
        call_command("migrate", app_label, "zero", verbosity=0)
    assert not {name.split(".")[0] for name in applied()} & set(with_migrations)
    tables = set(connection.introspection.table_names())
    assert not {"meetings_meeting", "partners_historicalperson", "base_loadedfixturerow"} & tables
    call_command("migrate", verbosity=0)
    call_command("load_record", verbosity=0)  # the schema works again
    assert row_counts()["meetings_attendance"] == 43
    assert secretariat_permissions("meeting") == granted("meetings", "meeting")
