"""The participants-list import: pasted as the report prints it, imported whole or not at all."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import participant_import
from meetings.models import Attendance, AttendanceMode, Meeting
from meetings.participant_import import attendance_import, attendance_import_plan
from partners.models import EmailAddress, Organization, OrganizationKind, Person
from tests.factories import (
    make_attendance,
    make_country,
    make_meeting,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

# Lines 205, 206, 209 and 227 of the report's Annex I, the "Remote Participants" heading as it is
# printed (with its two empty cells), and two of the remote participants.
SAMPLE = (
    "Anousheh Karvar\tChair\tanousheh.karvar@sg.social.gouv.fr\n"
    "Beate Andrees\tILO\tandrees@ilo.org\n"
    "Laura Spagnolo\tMinistry of Production and Labour (Argentina)\t"
    "lspagnolo@trabajo.gob.ar/ spagnolo.laura@gmail.com\n"
    "Graciela Guzman\tMinistry of Production and Labour (Argentina)\tgbguzman@trabajo.gob.ar\n"
    "\n"
    "\n"
    "Remote Participants\t\t\n"
    "Jin Sook Lee\tBuilding and Wood Workers International\tJinsook.lee@bwint.org\n"
    "Katherine Torres\tILO\ttorresk@ilo.org\n"
)
ARGENTINA_LABEL = "Ministry of Production and Labour (Argentina)"

# Annex I of the report, verbatim (lines 204-251 of the text in ../shared/reference/), with its
# blank lines and its "Remote Participants" heading.
ANNEX_I = (
    "\n"
    "Anousheh Karvar\tChair\tanousheh.karvar@sg.social.gouv.fr\n"
    "Beate Andrees\tILO\tandrees@ilo.org\n"
    "Thomas Wissing\tILO\twissing@ilo.org\n"
    "Francesco d'Ovidio\tILO\tdovidio@ilo.org\n"
    "Laura Spagnolo\t"
    "Ministry of Production and Labour (Argentina)\t"
    "lspagnolo@trabajo.gob.ar/ spagnolo.laura@gmail.com\n"
    "Emma Goodwin\tDepartment for Foreign Affairs and Trade (Australia)\tEmma.goodwin@dfat.gov.au\n"
    "Carla Ienco\tPermanent Mission of Australia to the UN\tCarla.ienco@dfat.gov.au\n"
    "Norma Flores Lopez\tGlobal March against Child Labour\tMsnorma.flores.lopez@gmail.com\n"
    "Gina Reiss\tFree the Slaves\tGina.reiss@freetheslaves.net\n"
    "Julia Grifferty\tFree the Slaves\tJulia.grifferty@freetheslaves.net\n"
    "Kevin Willcutts\tUS Department of Labor\tWillcutts.kevin@dol.gov\n"
    "Carla Bury\tUS Department of State\tburycm@state.gov\n"
    "Dania AlRashed AlHumaid\tUN Women\tDania.alhumaid@unwomen.org\n"
    "Michael Stewart-Evans\tUN Women\tMichael.evans@unwomen.org\n"
    "Patrick Rochford\tPermanent Mission of Ireland to the UN\tPatrick.rochford@dfa.ie\n"
    "Roxane Milot\tGlobal Affairs Canada\tRoxane.milot@international.gc.ca\n"
    "Laura Rundlet\tUS Department of State\trundletls@state.gov\n"
    "Marcia Eugenio\tUS Department of Labor\tEugenio.marcia@dol.gov\n"
    "Ursula Antwi-Boasiako\t"
    "UK Department for International Development\tu-antwi-boasiako@dfid.gov.uk\n"
    "Jakesh Mahey\tUK Department for International Development\tj-mahey@dfid.gov.uk\n"
    "Emily Cholette\tDelta 8.7/UNU CPR\tcholette@unu.edu\n"
    "James Cockayne\tDelta 8.7/UNU CPR\tcockayne@unu.edu\n"
    "Graciela Guzman\tMinistry of Production and Labour (Argentina)\tgbguzman@trabajo.gob.ar\n"
    "Patrick Lawless\t"
    "Department for Foreign Affairs and Trade (Australia)\tPatrick.lawless@dfat.gov.au\n"
    "Noela Barasa\tUNICEF\tnbarasa@unicef.org\n"
    "Brent Wilton\tThe Coca Cola Company\tbwilton@coca-cola.org\n"
    "Timothy Ryan\tGlobal March against Child Labour\ttryan@solidaritycenter.org\n"
    "Deepika Mittal\tGlobal March against Child Labour\tdeepika@globalmarch.org\n"
    "\n"
    "\n"
    "\n"
    "Terry Fitzgerald\tFree the Slaves\tTerry.fitzgerald@freetheslaves.net\n"
    "Hannah Stallard\tUNODC\tHannah.stallard@un.org\n"
    "Youla Haddadin\tOHCHR\tyhaddadin@ohchr.org\n"
    "Silvana Cappuccio\tCGIL\ts.cappuccio@cgil.it\n"
    "Diego Lopez Gonzalez\tITUC\tDiego.lopez-gonzalez@ituc-csi.org\n"
    "Remote Participants\t\t\n"
    "Jin Sook Lee\tBuilding and Wood Workers International\tJinsook.lee@bwint.org\n"
    "Katherine Torres\tILO\ttorresk@ilo.org\n"
    "Mathieu Luciano\tIOM\tmluciano@iom.int\n"
    "Ariane Genthon\tFAO\tAriane.genthon@fao.org\n"
    "Andria Kenney\tIOM\taekenney@iom.int\n"
    "Ambet Yuson\tBuilding and Wood Workers International\tgs@bwint.org\n"
    "Juan Pablo Schaeffer\tMinistry of External Relations (Chile)\tjschaeffer@minrel.gob.cl\n"
    "Julia Rutz\tOSCE\tJulia.rutz@osce.org\n"
    "Zahra Fatbi\tIOM\tfatbi@iom.int\n"
    "Sara Luna\tPermanent Mission of Mexico to the UN\tsluna@sre.gob.mx"
)


@pytest.fixture
def meeting(db):
    return make_meeting(number=5, title="5th meeting of the GCG")


@pytest.fixture
def known(db):
    """What the record already holds before the list is pasted."""
    ilo = make_organization(
        name="International Labour Organization",
        acronym="ILO",
        kind=OrganizationKind.INTERGOVERNMENTAL,
    )
    ministry = make_organization(
        name="Ministry of Production and Labour", kind=OrganizationKind.GOVERNMENT
    )
    # The address as a different list printed it: matched whatever its case.
    andrees = make_person(name="Beate Andrees", organization=ilo, email="Andrees@ILO.org")
    # An earlier meeting listed the ministry under the label this list uses too.
    make_attendance(
        meeting=make_meeting(number=4, title="4th meeting of the GCG"),
        person=make_person(name="Someone from the ministry", organization=ministry),
        listed_as=ARGENTINA_LABEL,
    )
    return {"ilo": ilo, "ministry": ministry, "andrees": andrees}


def row_counts():
    return (
        Person.objects.count(),
        Organization.objects.count(),
        EmailAddress.objects.count(),
        Attendance.objects.count(),
    )


def test_sample_from_the_report_imports(meeting, known):
    people, organizations, emails, _attendances = row_counts()

    result = attendance_import(meeting, SAMPLE)

    attendances = list(
        Attendance.objects.filter(meeting=meeting).order_by("position").select_related("person")
    )
    assert [(a.position, a.person.name, a.mode) for a in attendances] == [
        (1, "Anousheh Karvar", AttendanceMode.IN_PERSON),
        (2, "Beate Andrees", AttendanceMode.IN_PERSON),
        (3, "Laura Spagnolo", AttendanceMode.IN_PERSON),
        (4, "Graciela Guzman", AttendanceMode.IN_PERSON),
        (5, "Jin Sook Lee", AttendanceMode.REMOTE),
        (6, "Katherine Torres", AttendanceMode.REMOTE),
    ]
    assert [a.listed_as for a in attendances] == [
        "Chair",
        "ILO",
        ARGENTINA_LABEL,
        ARGENTINA_LABEL,
        "Building and Wood Workers International",
        "ILO",
    ]
    assert result.attendances_created == 6
    # Five new people, two new organisations, six new addresses (Laura Spagnolo has two).
    assert row_counts() == (people + 5, organizations + 2, emails + 6, 6 + 1)


def test_two_addresses_in_one_cell_are_both_kept_in_order(meeting, known):
    attendance_import(meeting, SAMPLE)

    spagnolo = Person.objects.get(name="Laura Spagnolo")
    assert [e.address for e in spagnolo.emails.order_by("position")] == [
        "lspagnolo@trabajo.gob.ar",
        "spagnolo.laura@gmail.com",
    ]


def test_existing_person_is_matched_by_email_whatever_its_case(meeting, known):
    attendance_import(meeting, SAMPLE)

    assert Person.objects.filter(name="Beate Andrees").count() == 1
    attendance = Attendance.objects.get(meeting=meeting, person=known["andrees"])
    assert attendance.organization == known["ilo"]  # "ILO" matched by acronym
    assert [e.address for e in known["andrees"].emails.all()] == ["Andrees@ILO.org"]


def test_existing_person_is_matched_by_name_and_missing_addresses_added(meeting, known):
    person = make_person(name="Katherine Torres", organization=known["ilo"], email=False)

    attendance_import(meeting, SAMPLE)

    assert Person.objects.filter(name="Katherine Torres").count() == 1
    assert [e.address for e in person.emails.all()] == ["torresk@ilo.org"]


def test_organisation_is_matched_by_a_label_used_before(meeting, known):
    attendance_import(meeting, SAMPLE)

    for name in ("Laura Spagnolo", "Graciela Guzman"):
        attendance = Attendance.objects.get(meeting=meeting, person__name=name)
        assert attendance.organization == known["ministry"]
        assert attendance.person.organization == known["ministry"]


def test_missing_organisations_are_created_unclassified(meeting, known):
    attendance_import(meeting, SAMPLE)

    created = Organization.objects.exclude(pk__in=[known["ilo"].pk, known["ministry"].pk])
    created = created.exclude(people__name="Someone from the ministry")
    assert sorted(created.values_list("name", "kind")) == [
        ("Building and Wood Workers International", OrganizationKind.OTHER),
        ("Chair", OrganizationKind.OTHER),
    ]


def test_importing_the_same_list_twice_adds_nothing(meeting, known):
    attendance_import(meeting, SAMPLE)
    before = row_counts()

    result = attendance_import(meeting, SAMPLE)

    assert row_counts() == before
    assert result.attendances_created == 0
    assert len(result.already_attending) == 6


def test_the_preview_writes_nothing(meeting, known):
    before = row_counts()

    plans = attendance_import_plan(meeting, SAMPLE)

    assert row_counts() == before
    assert [(p.line.name, p.person is not None, p.organization is not None) for p in plans] == [
        ("Anousheh Karvar", False, False),
        ("Beate Andrees", True, True),
        ("Laura Spagnolo", False, True),
        ("Graciela Guzman", False, True),
        ("Jin Sook Lee", False, False),
        ("Katherine Torres", False, True),
    ]


MALFORMED = {
    "wrong number of cells": (
        "Beate Andrees\tILO\tandrees@ilo.org\nLaura Spagnolo\tlspagnolo@trabajo.gob.ar\n",
        "Line 2: expected 3 cells",
    ),
    "empty name": (
        "Beate Andrees\tILO\tandrees@ilo.org\n\n\tILO\twissing@ilo.org\n",
        "Line 3: the name is empty",
    ),
    "empty organisation": (
        "Beate Andrees\tILO\tandrees@ilo.org\nThomas Wissing\t\twissing@ilo.org\n",
        "Line 2: the organisation is empty",
    ),
    "invalid e-mail": (
        "Beate Andrees\tILO\tandrees@ilo.org\nThomas Wissing\tILO\twissing-at-ilo.org\n",
        "Line 2: “wissing-at-ilo.org” is not a valid e-mail address",
    ),
    "one bad address among two": (
        "Laura Spagnolo\tMinistry\tlspagnolo@trabajo.gob.ar/ spagnolo.laura@\n",
        "Line 1: “spagnolo.laura@” is not a valid e-mail address",
    ),
    "person listed twice": (
        "Beate Andrees\tILO\tandrees@ilo.org\nThomas Wissing\tILO\twissing@ilo.org\n"
        "Beate Andrees\tILO\tbeate@example.org\n",
        "Line 3: Beate Andrees is already listed on line 1",
    ),
    "address listed twice": (
        "Beate Andrees\tILO\tandrees@ilo.org\nB. Andrees\tILO\tANDREES@ilo.org\n",
        "Line 2: ANDREES@ilo.org is already listed on line 1",
    ),
    "known person listed twice, by address then by name": (
        "B. Andrees\tILO\tandrees@ilo.org\nBeate Andrees\tILO\t\n",
        "Line 2: Beate Andrees is already listed on line 1",
    ),
    "nobody listed": ("\n\nRemote Participants\t\t\n", "The list names no participant"),
}


@pytest.mark.parametrize("text, message", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_list_is_rejected_whole(meeting, known, text, message):
    before = row_counts()

    with pytest.raises(ValidationError) as excinfo:
        attendance_import(meeting, text)

    assert any(message in error for error in excinfo.value.messages), excinfo.value.messages
    assert row_counts() == before


def test_every_bad_line_is_named_at_once(meeting):
    text = "\tILO\tandrees@ilo.org\nThomas Wissing\tILO\tnot-an-address\n"

    with pytest.raises(ValidationError) as excinfo:
        attendance_import(meeting, text)

    assert len(excinfo.value.messages) == 2
    assert excinfo.value.messages[0].startswith("Line 1:")
    assert excinfo.value.messages[1].startswith("Line 2:")


def test_an_error_midway_leaves_nothing_half_saved(meeting, known, monkeypatch):
    before = row_counts()
    real_emails_add = participant_import.emails_add
    written = []

    def add_emails_then_fail(pairs):
        written.extend(real_emails_add(pairs))
        raise RuntimeError("the database went away")

    monkeypatch.setattr(participant_import, "emails_add", add_emails_then_fail)

    with pytest.raises(RuntimeError):
        attendance_import(meeting, SAMPLE)

    assert len(written) == 6  # people, organisations and addresses had been written by then
    assert row_counts() == before


# The admin view


def import_url(meeting):
    return reverse("admin:meetings_meeting_import_participants", args=[meeting.pk])


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_change_page_links_to_the_import(staff_client, meeting):
    response = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    assert response.status_code == 200
    assert import_url(meeting) in response.content.decode()


def test_preview_then_confirm_imports(staff_client, meeting, known):
    before = row_counts()

    preview = staff_client.post(import_url(meeting), {"participants": SAMPLE, "preview": "1"})

    assert preview.status_code == 200
    assert row_counts() == before
    page = preview.content.decode()
    assert "Confirm import" in page
    assert "matches Beate Andrees (by e-mail address)" in page
    assert "matches Ministry of Production and Labour (by earlier listing)" in page
    digest = preview.context["form"]["previewed_digest"].value()

    confirmed = staff_client.post(
        import_url(meeting),
        {"participants": SAMPLE, "previewed_digest": digest, "confirm": "1"},
        follow=True,
    )

    assert confirmed.redirect_chain == [
        (reverse("admin:meetings_meeting_change", args=[meeting.pk]), 302)
    ]
    assert Attendance.objects.filter(meeting=meeting).count() == 6
    shown = [str(message) for message in confirmed.context["messages"]]
    assert "6 attendances recorded." in shown
    chair, bwint = (
        Organization.objects.get(name=name)
        for name in ("Chair", "Building and Wood Workers International")
    )
    assert (
        "Organisations created, kind “other or not yet classified”: "
        f'<a href="{change_url(chair)}">Chair</a>, '
        f'<a href="{change_url(bwint)}">Building and Wood Workers International</a>' in shown
    )


def test_confirming_a_list_changed_since_the_preview_previews_it_again(
    staff_client, meeting, known
):
    preview = staff_client.post(import_url(meeting), {"participants": SAMPLE, "preview": "1"})
    digest = preview.context["form"]["previewed_digest"].value()
    edited = SAMPLE + "Thomas Wissing\tILO\twissing@ilo.org\n"

    response = staff_client.post(
        import_url(meeting),
        {"participants": edited, "previewed_digest": digest, "confirm": "1"},
    )

    assert response.status_code == 200
    assert "Thomas Wissing" in response.content.decode()
    assert Attendance.objects.filter(meeting=meeting).count() == 0


def test_malformed_list_in_the_view_names_the_line(staff_client, meeting):
    before = row_counts()

    response = staff_client.post(
        import_url(meeting), {"participants": "Beate Andrees\tILO\tnot-an-address\n"}
    )

    assert response.status_code == 200
    assert "Line 1: “not-an-address” is not a valid e-mail address." in response.content.decode()
    assert row_counts() == before


def test_staff_who_may_only_view_the_meeting_cannot_import(client, django_user_model, meeting):
    """The view asks for the change permission on the meeting (who reaches it at all is S1's)."""
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(user)

    assert client.get(import_url(meeting)).status_code == 403
    assert client.post(import_url(meeting), {"participants": SAMPLE}).status_code == 403
    assert Attendance.objects.count() == 0


def test_the_reports_whole_annex_imports(meeting):
    result = attendance_import(meeting, ANNEX_I)

    attendances = Attendance.objects.filter(meeting=meeting)
    assert result.attendances_created == 43
    assert attendances.filter(mode=AttendanceMode.IN_PERSON).count() == 33
    assert attendances.filter(mode=AttendanceMode.REMOTE).count() == 10
    assert EmailAddress.objects.count() == 44
    first, last = attendances.order_by("position")[0], attendances.order_by("-position")[0]
    assert (first.person.name, first.listed_as) == ("Anousheh Karvar", "Chair")
    assert (last.person.name, last.listed_as, last.mode) == (
        "Sara Luna",
        "Permanent Mission of Mexico to the UN",
        AttendanceMode.REMOTE,
    )
    # "ILO" is listed for four people: one organisation, created once.
    assert Organization.objects.filter(name="ILO").count() == 1
    assert attendances.filter(listed_as="ILO").values("organization").distinct().count() == 1


@pytest.mark.usefixtures("record")
class TestOverTheLoadedRecord:
    """The July 2019 record, loaded once for the class."""

    def test_the_reports_annex_is_recognised_line_for_line(self):
        meeting = Meeting.objects.get(number=5)
        before = row_counts()

        plans = attendance_import_plan(meeting, ANNEX_I)
        result = attendance_import(meeting, ANNEX_I)

        assert len(plans) == 43
        assert all(plan.person and plan.organization and plan.already_attending for plan in plans)
        assert result.people_created == result.organizations_created == result.emails_added == []
        assert row_counts() == before

    def test_preview_queries_do_not_grow_with_the_list(
        self, staff_client, django_assert_max_num_queries
    ):
        meeting = Meeting.objects.get(number=5)
        short = "Beate Andrees\tILO\tandrees@ilo.org\n"
        staff_client.post(import_url(meeting), {"participants": short})
        with CaptureQueriesContext(connection) as few:
            staff_client.post(import_url(meeting), {"participants": short})

        with django_assert_max_num_queries(len(few)):
            response = staff_client.post(import_url(meeting), {"participants": ANNEX_I})

        assert response.status_code == 200
        assert len(response.context["plans"]) == 43


# Line numbers: those of the text as pasted

# The first ten participants of Annex I, after the annex's blank first line; line 5 has lost
# the tab between its organisation and its address.
TEN_LINES = (
    "\n"
    "Anousheh Karvar\tChair\tanousheh.karvar@sg.social.gouv.fr\n"
    "Beate Andrees\tILO\tandrees@ilo.org\n"
    "Thomas Wissing\tILO\twissing@ilo.org\n"
    "Francesco d'Ovidio\tILO dovidio@ilo.org\n"
    "Laura Spagnolo\tMinistry of Production and Labour (Argentina)\tlspagnolo@trabajo.gob.ar\n"
    "Emma Goodwin\tDepartment for Foreign Affairs and Trade (Australia)\tEmma.goodwin@dfat.gov.au\n"
    "Carla Ienco\tPermanent Mission of Australia to the UN\tCarla.ienco@dfat.gov.au\n"
    "Norma Flores Lopez\tGlobal March against Child Labour\tMsnorma.flores.lopez@gmail.com\n"
    "Gina Reiss\tFree the Slaves\tGina.reiss@freetheslaves.net\n"
    "Julia Grifferty\tFree the Slaves\tJulia.grifferty@freetheslaves.net\n"
)
BAD_LINE_REASON = (
    "Line 5: expected 3 cells separated by tabs (name, organisation, e-mail) "
    "or 4 (name, position, organisation, e-mail), found 2."
)


def test_preview_numbers_the_lines_as_pasted_blank_ones_included(staff_client, meeting):
    pasted = "\n\nBeate Andrees\tILO\tandrees@ilo.org\n\nThomas Wissing\tILO\twissing@ilo.org\n"

    response = staff_client.post(import_url(meeting), {"participants": pasted})

    assert [plan.line.line_number for plan in response.context["plans"]] == [3, 5]
    rows = response.content.decode().split('id="import-preview"')[1].split("</tbody>")[0]
    assert "<td>3</td>\n          <td>Beate Andrees</td>" in rows
    assert "<td>5</td>\n          <td>Thomas Wissing</td>" in rows


def test_errors_name_the_lines_as_pasted_blank_ones_included(staff_client, meeting):
    """The form keeps the pasted text's leading blank lines, so line 3 is the box's third."""
    pasted = "\n\nBeate Andrees\tILO\tnot-an-address\n"

    response = staff_client.post(import_url(meeting), {"participants": pasted})

    assert "Line 3: “not-an-address” is not a valid e-mail address." in response.content.decode()
    assert response.context["form"]["participants"].value() == pasted


# Importing the valid lines and listing the rejected ones


def test_by_default_a_list_with_one_bad_line_is_refused_whole(meeting):
    before = row_counts()

    with pytest.raises(ValidationError) as excinfo:
        attendance_import(meeting, TEN_LINES)

    assert excinfo.value.messages == [BAD_LINE_REASON]
    assert row_counts() == before


def test_asked_to_the_import_keeps_the_nine_good_lines_and_lists_the_bad_one(meeting):
    result = attendance_import(meeting, TEN_LINES, keep_valid=True)

    assert result.attendances_created == 9
    assert [(line.line_number, line.messages()) for line in result.rejected] == [
        (5, [BAD_LINE_REASON])
    ]
    assert result.rejected_text == "Francesco d'Ovidio\tILO dovidio@ilo.org"
    attendances = Attendance.objects.filter(meeting=meeting).order_by("position")
    # Numbered in the list's order, one after the other: the corrected line comes after them.
    assert list(attendances.values_list("position", "person__name"))[2:4] == [
        (3, "Thomas Wissing"),
        (4, "Laura Spagnolo"),
    ]
    assert list(attendances.values_list("position", flat=True)) == list(range(1, 10))
    assert not Person.objects.filter(name="Francesco d'Ovidio").exists()


def test_rejected_remote_lines_are_handed_back_under_the_remote_heading(meeting):
    pasted = (
        "Beate Andrees\tILO\tandrees@ilo.org\n"
        "Thomas Wissing\tILO\n"
        "Remote Participants\t\t\n"
        "Katherine Torres\tILO\ttorresk@ilo.org\n"
        "Mathieu Luciano\tIOM\tmluciano-at-iom.int\n"
    )

    result = attendance_import(meeting, pasted, keep_valid=True)

    assert [line.line_number for line in result.rejected] == [2, 5]
    assert result.rejected_text == (
        "Thomas Wissing\tILO\nRemote Participants\t\t\nMathieu Luciano\tIOM\tmluciano-at-iom.int"
    )
    again = attendance_import(
        meeting,
        result.rejected_text.replace("-at-", "@").replace(
            "Wissing\tILO", "Wissing\tILO\twissing@ilo.org"
        ),
    )
    assert again.attendances_created == 2
    assert Attendance.objects.get(person__name="Mathieu Luciano").mode == AttendanceMode.REMOTE


def test_a_line_refused_when_matched_is_rejected_too(meeting):
    """Not only malformed lines: a line the record cannot match (two people share the name)."""
    ilo = make_organization(name="International Labour Organization", acronym="ILO")
    make_person(name="Thomas Wissing", organization=ilo)
    make_person(name="Thomas Wissing", organization=ilo)
    pasted = "Beate Andrees\tILO\tandrees@ilo.org\nThomas Wissing\tILO\t\n"

    result = attendance_import(meeting, pasted, keep_valid=True)

    assert result.attendances_created == 1
    assert [line.messages() for line in result.rejected] == [
        ["Line 2: several people are named Thomas Wissing; add their e-mail address."]
    ]


def test_with_no_valid_line_nothing_is_imported_even_when_asked(meeting):
    with pytest.raises(ValidationError) as excinfo:
        attendance_import(meeting, "Beate Andrees\tILO\n", keep_valid=True)

    assert excinfo.value.messages[0].startswith("Line 1: expected 3 cells")
    assert Attendance.objects.count() == 0


def test_the_preview_refuses_the_whole_list_by_default(staff_client, meeting):
    response = staff_client.post(import_url(meeting), {"participants": TEN_LINES})

    page = response.content.decode()
    assert BAD_LINE_REASON in page
    assert response.context["plans"] is None
    assert "Confirm import" not in page
    assert 'name="keep_valid"' in page
    assert "checked" not in page.split('name="keep_valid"')[1].split(">")[0]


def test_asked_to_the_preview_lists_both_then_the_import_keeps_the_rejected_line(
    staff_client, meeting
):
    url = import_url(meeting)
    preview = staff_client.post(url, {"participants": TEN_LINES, "keep_valid": "on"})

    assert len(preview.context["plans"]) == 9
    assert [line.line_number for line in preview.context["rejected"]] == [5]
    page = preview.content.decode()
    rejected = page.split('id="import-rejected"')[1].split("</table>")[0]
    assert "<td>5</td>" in rejected
    assert "Francesco d&#x27;Ovidio\tILO dovidio@ilo.org" in rejected
    assert BAD_LINE_REASON.removeprefix("Line 5: ") in rejected
    assert "Import the 9 valid lines" in page
    assert Attendance.objects.count() == 0
    digest = preview.context["form"]["previewed_digest"].value()

    confirmed = staff_client.post(
        url,
        {"participants": TEN_LINES, "keep_valid": "on", "previewed_digest": digest, "confirm": "1"},
    )

    assert confirmed.status_code == 200
    assert Attendance.objects.filter(meeting=meeting).count() == 9
    shown = [str(message) for message in confirmed.context["messages"]]
    assert "9 attendances recorded." in shown
    assert "1 line not imported: see below." in shown
    page = confirmed.content.decode()
    rejected = page.split('id="import-rejected"')[1].split("</table>")[0]
    assert "<td>5</td>" in rejected and "found 2." in rejected
    # The rejected line waits in the box, to be corrected and imported again.
    assert confirmed.context["form"]["participants"].value() == (
        "Francesco d'Ovidio\tILO dovidio@ilo.org"
    )
    assert "Francesco d&#x27;Ovidio\tILO dovidio@ilo.org</textarea>" in page


def test_confirming_with_the_option_changed_since_the_preview_previews_again(staff_client, meeting):
    url = import_url(meeting)
    preview = staff_client.post(url, {"participants": SAMPLE})
    digest = preview.context["form"]["previewed_digest"].value()

    response = staff_client.post(
        url,
        {"participants": SAMPLE, "keep_valid": "on", "previewed_digest": digest, "confirm": "1"},
    )

    assert response.status_code == 200
    assert response.context["plans"]
    assert Attendance.objects.count() == 0


# A country in parentheses after an organisation's name

CHILE_LINE = (
    "Juan Pablo Schaeffer\tMinistry of External Relations (Chile)\tjschaeffer@minrel.gob.cl\n"
)


def new_organization(meeting, pasted):
    attendance_import(meeting, pasted)
    return (
        Attendance.objects.select_related("organization__country").get(meeting=meeting).organization
    )


def test_a_known_country_in_parentheses_fills_the_new_organisations_country(meeting):
    chile = make_country(name="Chile")

    organization = new_organization(meeting, CHILE_LINE)

    assert (organization.name, organization.country) == ("Ministry of External Relations", chile)
    assert Attendance.objects.get().listed_as == "Ministry of External Relations (Chile)"


@pytest.mark.parametrize("printed", ["chile", "CHILE", " Chilé ", "Chile"])
def test_the_country_is_recognised_whatever_its_case_and_accents(meeting, printed):
    chile = make_country(name="Chile")

    organization = new_organization(
        meeting, f"Juan Pablo Schaeffer\tMinistry of External Relations ({printed})\t\n"
    )

    assert (organization.name, organization.country) == ("Ministry of External Relations", chile)


def test_an_accented_country_is_recognised_without_its_accents(meeting):
    ivory_coast = make_country(name="Côte d’Ivoire")

    organization = new_organization(meeting, "A. Person\tMinistry of Labour (Cote d'Ivoire)\t\n")

    assert (organization.name, organization.country) == ("Ministry of Labour", ivory_coast)


def test_a_countrys_iso_code_in_parentheses_fills_the_country(meeting):
    chile = make_country(name="Chile")  # its ISO 3166-1 code, CL, found from its name

    organization = new_organization(meeting, "A. Person\tMinistry of Labour (CL)\t\n")

    assert (organization.name, organization.country) == ("Ministry of Labour", chile)


def test_an_iso_code_that_is_also_an_acronym_is_not_taken_as_the_country(meeting):
    make_country(name="Australia")  # AU, also the African Union's acronym
    make_organization(name="African Union Commission", acronym="AU")

    organization = new_organization(meeting, "A. Person\tDepartment of Something (AU)\t\n")

    assert (organization.name, organization.country) == ("Department of Something (AU)", None)


@pytest.mark.parametrize(
    "listed",
    ["International Labour Organization (ILO)", "Ministry of External Relations (Atlantis)"],
)
def test_what_is_not_a_known_country_stays_in_the_name(meeting, listed):
    make_country(name="Chile")

    organization = new_organization(meeting, f"Juan Pablo Schaeffer\t{listed}\t\n")

    assert (organization.name, organization.country) == (listed, None)


def test_an_acronym_in_parentheses_still_matches_as_before(meeting):
    """A label is matched whole first: by name, acronym or earlier listing."""
    make_country(name="Chile")
    ilo = make_organization(name="International Labour Organization (ILO)", acronym="ILO")

    organization = new_organization(
        meeting, "Beate Andrees\tInternational Labour Organization (ILO)\t\n"
    )

    assert organization == ilo


def test_an_organisation_recorded_under_the_parenthesised_name_is_matched(meeting):
    chile = make_country(name="Chile")
    ministry = make_organization(name="Ministry of External Relations (Chile)")

    plans = attendance_import_plan(meeting, CHILE_LINE)

    assert (plans[0].organization, plans[0].organization_matched_by) == (ministry, "name")
    assert Organization.objects.filter(country=chile).count() == 0


def test_an_organisation_of_that_name_and_country_is_matched(meeting):
    chile = make_country(name="Chile")
    ministry = make_organization(name="Ministry of External Relations", country=chile)
    before = row_counts()

    plans = attendance_import_plan(meeting, CHILE_LINE)

    assert (plans[0].organization, plans[0].organization_matched_by) == (
        ministry,
        "name and country",
    )
    assert row_counts() == before


def test_importing_the_same_line_again_matches_the_organisation_it_created(meeting):
    make_country(name="Chile")
    created = new_organization(meeting, CHILE_LINE)
    other = make_meeting()

    attendance_import(other, CHILE_LINE)

    assert Attendance.objects.get(meeting=other).organization == created


def test_a_bare_name_already_taken_keeps_the_name_as_listed_with_its_country(meeting):
    """Organisation names are unique: Peru's ministry has the bare name already."""
    chile = make_country(name="Chile")
    make_organization(name="Ministry of External Relations", country=make_country(name="Peru"))

    organization = new_organization(meeting, CHILE_LINE)

    assert (organization.name, organization.country) == (
        "Ministry of External Relations (Chile)",
        chile,
    )


def test_two_countries_ministries_of_one_name_in_one_list_keep_their_names_as_listed(meeting):
    chile, peru = make_country(name="Chile"), make_country(name="Peru")
    pasted = CHILE_LINE + "Someone Else\tMinistry of External Relations (Peru)\t\n"

    attendance_import(meeting, pasted)

    assert sorted(
        Organization.objects.filter(country__isnull=False).values_list("name", "country")
    ) == [
        ("Ministry of External Relations (Chile)", chile.pk),
        ("Ministry of External Relations (Peru)", peru.pk),
    ]


def test_the_preview_announces_the_new_organisation_and_its_country(staff_client, meeting):
    make_country(name="Chile")

    response = staff_client.post(import_url(meeting), {"participants": CHILE_LINE})

    assert (
        "new organisation, to classify:</strong> Ministry of External Relations, country Chile"
        in response.content.decode()
    )


# The report links what was created, to classify it


def confirm(client, meeting, pasted, **extra):
    url = import_url(meeting)
    preview = client.post(url, {"participants": pasted, **extra})
    digest = preview.context["form"]["previewed_digest"].value()
    return client.post(
        url,
        {"participants": pasted, "previewed_digest": digest, "confirm": "1", **extra},
        follow=True,
    )


def test_the_report_links_each_new_organisation_and_person_escaped(staff_client, meeting):
    make_country(name="Chile")
    pasted = (
        "Juan Pablo Schaeffer\tMinistry of External Relations (Chile)\tjschaeffer@minrel.gob.cl\n"
        "<script>alert(1)</script>\tUnion <script>alert(2)</script>\t\n"
    )

    response = confirm(staff_client, meeting, pasted)

    ministry = Organization.objects.get(name="Ministry of External Relations")
    union = Organization.objects.get(name="Union <script>alert(2)</script>")
    people = {p.name: p for p in Person.objects.all()}
    page = response.content.decode()
    assert "<script>" not in page
    assert (
        "Organisations created, kind “other or not yet classified”: "
        f'<a href="{change_url(ministry)}">Ministry of External Relations, Chile</a>, '
        f'<a href="{change_url(union)}">Union &lt;script&gt;alert(2)&lt;/script&gt;</a>'
    ) in page
    assert (
        "People created: "
        f'<a href="{change_url(people["Juan Pablo Schaeffer"])}">Juan Pablo Schaeffer</a>, '
        f'<a href="{change_url(people["<script>alert(1)</script>"])}">'
        "&lt;script&gt;alert(1)&lt;/script&gt;</a>"
    ) in page


def test_an_officer_who_may_not_change_organisations_gets_their_names_unlinked(
    client, django_user_model, meeting
):
    officer = django_user_model.objects.create_user("officer", password="x", is_staff=True)
    officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_meeting", "change_meeting"])
    )
    client.force_login(officer)

    response = confirm(client, meeting, "Beate Andrees\tILO <b>\tandrees@ilo.org\n")

    shown = [str(message) for message in response.context["messages"]]
    assert "Organisations created, kind “other or not yet classified”: ILO &lt;b&gt;" in shown
    assert "People created: Beate Andrees" in shown


