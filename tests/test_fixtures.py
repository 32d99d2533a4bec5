"""The July 2019 record, checked against numbers and strings typed from the report itself."""

import datetime
from collections import Counter

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from actiongroups.models import ActionGroup
from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Document,
    Event,
    Intervention,
    KeyFigure,
    Meeting,
)
from partners.models import EmailAddress, OfficeTerm, Organization, Person
from pathfinders.models import Country, Milestone, Stage

pytestmark = pytest.mark.usefixtures("record")

JULY_17 = datetime.date(2019, 7, 17)
EXPRESSIONS_OF_INTEREST = {
    "Albania", "Chile", "Fiji", "Madagascar", "Malawi", "Mauritania", "Mexico", "Morocco",
    "Nepal", "Nigeria", "Peru", "Sri Lanka", "Tunisia", "Uganda", "Vietnam",
}  # fmt: skip
WORKSHOP_COUNTRIES = {
    "Albania", "Chile", "Madagascar", "Mauritania", "Nepal", "Nigeria", "Tunisia", "Uganda",
    "Vietnam",
}  # fmt: skip


def meeting():
    return Meeting.objects.get(number=5)


def intervention(item, position):
    return Intervention.objects.get(agenda_item__number=item, position=position)


def test_every_object_is_valid():
    failures = []
    for config in ("partners", "pathfinders", "actiongroups", "meetings"):
        for model in apps.get_app_config(config).get_models():
            for obj in model.objects.all():
                try:
                    obj.full_clean()
                except ValidationError as error:
                    failures.append(f"{model.__name__} {obj.pk}: {error}")
    assert failures == []


def test_the_meeting():
    m = meeting()
    assert (m.title, m.slug, m.date, m.city) == (
        "5th Meeting of the Global Coordinating Group",
        "5th-meeting-2019-07-17",
        JULY_17,
        "New York",
    )
    assert m.chair.name == "Anousheh Karvar"
    assert m.is_published
    assert "High-Level Political Forum on Sustainable Development" in m.occasion
    assert list(m.objectives.values_list("text", flat=True)) == [
        "Formalize handover to the new Chair (from Australia to France)",
        "Present vision of new Chair and provide an update on overall progress made since April",
        "Provide an update on progress made in Pathfinder Countries and Action Groups",
        "Assess engagement modalities with different stakeholder groups",
        "Review the communications strategy",
    ]


def test_agenda_items_in_order():
    assert list(meeting().agenda_items.values_list("number", "title")) == [
        (1, "Welcome and handover to the new Chair"),
        (2, "Update from pathfinder countries"),
        (3, "Update from Action Groups"),
        (4, "Expanding engagement opportunities for different stakeholder groups"),
        (5, "Update on communications: calendar of events, online platform, and website"),
        (6, "Update on Delta 8.7 knowledge platform"),
        (7, "Closing remarks, any other business and dates for the next meeting"),
    ]
    assert AgendaItem.objects.get(number=5).narrative == (
        "It was agreed to re-circulate the document amongst the group for further comments and "
        "ideas."
    )


def test_attendance():
    attendances = Attendance.objects.filter(meeting=meeting())
    assert attendances.count() == 43
    assert attendances.filter(mode="in_person").count() == 33
    assert attendances.filter(mode="remote").count() == 10
    in_list_order = list(attendances.order_by("position").values_list("person__name", flat=True))
    assert in_list_order[0] == "Anousheh Karvar"
    assert in_list_order[32] == "Diego Lopez Gonzalez"
    assert in_list_order[33] == "Jin Sook Lee"
    assert in_list_order[-1] == "Sara Luna"
    karvar = attendances.get(person__name="Anousheh Karvar")
    assert karvar.listed_as == "Chair"
    assert karvar.organization.name == "Government of France"
    unu = attendances.get(person__name="James Cockayne")
    assert unu.listed_as == "Delta 8.7/UNU CPR"
    assert (unu.organization.name, unu.organization.acronym) == (
        "United Nations University Centre for Policy Research",
        "UNU-CPR",
    )
    assert attendances.get(person__name="Sara Luna").mode == "remote"


def test_people_and_their_addresses():
    assert Person.objects.count() == 43
    assert EmailAddress.objects.count() == 44
    spagnolo = Person.objects.get(name="Laura Spagnolo")
    assert [e.address for e in spagnolo.emails.all()] == [
        "lspagnolo@trabajo.gob.ar",
        "spagnolo.laura@gmail.com",
    ]
    for name, address in [
        ("Emma Goodwin", "Emma.goodwin@dfat.gov.au"),
        ("Norma Flores Lopez", "Msnorma.flores.lopez@gmail.com"),
        ("Ambet Yuson", "gs@bwint.org"),
        ("Francesco d'Ovidio", "dovidio@ilo.org"),
        ("Timothy Ryan", "tryan@solidaritycenter.org"),
    ]:
        assert list(Person.objects.get(name=name).emails.values_list("address", flat=True)) == [
            address
        ]
    assert Person.objects.get(name="Patrick Lawless").position == "Assistant Secretary"
    assert set(Person.objects.exclude(position="").values_list("name", flat=True)) == {
        "Patrick Lawless"
    }


