"""The participants import over a meeting that already has attendance: new rows take the next
orders (never a duplicate), a list imported again merges with what is recorded, and positions
go to the attendance and, by a rule, to the person. Names and addresses are test data."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import Attendance, AttendanceMode
from meetings.participant_import import attendance_import, attendance_import_review
from partners.models import Organization, Person
from tests.factories import (
    make_attendance,
    make_country,
    make_meeting,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

IN_PERSON, REMOTE = AttendanceMode.IN_PERSON, AttendanceMode.REMOTE


@pytest.fixture
def meeting(db):
    return make_meeting(number=6, title="Test 6th meeting", date=datetime.date(2019, 12, 10))


@pytest.fixture
def union(db):
    return make_organization(name="Test Union", acronym="TU")


def orders(meeting):
    return list(
        Attendance.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("position", "person__name")
    )


def import_url(meeting):
    return reverse("admin:meetings_meeting_import_participants", args=[meeting.pk])


def preview(client, meeting, text, **extra):
    return client.post(import_url(meeting), {"participants": text, **extra})


def confirm(client, meeting, text, **extra):
    shown = preview(client, meeting, text, **extra)
    digest = shown.context["form"]["previewed_digest"].value()
    assert digest, shown.context["form"].errors
    data = {"participants": text, "previewed_digest": digest, "confirm": "1", **extra}
    return client.post(import_url(meeting), data, follow=True)


def preview_rows(response):
    """Each preview row's cells as text, tags taken out."""
    table = response.content.decode().split('id="import-preview"')[1].split("</tbody>")[0]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        ]
        for row in table.split("<tbody>")[1].split("</tr>")[:-1]
    ]


# The order in the list: the next numbers, never one taken


def test_new_rows_take_the_next_orders_after_the_highest_recorded(meeting, union):
    for position, name in [(1, "Test Chair"), (2, "Test Person B"), (7, "Test Person C")]:
        make_attendance(meeting=meeting, person=make_person(name=name), position=position)

    attendance_import(
        meeting, "Test Person D\tTest Union\td@example.org\nTest Person E\tTU\te@example.org\n"
    )

    assert orders(meeting) == [
        (1, "Test Chair"),
        (2, "Test Person B"),
        (7, "Test Person C"),
        (8, "Test Person D"),
        (9, "Test Person E"),
    ]


def test_a_corrected_line_pasted_again_comes_after_the_others(meeting, union):
    pasted = (
        "Test Chair\tTest Union\tchair@example.org\n"
        "Test Person B\tTest Union b@example.org\n"  # one cell short
        "Test Person C\tTest Union\tc@example.org\n"
    )
    result = attendance_import(meeting, pasted, keep_valid=True)
    assert result.rejected_text == "Test Person B\tTest Union b@example.org"

    again = attendance_import(meeting, "Test Person B\tTest Union\tb@example.org")

    assert again.attendances_created == 1
    assert orders(meeting) == [(1, "Test Chair"), (2, "Test Person C"), (3, "Test Person B")]


def test_through_the_page_the_corrected_line_is_announced_with_its_number(
    staff_client, meeting, union
):
    make_attendance(meeting=meeting, person=make_person(name="Test Chair"), position=1)
    pasted = "Test Person B\tTest Union b@example.org\nTest Person C\tTest Union\tc@example.org\n"
    first = confirm(staff_client, meeting, pasted, keep_valid="on")
    corrected = first.context["form"]["participants"].value().replace(" b@", "\tb@")

    shown = preview(staff_client, meeting, corrected, keep_valid="on")

    assert preview_rows(shown)[0][-1] == "to record (number 3 in the list)"
    confirm(staff_client, meeting, corrected, keep_valid="on")
    positions = [position for position, _name in orders(meeting)]
    assert positions == [1, 2, 3]


# A list imported again merges with what is recorded


@pytest.fixture
def recorded(meeting, union):
    """Test Person A, recorded by hand: in person, no position, no listing; order 4."""
    person = make_person(name="Test Person A", organization=union, email="a@example.org")
    return make_attendance(meeting=meeting, person=person, position=4, listed_as="", mode=IN_PERSON)