# Queries: a fixed number whatever the list's length

# Session, user, their second factor, meeting; then for the whole list: people by address and by
# name, who already attends (this meeting or a later one), countries, organisations, earlier
# listings, and the highest order in the meeting's list.
PREVIEW_QUERIES = 11
# The same inside a savepoint, after locking the meeting's row; then for the whole list:
# organisations, people, addresses and attendances written at once, each after one look-up
# (slugs, positions) and with its history.
CONFIRM_QUERIES = 25  # before rows were written together: 8 more a line


def mixed_list(size):
    """Known and new people and organisations, countries in parentheses, two addresses a line."""
    chile = make_country(name="Chile")
    ilo = make_organization(name="International Labour Organization", acronym="ILO")
    make_organization(name="Ministry of Labour", country=chile)
    lines = []
    for n in range(size):
        if n % 4 == 0:
            make_person(name=f"Known {n}", organization=ilo, email=f"known{n}@ilo.org")
            lines.append(f"Known {n}\tILO\tknown{n}@ilo.org/ other{n}@example.org")
        elif n % 4 == 1:
            lines.append(
                f"New {n}\tMinistry of Labour (Chile)\tnew{n}@example.org/ b{n}@example.org"
            )
        elif n % 4 == 2:
            lines.append(f"New {n}\tNew Ministry {n} (Chile)\tnew{n}@example.org")
        else:
            lines.append(f"New {n}\tUnion {n % 8}\tnew{n}@example.org")
    lines.insert(size // 2, "Remote Participants\t\t")
    return "\n".join(lines)


@pytest.mark.parametrize("size", [10, 40])
def test_preview_and_import_cost_the_same_for_10_lines_as_for_40(
    superuser_client, meeting, size, django_assert_num_queries
):
    pasted = mixed_list(size)
    url = import_url(meeting)

    with django_assert_num_queries(PREVIEW_QUERIES):
        preview = superuser_client.post(url, {"participants": pasted})
    digest = preview.context["form"]["previewed_digest"].value()
    with django_assert_num_queries(CONFIRM_QUERIES):
        confirmed = superuser_client.post(
            url, {"participants": pasted, "previewed_digest": digest, "confirm": "1"}
        )

    assert len(preview.context["plans"]) == size
    assert confirmed.status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == size


def test_rows_written_at_once_keep_their_history_and_who_wrote_them(staff_client, staff, meeting):
    pasted = mixed_list(8)
    models = (Organization, Person, EmailAddress, Attendance)
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in models}

    confirm(staff_client, meeting, pasted)

    for model in models:
        written = set(model.objects.values_list("pk", flat=True)) - before[model]
        history = model.history.filter(id__in=written)
        assert written and history.count() == len(written), model
        assert set(history.values_list("history_type", "history_user")) == {("+", staff.pk)}