def test_organisations_as_printed_and_expanded():
    dfat = Organization.objects.get(name="Department for Foreign Affairs and Trade")
    assert (dfat.kind, dfat.country.name, dfat.parent.name) == (
        "government",
        "Australia",
        "Government of Australia",
    )
    ilo = Organization.objects.get(acronym="ILO")
    assert (ilo.name, ilo.kind) == ("International Labour Organization", "intergovernmental")
    assert Organization.objects.get(name="The Coca Cola Company").kind == "employers"
    assert Organization.objects.get(name="Alliance 8.7 Secretariat").kind == "alliance"
    assert Organization.objects.get(acronym="ITUC").kind == "workers"
    mission = Organization.objects.get(name="Permanent Mission of Mexico to the UN")
    assert mission.parent.name == "Government of Mexico"
    for named_in_the_report in ("Walk Free Foundation", "UK Modern Slavery Innovation Fund"):
        assert Organization.objects.filter(name=named_in_the_report).exists()
    assert Organization.objects.filter(acronym="OECD").exists()


def test_expressions_of_interest():
    names = Country.objects.filter(milestones__kind=Stage.EXPRESSION_OF_INTEREST).values_list(
        "name", flat=True
    )
    assert set(names) == EXPRESSIONS_OF_INTEREST
    assert len(names) == 15


def test_workshops_held_in_nine_countries_and_the_african_union():
    held = Country.objects.filter(milestones__kind=Stage.WORKSHOP_HELD)
    assert set(held.filter(kind="country").values_list("name", flat=True)) == WORKSHOP_COUNTRIES
    assert list(held.exclude(kind="country").values_list("name", "kind")) == [
        ("African Union", "regional_body")
    ]


def test_workshops_scheduled_for_2019():
    scheduled = Milestone.objects.filter(kind=Stage.WORKSHOP_SCHEDULED)
    assert set(scheduled.values_list("country__name", flat=True)) == {
        "Fiji",
        "Malawi",
        "Mexico",
        "Peru",
    }
    assert {m.date_display for m in scheduled} == {"2019"}


def test_milestones_cite_their_source():
    secretariat = intervention(2, 1)
    assert secretariat.organization.name == "Alliance 8.7 Secretariat"
    reported_at_item_2 = Milestone.objects.exclude(kind=Stage.INTENTION_ANNOUNCED)
    assert {(m.source_meeting.number, m.source_agenda_item.number) for m in reported_at_item_2} == {
        (5, 2)
    }
    assert {m.source_intervention for m in reported_at_item_2} == {secretariat}
    france = Milestone.objects.get(country__name="France")
    assert (france.kind, france.date, france.date_precision) == (
        Stage.INTENTION_ANNOUNCED,
        JULY_17,
        "day",
    )
    assert france.source_agenda_item.number == 1
    assert "intention of France to explore seeking pathfinder status" in (
        france.source_intervention.summary
    )


def test_pathfinder_stages_are_derived():
    stages = Counter(c.stage for c in Country.objects.with_stage() if c.stage)
    # France announced; Morocco and Sri Lanka only expressed interest; 4 scheduled; 9 + the AU held.
    assert stages == {
        Stage.INTENTION_ANNOUNCED: 1,
        Stage.EXPRESSION_OF_INTEREST: 2,
        Stage.WORKSHOP_SCHEDULED: 4,
        Stage.WORKSHOP_HELD: 10,
    }
    at_interest = Country.objects.at_stage(Stage.EXPRESSION_OF_INTEREST)
    assert set(at_interest.values_list("name", flat=True)) == {"Morocco", "Sri Lanka"}


def test_no_region_is_invented():
    assert not Country.objects.exclude(region="").exists()


def test_interventions_split_as_the_report_gives_them():
    per_item = Counter(Intervention.objects.values_list("agenda_item__number", flat=True))
    assert per_item == {1: 7, 2: 8, 3: 6, 4: 7, 5: 1, 6: 1, 7: 1}
    named = Intervention.objects.filter(speaker__isnull=False)
    assert set(named.values_list("speaker__name", flat=True)) == {
        "Patrick Lawless",
        "Graciela Guzman",
        "Anousheh Karvar",
    }
    assert intervention(1, 2).speaking_as == "Deputy Chair"
    assert intervention(1, 2).speaker.name == "Graciela Guzman"
    assert intervention(1, 1).organization.name == "Department for Foreign Affairs and Trade"
    assert intervention(2, 8).kind == "response"
    assert intervention(6, 1).organization.acronym == "UNU-CPR"
    assert intervention(3, 4).organization.name == "Permanent Mission of Ireland to the UN"