def test_what_the_row_lacks_is_filled_in_and_a_new_mode_applied(staff_client, meeting, recorded):
    pasted = "Remote Participants\t\t\t\nTest Person A\tDirector\tTU\ta@example.org\n"

    shown = preview(staff_client, meeting, pasted)

    assert preview_rows(shown)[0][-1] == (
        "already recorded, to update: position: “Director”; listed as: “TU”; "
        "attended: In person → Remote"
    )
    assert Attendance.objects.get(pk=recorded.pk).mode == IN_PERSON  # nothing saved yet
    response = confirm(staff_client, meeting, pasted)

    row = Attendance.objects.get(meeting=meeting)
    assert (row.pk, row.position, row.position_held, row.listed_as, row.mode) == (
        recorded.pk,
        4,
        "Director",
        "TU",
        REMOTE,
    )
    assert row.history.first().history_type == "~"
    assert "Attendance updated: Test Person A" in [str(m) for m in response.context["messages"]]


def test_a_recorded_value_the_list_contradicts_is_kept_and_said(staff_client, meeting, recorded):
    Attendance.objects.filter(pk=recorded.pk).update(position_held="Adviser", listed_as="Union")
    pasted = "Test Person A\tDirector\tTest Union\ta@example.org\n"

    shown = preview(staff_client, meeting, pasted)

    assert preview_rows(shown)[0][-1] == (
        "already recorded, left as is kept as recorded: position “Adviser” (the list says "
        "“Director”); listed as “Union” (the list says “Test Union”)"
    )
    confirm(staff_client, meeting, pasted)
    row = Attendance.objects.get(pk=recorded.pk)
    assert (row.position_held, row.listed_as) == ("Adviser", "Union")


def test_a_list_that_says_nothing_of_the_mode_leaves_the_recorded_one(meeting, recorded):
    Attendance.objects.filter(pk=recorded.pk).update(mode=REMOTE, listed_as="Test Union")

    review = attendance_import_review(meeting, "Test Person A\tTest Union\ta@example.org\n")

    assert [(plan.status, plan.mode) for plan in review.plans] == [("unchanged", REMOTE)]


def test_a_mode_column_changes_the_recorded_mode(meeting, recorded):
    attendance_import(
        meeting, "Nom;Organisation;Courriel;Modalité\nTest Person A;TU;a@example.org;en ligne\n"
    )

    assert Attendance.objects.get(pk=recorded.pk).mode == REMOTE


def test_the_same_list_again_writes_nothing(staff_client, meeting, union):
    pasted = "Name,Position,Organisation,E-mail\nTest Person A,Director,Test Union,a@example.org\n"
    attendance_import(meeting, pasted)
    history = (Attendance.history.count(), Person.history.count())

    shown = preview(staff_client, meeting, pasted)
    result = attendance_import(meeting, pasted)

    assert preview_rows(shown)[0][-1] == "already recorded, left as is"
    assert (result.attendances_created, result.attendances_updated) == (0, [])
    assert (Attendance.history.count(), Person.history.count()) == history


def test_a_known_label_for_a_recorded_row_creates_no_organisation(meeting, recorded):
    before = Organization.objects.count()

    attendance_import(meeting, "Test Person A\tA Label Nobody Used\ta@example.org\n")

    assert Organization.objects.count() == before
    assert Attendance.objects.get(pk=recorded.pk).listed_as == "A Label Nobody Used"


# Positions: on the attendance, and as the person's current position


def position_of(name):
    return Person.objects.get(name=name).position


def test_a_new_persons_position_is_stored_on_both(meeting, union):
    attendance_import(meeting, "Test Person A\tDirector\tTest Union\ta@example.org\n")

    assert Attendance.objects.get(meeting=meeting).position_held == "Director"
    assert position_of("Test Person A") == "Director"


def test_a_known_person_with_no_position_gets_the_lists(meeting, union):
    make_person(name="Test Person A", organization=union, email="a@example.org")
    later = make_meeting(date=datetime.date(2020, 6, 1))
    make_attendance(meeting=later, person=Person.objects.get(name="Test Person A"))

    attendance_import(meeting, "Test Person A\tDirector\tTest Union\ta@example.org\n")

    assert position_of("Test Person A") == "Director"