# Any list: a four-column paste, a CSV file uploaded into the box

FOUR_COLUMNS = (
    "Test Person A\tDirector\tTest Union\ta@example.org\n"
    "Test Person B\t\tTest Union\tb@example.org\n"
)


def test_a_four_column_paste_previews_the_positions_then_stores_them(staff_client, meeting):
    response = staff_client.post(import_url(meeting), {"participants": FOUR_COLUMNS})

    page = response.content.decode()
    assert "Read as cells separated by tabs, without a header row" in page
    assert "<td>Director</td>" in page
    confirm(staff_client, meeting, FOUR_COLUMNS)
    assert sorted(Attendance.objects.values_list("person__name", "position_held")) == [
        ("Test Person A", "Director"),
        ("Test Person B", ""),
    ]
    assert Person.objects.get(name="Test Person A").position == "Director"


def test_the_page_explains_the_shapes_it_reads(staff_client, meeting):
    page = staff_client.get(import_url(meeting)).content.decode()

    assert 'enctype="multipart/form-data"' in page
    assert 'name="participants_file"' in page
    assert "Without such a row, 3 cells are name, organisation, e-mail" in page
    assert "“Nom, Fonction, Organisation, Courriel”" in page


CSV_FILE = (
    "Nom;Fonction;Organisation;Courriel\r\n"
    'Test Pérez;"Directrice; unité test";Test Ministère;perez@example.org\r\n'
)