def test_unicef_presented_migration_on_behalf_also_of_iom():
    migration = intervention(3, 1)
    assert migration.organization.acronym == "UNICEF"
    assert migration.kind == "presentation"
    assert [o.acronym for o in migration.on_behalf_of.all()] == ["IOM"]
    assert [g.name for g in migration.action_groups.all()] == ["Migration"]
    assert not Intervention.objects.exclude(pk=migration.pk).filter(on_behalf_of__isnull=False)


def test_the_chair_handed_over_from_australia_to_france():
    australia = OfficeTerm.objects.get(office="chair", country__name="Australia")
    assert (australia.start_date, australia.end_date, australia.end_precision) == (
        None,
        JULY_17,
        "day",
    )
    france = OfficeTerm.objects.get(office="chair", country__name="France")
    assert (france.start_date, france.end_date, france.person.name) == (
        JULY_17,
        None,
        "Anousheh Karvar",
    )
    deputy = OfficeTerm.objects.get(office="deputy_chair")
    assert (deputy.country.name, deputy.person.name) == ("Argentina", "Graciela Guzman")
    assert (deputy.start_date, deputy.end_date) == (None, None)
    assert {t.source_meeting.number for t in OfficeTerm.objects.all()} == {5}
    assert {(t.office, t.country.name) for t in OfficeTerm.objects.current()} == {
        ("chair", "France"),
        ("deputy_chair", "Argentina"),
    }


def test_action_groups():
    assert dict(ActionGroup.objects.values_list("name", "status")) == {
        "Supply Chains": "active",
        "Migration": "active",
        "Rule of Law and Governance": "not_launched",
        "Conflict and Humanitarian Settings": "not_launched",
    }
    assert not ActionGroup.objects.filter(leads__isnull=False).exists()


def test_decisions_and_follow_ups():
    launch = ActionPoint.objects.get(text__contains="two remaining Action Groups")
    assert (launch.kind, launch.due_display, launch.status) == ("decision", "2019", "open")
    assert set(launch.action_groups.values_list("name", flat=True)) == {
        "Rule of Law and Governance",
        "Conflict and Humanitarian Settings",
    }
    assert launch.intervention == intervention(3, 6)
    assert ActionPoint.objects.get(text__contains="sexual exploitation").kind == "decision"
    advance_copy = ActionPoint.objects.get(text__contains="advance copy")
    assert set(advance_copy.owners.values_list("acronym", flat=True)) == {
        "ILO",
        "UNICEF",
        "IOM",
        "OECD",
    }
    assert advance_copy.due_display == "end of August 2019"
    workshop = ActionPoint.objects.get(text__contains="Monitoring and Evaluation Workshop")
    assert (workshop.kind, workshop.owners.count()) == ("follow_up", 0)
    next_meeting = ActionPoint.objects.get(text__contains="confirm the dates")
    assert [o.name for o in next_meeting.owners.all()] == ["Government of France"]


def test_documents():
    guidance = Document.objects.get(title="Pathfinder Country Guidance Note")
    assert guidance.description == "Approved by the GCG."
    consortium = Document.objects.get(title__contains="global supply chains")
    assert consortium.date_display == "early September 2019"
    assert set(consortium.organizations.values_list("acronym", flat=True)) == {
        "ILO",
        "UNICEF",
        "IOM",
        "OECD",
    }
    assert Document.objects.get(title__contains="Liechtenstein").date_display == (
        "27 September 2019"
    )
    assert not Document.objects.exclude(url="").exists()  # the report's links are placeholders


def test_events_keep_their_precision():
    assert Event.objects.get(title="Freedom from Slavery Forum").date_display == "December 2019"
    bali = Event.objects.get(title__startswith="Bali Process")
    assert bali.date_display == "22–23 July 2019"
    paris = Event.objects.get(title="Paris Peace Forum")
    assert (paris.date_display, paris.city) == ("11–13 November 2019", "Paris")
    next_meeting = Event.objects.get(kind="gcg_meeting", status="to_be_confirmed")
    assert (next_meeting.date_display, next_meeting.city) == ("November 2019", "Paris")
    assert Event.objects.get(meeting__number=5).start_date == JULY_17
    assert Event.objects.get(title__startswith="G-20").date_display == "early September 2019"
    assert Event.objects.get(title="Child Labour Forum").date_display == "January 2020"


def test_key_figures():
    figures = {(f.value, f.at_least, f.reported_by.short_name) for f in KeyFigure.objects.all()}
    assert figures == {
        (217, False, "Alliance 8.7 Secretariat"),
        (4000, True, "Alliance 8.7 Secretariat"),
        (45, False, "UNU-CPR"),
        (20000, True, "UNU-CPR"),
        (85, False, "UNU-CPR"),
        (3, False, "UNU-CPR"),
    }