def test_this_meeting_being_their_latest_the_position_is_replaced_and_announced(
    staff_client, meeting, union
):
    earlier = make_meeting(date=datetime.date(2019, 1, 1))
    person = make_person(
        name="Test Person A", organization=union, email="a@example.org", position="Adviser"
    )
    make_attendance(meeting=earlier, person=person)
    pasted = "Test Person A\tDirector\tTest Union\ta@example.org\n"

    shown = preview(staff_client, meeting, pasted)

    assert preview_rows(shown)[0][2] == (
        "matches Test Person A (by e-mail address) current position: “Adviser” → “Director”"
    )
    response = confirm(staff_client, meeting, pasted)
    assert position_of("Test Person A") == "Director"
    assert person.history.first().history_type == "~"
    assert "Current position set: Test Person A" in [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    "later",
    [
        {"date": datetime.date(2020, 6, 1)},
        # The same day, a higher number: later all the same.
        {"date": datetime.date(2019, 12, 10), "number": 7},
    ],
)
def test_a_later_meeting_listing_them_keeps_their_current_position(
    staff_client, meeting, union, later
):
    person = make_person(
        name="Test Person A", organization=union, email="a@example.org", position="Head"
    )
    make_attendance(meeting=make_meeting(**later), person=person)
    pasted = "Test Person A\tDirector\tTest Union\ta@example.org\n"

    shown = preview(staff_client, meeting, pasted)
    confirm(staff_client, meeting, pasted)

    assert "current position stays “Head”: a later meeting lists them" in preview_rows(shown)[0][2]
    assert position_of("Test Person A") == "Head"
    assert Attendance.objects.get(meeting=meeting).position_held == "Director"


def test_importing_again_does_not_undo_a_correction_made_on_the_persons_page(meeting, union):
    pasted = "Test Person A\tDirector\tTest Union\ta@example.org\n"
    attendance_import(meeting, pasted)
    Person.objects.filter(name="Test Person A").update(position="Director General")

    attendance_import(meeting, pasted)

    assert position_of("Test Person A") == "Director General"


def test_a_list_without_positions_changes_no_position(meeting, union):
    make_person(name="Test Person A", organization=union, email="a@example.org", position="Head")

    attendance_import(meeting, "Test Person A\tTest Union\ta@example.org\n")

    assert position_of("Test Person A") == "Head"
    assert Attendance.objects.get(meeting=meeting).position_held == ""


# The country column


def imported_organization(meeting, pasted):
    attendance_import(meeting, pasted)
    return (
        Attendance.objects.select_related("organization__country").get(meeting=meeting).organization
    )


def test_the_country_column_gives_a_new_organisation_its_country(meeting):
    chile = make_country(name="Chile", iso_code="CL")

    organization = imported_organization(
        meeting, "Name,Organisation,Country\nTest Person A,Test Ministry of Labour,CL\n"
    )

    assert (organization.name, organization.country, organization.kind) == (
        "Test Ministry of Labour",
        chile,
        "other",
    )
    assert Attendance.objects.get().listed_as == "Test Ministry of Labour"


def test_the_country_column_matches_that_countrys_organisation_not_anothers(meeting):
    chile, peru = make_country(name="Chile"), make_country(name="Peru")
    make_organization(name="Test Ministry of Labour", country=peru)

    organization = imported_organization(
        meeting, "Name;Organisation;Pays\nTest Person A;Test Ministry of Labour;chile\n"
    )

    # The bare name is Peru's ministry's: the new one takes its country in parentheses.
    assert (organization.name, organization.country) == ("Test Ministry of Labour (Chile)", chile)

    other = make_meeting()
    again = imported_organization(
        other, "Name;Organisation;Pays\nTest Person B;Test Ministry of Labour;Chile\n"
    )
    assert again == organization


def test_the_country_column_keeps_a_match_without_a_country(meeting, union):
    make_country(name="Chile")

    organization = imported_organization(
        meeting, "Name,Organisation,Country\nTest Person A,TU,Chile\n"
    )

    assert organization == union


def test_a_country_the_record_does_not_hold_is_a_rejected_line(meeting):
    result = attendance_import(
        meeting,
        "Name,Organisation,Country\nTest Person A,Test Union,Atlantis\nTest Person B,Test Union,\n",
        keep_valid=True,
    )

    assert [line.messages() for line in result.rejected] == [
        ["Line 2: the country “Atlantis” is not recorded: record it first, or empty the cell."]
    ]
    assert result.rejected_text == "Name,Organisation,Country\nTest Person A,Test Union,Atlantis"


# Other mistakes of a line