def csv_file(data, name="participants.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_an_uploaded_file_is_put_in_the_box_previewed_then_imported(
    staff_client, meeting, encoding
):
    response = staff_client.post(
        import_url(meeting),
        {"participants": "", "participants_file": csv_file(CSV_FILE.encode(encoding))},
    )

    assert response.status_code == 200
    assert Attendance.objects.count() == 0
    box = response.context["form"]["participants"].value()
    assert box == CSV_FILE.replace("\r\n", "\n")
    assert [plan.line.name for plan in response.context["plans"]] == ["Test Pérez"]
    shown = [str(message) for message in response.context["messages"]]
    assert "The list of “participants.csv” is in the box: check the preview." in shown
    digest = response.context["form"]["previewed_digest"].value()

    # The browser sends the box back with CRLF line ends: the digest still holds.
    staff_client.post(
        import_url(meeting),
        {
            "participants": box.replace("\n", "\r\n"),
            "previewed_digest": digest,
            "confirm": "1",
        },
    )

    attendance = Attendance.objects.select_related("person", "organization").get()
    assert (attendance.person.name, attendance.position_held, attendance.organization.name) == (
        "Test Pérez",
        "Directrice; unité test",
        "Test Ministère",
    )


def test_a_file_with_a_bad_line_stays_in_the_box_with_the_reasons(staff_client, meeting):
    data = b"Name,Organisation,E-mail\nTest Person A,Test Union,not-an-address\n"

    response = staff_client.post(
        import_url(meeting), {"participants": "", "participants_file": csv_file(data)}
    )

    assert "Line 2: “not-an-address” is not a valid e-mail address." in response.content.decode()
    assert response.context["form"]["participants"].value() == data.decode()
    assert Attendance.objects.count() == 0


