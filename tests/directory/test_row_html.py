"""directory.row_html writes the rows the directory's and the organisations list's templates
wrote with a loop (the templates before it, here), byte for byte: every branch, with text that
needs escaping, in English and French."""

from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation

from directory.row_html import organization_rows, people_rows

TRICKY = '<b>Tom & Jerry\'s</b> "quote"'

# The rows as the templates' loops wrote them before directory.row_html (URLs built as plainly).
PEOPLE_BEFORE = engines["django"].from_string(
    (Path(__file__).parent / "people_rows_before.html").read_text().rstrip("\n")
)
ORGANIZATIONS_BEFORE = engines["django"].from_string(
    (Path(__file__).parent / "organization_rows_before.html").read_text().rstrip("\n")
)

PEOPLE = [
    # pk, name, position, organisation, its slug, its country, meetings, addresses
    (1, TRICKY, TRICKY, TRICKY, "tricky", TRICKY, [(TRICKY, "m-1", "remote")], [TRICKY]),
    (2, "Ann", "", "ILO", "ilo", None, [], []),
    (
        3,
        "Bo",
        "",
        "ILO",
        "ilo",
        None,
        [("5th", "m-5", "in_person"), ("6th", "m-6", "remote")],
        ["a@example.org", "b@example.org"],
    ),
]


@pytest.fixture(params=["en", "fr"])
def language(request):
    with translation.override(request.param):
        yield request.param


@pytest.mark.parametrize("show_emails", [False, True])
def test_people_rows_are_the_template_rows(language, show_emails):
    rows = [
        {
            "pk": pk,
            "name": name,
            "position": position,
            "organization__name": org,
            "organization__slug": org_slug,
            "organization__country__name": country,
        }
        for pk, name, position, org, org_slug, country, _meetings, _emails in PEOPLE
    ]
    attended = {pk: meetings for pk, *_, meetings, _emails in PEOPLE if meetings}
    emails = {pk: addresses for pk, *_, addresses in PEOPLE if addresses}
    people = [
        {
            "name": name,
            "position": position,
            "org": org,
            "org_slug": org_slug,
            "country": country,
            "meetings": meetings,
            "emails": addresses,
        }
        for _pk, name, position, org, org_slug, country, meetings, addresses in PEOPLE
    ]
    expected = PEOPLE_BEFORE.render({"people": people, "show_emails": show_emails})
    assert people_rows(rows, attended, emails if show_emails else None) == expected


def test_organization_rows_are_the_template_rows(language):
    organizations = [
        {
            "name": TRICKY,
            "slug": "tricky",
            "acronym": TRICKY,
            "country__name": TRICKY,
            "country__slug": "tricky-land",
            "people_count": 1234,
        },
        {
            "name": "ILO",
            "slug": "ilo",
            "acronym": "",
            "country__name": None,
            "country__slug": None,
            "people_count": 0,
        },
    ]
    expected = ORGANIZATIONS_BEFORE.render({"organizations": organizations})
    assert organization_rows(organizations) == expected


def test_no_rows_write_nothing():
    assert people_rows([], {}, {}) == ""
    assert organization_rows([]) == ""