def test_an_address_in_the_name_or_organisation_column_is_a_mistake(meeting):
    result = attendance_import(
        meeting,
        "Test Person A\ta@example.org\tTest Union\nTest Person B\tTest Union\tb@example.org\n",
        keep_valid=True,
    )

    assert result.rejected[0].messages() == [
        "Line 1: the organisation is an e-mail address: are the columns in the right order?",
        "Line 1: “Test Union” is not a valid e-mail address.",
    ]


def test_a_position_too_long_is_a_mistake(meeting):
    result = attendance_import(
        meeting,
        f"Test Person A\t{'x' * 201}\tTest Union\ta@example.org\nTest Person B\tTest Union\t\n",
        keep_valid=True,
    )

    assert result.rejected[0].messages() == ["Line 1: the position is longer than 200 characters."]


def test_addresses_separated_by_semicolons_or_commas_in_one_cell(meeting):
    attendance_import(
        meeting, 'Name,Organisation,E-mail\nTest A,Test Union,"a@example.org, b@example.org"\n'
    )

    person = Person.objects.get(name="Test A")
    assert [e.address for e in person.emails.order_by("position")] == [
        "a@example.org",
        "b@example.org",
    ]


def test_rejected_lines_of_a_list_with_a_header_come_back_under_it(meeting):
    pasted = (
        "Name;Organisation;E-mail\n"
        "Test Person A;Test Union;a@example.org\n"
        "Participants à distance;;\n"
        "Test Person B;Test Union;not-an-address\n"
    )

    result = attendance_import(meeting, pasted, keep_valid=True)

    assert result.rejected_text == (
        "Name;Organisation;E-mail\nRemote Participants;;\nTest Person B;Test Union;not-an-address"
    )
    attendance_import(meeting, result.rejected_text.replace("not-an-address", "b@example.org"))
    assert Attendance.objects.get(person__name="Test Person B").mode == REMOTE


# Queries: a fixed number whatever the list's length, merging and positions included

# Session, user, their second factor, meeting; people by address and by name; their attendance here
# or later; countries; organisations; earlier listings; the highest order.
PREVIEW_QUERIES = 11
# The same after locking the meeting; then organisations, people, addresses and attendances
# created (each after one look-up, with its history), and recorded rows and people's positions
# updated (one UPDATE and one history INSERT each).
CONFIRM_QUERIES = 29


def rich_list(meeting, size):
    """A header row in French, positions and modes; a quarter of the people already attending
    (their rows lack the position), a quarter known with another position, the rest new."""
    chile = make_country(name="Chile")
    union = make_organization(name="Test Union", acronym="TU")
    lines = ["Nom;Fonction;Organisation;Pays;Courriel;Modalité"]
    for n in range(size):
        if n % 4 == 0:
            person = make_person(name=f"Known {n}", organization=union, email=f"k{n}@example.org")
            make_attendance(meeting=meeting, person=person, position=n + 1, listed_as="")
            lines.append(f"Known {n};Director {n};TU;;k{n}@example.org;à distance")
        elif n % 4 == 1:
            make_person(
                name=f"Known {n}", organization=union, email=f"k{n}@example.org", position="Old"
            )
            lines.append(f"Known {n};Adviser;Test Union;;k{n}@example.org;présentiel")
        elif n % 4 == 2:
            lines.append(f"New {n};Officer;Test Ministry {n};Chile;n{n}@example.org;")
        else:
            lines.append(f"New {n};;Test Ministry {n % 8};{chile.name};n{n}@example.org;en ligne")
    return "\n".join(lines)


@pytest.mark.parametrize("size", [10, 40])
def test_preview_and_import_of_a_rich_list_cost_the_same_for_10_lines_as_for_40(
    superuser_client, meeting, size, django_assert_num_queries
):
    pasted = rich_list(meeting, size)
    url = import_url(meeting)

    with django_assert_num_queries(PREVIEW_QUERIES):
        shown = superuser_client.post(url, {"participants": pasted})
    digest = shown.context["form"]["previewed_digest"].value()
    with django_assert_num_queries(CONFIRM_QUERIES):
        confirmed = superuser_client.post(
            url, {"participants": pasted, "previewed_digest": digest, "confirm": "1"}
        )

    assert confirmed.status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == size
    assert Attendance.objects.filter(meeting=meeting, position_held="").count() == size // 4
    positions = list(Attendance.objects.filter(meeting=meeting).values_list("position", flat=True))
    assert len(set(positions)) == size
    assert Person.objects.filter(position="Adviser").count() == (size + 2) // 4