UPLOAD_MISTAKES = {
    "binary": (bytes(range(256)) * 8, "“participants.csv” is not a text file"),
    "too large": (b"x" * (1024 * 1024 + 1), "a participants list may be at most 1.0"),
    "a spreadsheet": (b"PK\x03\x04" + bytes(50), "is a spreadsheet or document file, not text"),
}


@pytest.mark.parametrize("data, message", UPLOAD_MISTAKES.values(), ids=UPLOAD_MISTAKES.keys())
def test_a_file_that_is_not_a_list_gets_a_message(staff_client, meeting, data, message):
    response = staff_client.post(
        import_url(meeting), {"participants": "", "participants_file": csv_file(data)}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["plans"] is None
    assert Attendance.objects.count() == 0


def test_a_file_never_replaces_what_the_box_holds(staff_client, meeting):
    typed = "Test Person A\tTest Union\ta@example.org\n"

    response = staff_client.post(
        import_url(meeting),
        {"participants": typed, "participants_file": csv_file(CSV_FILE.encode())},
    )

    assert "The box already holds a list: empty it to read the file" in response.content.decode()
    assert response.context["form"]["participants"].value() == typed
    assert response.context["plans"] is None


def test_neither_a_list_nor_a_file_asks_for_one(staff_client, meeting):
    response = staff_client.post(import_url(meeting), {"participants": "  \n"})

    assert "Paste a list, or choose a file." in response.content.decode()


def test_a_header_row_the_import_cannot_use_is_a_message_not_an_error(staff_client, meeting):
    pasted = "Name\tOrganisation\tPhone\nTest Person A\tTest Union\t+1 555\n"

    response = staff_client.post(import_url(meeting), {"participants": pasted})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 1 (the header row): the column “Phone” is not one the import reads." in page
    assert response.context["form"]["participants"].value() == pasted


def test_a_list_longer_than_a_file_may_be_is_refused_kept_in_the_box(staff_client, meeting):
    pasted = "Test Person A\tTest Union\ta@example.org\n" * 30_000  # 1.2 MB

    response = staff_client.post(import_url(meeting), {"participants": pasted})

    assert "Ensure this value has at most 1048576 characters" in response.content.decode()
    assert response.context["form"]["participants"].value() == pasted
    assert "maxlength" not in response.content.decode()
