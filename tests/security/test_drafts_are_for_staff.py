"""A draft meeting, and everything recorded with it, is for staff only (PRODUCT.md, "Who sees
what"), on every public page, until it is published.

(a) Every model whose rows hang off a meeting offers `visible_to` (base/record/visibility.py),
    so no page can list them without the rule.
(b) A draft meeting with everything that can hang off it, each piece carrying a marker: no marker
    reaches an anonymous visitor or a member on any public page of the S1 table (every object,
    every filter choice, every page), and no page they see changes at all (no count, no choice);
    staff see every marker; once the meeting is published, visitors see every one.
(c) The same draft announced (meetings.planned_meetings), its draft agenda circulated: on every
    public page, visitors and members find its title, occasion and agenda items' titles, and no
    other marker; its record's pages and files answer them 404.
"""

import datetime
import difflib
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from simple_history.models import HistoricalChanges

from actiongroups.models import ActionGroup
from base.record.visibility import PublicationStatus
from meetings.calendar_entries import meeting_event_keep_in_step
from meetings.models import (
    ActionPoint,
    ActionPointKind,
    AgendaItem,
    Document,
    DocumentKind,
    Event,
    EventKind,
    KeyFigure,
    Meeting,
    Objective,
    Office,
    OfficeTerm,
)
from meetings.participant_import import attendance_import
from partners.models import Country, EmailAddress, Organization, Person
from partners.services import person_create
from pathfinders.models import Milestone, Stage
from tests import document_samples
from tests.factories import make_intervention

from .url_table import public_entries, public_pages, text_of

HANGING_OFF_A_MEETING = [
    "meetings.ActionPoint",
    "meetings.AgendaItem",
    "meetings.Attendance",
    "meetings.Document",
    "meetings.Event",
    "meetings.Intervention",
    "meetings.KeyFigure",
    "meetings.Objective",
    "meetings.OfficeTerm",
    "pathfinders.Milestone",
]


def forward_relations(model):
    """The model's own foreign keys, one-to-one and many-to-many fields (not those to it)."""
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and field.related_model is not None
    ]


def has_a_path_to(model, target):
    """Whether a chain of forward foreign keys (one-to-one, many-to-many) leads to `target`."""
    seen, stack = set(), [model]
    while stack:
        current = stack.pop()
        for field in forward_relations(current):
            related = field.related_model
            if related is target:
                return True
            if related not in seen:
                seen.add(related)
                stack.append(related)
    return False


def resolves_to(model, path, target):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model is target


# Invitations, their registrations and the e-mails sent about them hang off a meeting but are not
# the record: personal data, seen by the invitee and the Secretariat alone, by the rule of
# invitations.access (tests/invitations/test_answer_page.py), never listed by a public page.
NOT_THE_RECORD = {"invitations.Invitation", "invitations.Registration", "invitations.SentEmail"}
# A comment round and what hangs off it are seen through comment_rounds.access alone.
NOT_THE_RECORD |= {
    "comment_rounds.CommentRound",
    "comment_rounds.Reviewer",
    "comment_rounds.Comment",
    "comment_rounds.Confirmation",
    "comment_rounds.RoundEmail",
}


def test_every_model_hanging_off_a_meeting_offers_visible_to():
    hanging = [
        model
        for model in apps.get_models()
        # The audit history is shown in the admin only (to staff, who see drafts anyway).
        if not issubclass(model, HistoricalChanges) and has_a_path_to(model, Meeting)
    ]
    # Every model that hangs off a meeting is the record's or named here as not the record.
    assert {m._meta.label for m in hanging} == {*HANGING_OFF_A_MEETING, *NOT_THE_RECORD}
    record = [m for m in hanging if m._meta.label not in NOT_THE_RECORD]
    lacking = [m._meta.label for m in record if not hasattr(m._default_manager, "visible_to")]
    assert lacking == []
    # Each declares how it hangs off meetings, or `visible_to` would treat it as reference data.
    undeclared = [
        m._meta.label
        for m in record
        if not m.meeting_paths or not all(resolves_to(m, path, Meeting) for path in m.meeting_paths)
    ]
    assert undeclared == []


# (b) ------------------------------------------------------------------------------------------

# One marker per piece of the draft: none may show before it is published, all of them after.
MARKERS = {
    "title": "Qzdrafttitle",
    "occasion": "Qzdraftoccasion",
    "objective": "Qzdraftobjective",
    "item": "Qzdraftagendaitem",
    "narrative": "Qzdraftnarrative",
    "imported organisation": "Qzdraftimportedorganisation",
    "imported person": "Qzdraftimportedperson",
    "intervention": "Qzdraftinterventionbynew",
    "other intervention": "Qzdraftinterventionbyilo",
    "decision": "Qzdraftdecision",
    "follow-up": "Qzdraftfollowup",
    "document": "Qzdraftdocument",
    "item document": "Qzdraftitemdocument",
    "meeting event": "Qzdraftmeetingevent",
    "mentioned event": "Qzdraftmentionedevent",
    "milestone": "Qzdraftmilestonenote",
    "new country": "Qzdraftcountry",
    "new country milestone": "Qzdraftnewcountrymilestone",
    "key figure": "Qzdraftkeyfigure",
    "office holder": "Qzdraftofficeholder",
}
NEW_ADDRESS = "qz.participant@example.org"  # the imported person's: for members, once published
DATE = datetime.date(2019, 11, 12)
TODAY = datetime.date(2019, 10, 1)  # the draft's events are still to come
# URLs walked over the 2019 record (as in S2, without its ten extra people: no second directory
# page; organisations and meetings typed, not listed, so a query per text field), then what the
# draft adds for staff: the meeting's page and its report, its JSON and its two CSV files, the new
# country's and the new organisation's pages; in the choices, the stage Nepal's draft milestone
# reaches and the new organisation's kind (in the organisations list and the directory: the
# organisation itself and the meeting are typed, not listed); the files of its two documents;
# its briefing pack's page, its ZIP and the file of the document in it.
# Filter choices are those the rows hold, and a filter with one choice is not offered: countries
# 4 stages reached, 5 regions, 2 kinds; organisations 7 kinds, 9 countries; the directory's name
# search, its organisation and meeting searches, 6 kinds, 9 countries, 2 sort orders; events 3
# kinds; the follow-ups: 5 statuses (Overdue too), 2 kinds, owner and meeting searches, 3 action
# groups;
# whose voice is heard, its 8 stakeholder groups (offered whole).
# 26 pages (the search page and the meeting's briefing pack among them; the admin signs in on
# the portal's sign-in; the site's own four pages and the contact form's thank-you), 4 for
# servers and robots (/healthz, /readyz, /robots.txt, /sitemap.xml) and 10 exports (the
# calendar feed, the JSON views, a meeting's two CSV files); the 7 Atom feeds of the lists.
URLS_BEFORE = (
    26
    + 4
    + 10
    + 7
    + (23 + 3 + 33)
    + (4 + 5 + 2)
    + (7 + 9)
    + (1 + 1 + 1 + 6 + 9 + 2)
    + 3
    + (5 + 2 + 1 + 1 + 3)
    + 8
    # The Atom feeds of what changed about each country, action group and organisation, and
    # about all meetings (following/).
    + (24 + 4 + 34 + 1)
)
# And the feeds of the draft's new country and organisation.
URLS_AFTER = URLS_BEFORE + 4 + 3 + (1 + 2) + 2 + 3 + 2
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def build_draft():
    """A draft 6th meeting with one of everything that hangs off a meeting, marked."""
    m = MARKERS
    ilo = Organization.objects.get(acronym="ILO")
    nepal = Country.objects.get(name="Nepal")
    group = ActionGroup.objects.get(name="Supply Chains")
    meeting = Meeting.objects.create(
        number=6,
        title=f"6th Meeting {m['title']}",
        date=DATE,
        city="Geneva",
        occasion=f"Held alongside the {m['occasion']} week.",
        status=PublicationStatus.DRAFT,
    )
    Objective.objects.create(meeting=meeting, position=1, text=f"Agree the {m['objective']}.")
    item = AgendaItem.objects.create(
        meeting=meeting, number=1, title=m["item"], narrative=f"The {m['narrative']} discussion."
    )
    # A participant new to the record, at a new organisation; and one the record knows.
    attendance_import(
        meeting,
        f"{m['imported person']} Example\t{m['imported organisation']} Trust\t{NEW_ADDRESS}\n"
        "Emma Goodwin\tDepartment for Foreign Affairs and Trade\tEmma.goodwin@dfat.gov.au\n",
    )
    new_organization = Organization.objects.get(name=f"{m['imported organisation']} Trust")
    new_person = Person.objects.get(name=f"{m['imported person']} Example")
    make_intervention(
        agenda_item=item,
        organization=new_organization,
        speaker=new_person,
        summary=f"Spoke of the {m['intervention']}.",
        countries=[nepal],
        action_groups=[group],
    ).on_behalf_of.set([ilo])
    make_intervention(agenda_item=item, organization=ilo, summary=f"The {m['other intervention']}.")
    decision = ActionPoint.objects.create(
        meeting=meeting, agenda_item=item, kind=ActionPointKind.DECISION, text=m["decision"]
    )
    decision.owners.set([ilo])
    decision.countries.set([nepal])
    decision.action_groups.set([group])
    ActionPoint.objects.create(
        meeting=meeting, kind=ActionPointKind.FOLLOW_UP, text=m["follow-up"]
    ).owners.set([new_organization])
    # Each with its file, the file holding the document's marker too; one in the briefing pack.
    document = Document.objects.create(
        meeting=meeting,
        title=m["document"],
        kind=DocumentKind.PAPER,
        description="A paper.",
        file=document_samples.upload("paper.pdf", document_samples.pdf(m["document"])),
        briefing_pack_position=1,
    )
    document.organizations.set([ilo])
    document.countries.set([nepal])
    document.action_groups.set([group])
    Document.objects.create(
        meeting=meeting,
        agenda_item=item,
        title=m["item document"],
        kind=DocumentKind.REPORT,
        file=document_samples.upload("report.pdf", document_samples.pdf(m["item document"])),
    )
    the_meeting = Event.objects.create(
        title=m["meeting event"], kind=EventKind.GCG_MEETING, start_date=DATE, meeting=meeting
    )
    the_meeting.countries.set([nepal])
    the_meeting.action_groups.set([group])
    Event.objects.create(
        title=m["mentioned event"], start_date=datetime.date(2020, 3, 2), mentioned_at=item
    ).countries.set([nepal])
    Milestone.objects.create(
        country=nepal,
        kind=Stage.PROGRESS_REPORT,
        source_meeting=meeting,
        source_agenda_item=item,
        note=f"The {m['milestone']}.",
    )
    new_country = Country.objects.create(name=f"{m['new country']} Republic")
    Milestone.objects.create(
        country=new_country,
        kind=Stage.EXPRESSION_OF_INTEREST,
        source_meeting=meeting,
        note=f"The {m['new country milestone']}.",
    )
    KeyFigure.objects.create(
        agenda_item=item, value=250, label=m["key figure"], reported_by=new_organization
    )
    holder = person_create(f"{m['office holder']} Example", ilo)
    OfficeTerm.objects.create(
        office=Office.CHAIR,
        country=nepal,
        person=holder,
        start_date=DATE,
        start_precision="day",
        source_meeting=meeting,
    )
    meeting.chair = holder
    meeting.save()
    return meeting


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def comparable(url, body):
    """The page lowercased, without its (per-request) CSRF token, and without the address asked
    for (a page not found links to sign-in with it as `next`: the visitor typed it, it tells
    them nothing)."""
    page = CSRF_TOKEN.sub("csrf", body)
    return page.replace(f"next={urlsplit(url).path}", "next=(this page)").lower()


def fetch(client, urls):
    """{url: (status, comparable page)} for each URL, as `client`."""
    pages = {}
    for url in urls:
        response = client.get(url)
        pages[url] = (response.status_code, comparable(url, text_of(response)))
    return pages


def walk(client):
    """{url: comparable page} for every public URL as `client` finds them (see public_pages)."""
    found = public_pages(client)
    return {url: comparable(url, body) for pages in found.values() for url, body in pages.items()}


def markers_in(pages):
    every_page = "".join(page for _status, page in pages.values())
    return sorted(name for name, marker in MARKERS.items() if marker.lower() in every_page)


def markers_missing(pages):
    return sorted(set(MARKERS) - set(markers_in(pages)))


def changed(before, after):
    """The first difference between two versions of a page, for the failure message."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
    return "\n".join(list(diff)[:12])


@pytest.mark.usefixtures("record")
class TestADraftMeetingWithEverything:
    def test_a_draft_is_for_staff_only_until_published(self, member, staff, time_machine):
        time_machine.move_to(TODAY, tick=False)
        explorer = signed_in(staff)
        visitors = {"anonymous": Client(), "member": signed_in(member)}
        # Before the draft, visitors find what staff find: their walks are the pages as they were.
        before = {name: walk(client) for name, client in visitors.items()}
        urls_before = set(before["anonymous"])
        assert len(urls_before) == URLS_BEFORE
        assert set(before["member"]) == urls_before

        meeting = build_draft()

        walked = public_pages(explorer)
        assert sorted(walked) == sorted(public_entries())
        urls = [url for found in walked.values() for url in found]
        assert len(urls) == URLS_AFTER
        assert urls_before < set(urls)
        assert sorted(url for url in set(urls) - urls_before if "?" not in url) == [
            "/countries/qzdraftcountry-republic/",
            "/countries/qzdraftcountry-republic/feed/",
            "/documents/qzdraftdocument/file/",
            "/documents/qzdraftitemdocument/file/",
            "/meetings/6th-meeting-qzdrafttitle.json",
            "/meetings/6th-meeting-qzdrafttitle/",
            "/meetings/6th-meeting-qzdrafttitle/attendance.csv",
            "/meetings/6th-meeting-qzdrafttitle/briefing-pack.zip",
            "/meetings/6th-meeting-qzdrafttitle/briefing-pack/",
            "/meetings/6th-meeting-qzdrafttitle/briefing-pack/qzdraftdocument/",
            "/meetings/6th-meeting-qzdrafttitle/interventions.csv",
            "/meetings/6th-meeting-qzdrafttitle/report/",
            "/organizations/qzdraftimportedorganisation-trust/",
            "/organizations/qzdraftimportedorganisation-trust/feed/",
        ]
        as_staff = {
            url: (200, page.lower()) for found in walked.values() for url, page in found.items()
        }
        assert markers_missing(as_staff) == []
        for name, client in visitors.items():
            pages = fetch(client, urls)
            shown = {url: markers_in({url: page}) for url, page in pages.items()}
            assert {url: found for url, found in shown.items() if found} == {}, name
            for url, (status, page) in pages.items():
                if url in urls_before:
                    # Not a count, a choice or a line more: the page is as it was.
                    was = before[name][url]
                    assert (status, page) == (200, was), (name, url, status, changed(was, page))
                else:  # the draft's pages, and choices that are the draft's
                    assert status in (200, 404), (name, url, status)
        directory = reverse("directory:people")
        assert NEW_ADDRESS not in fetch(visitors["member"], [directory])[directory][1]

        meeting.status = PublicationStatus.PUBLISHED
        meeting.save()

        # Every page but the filters' choices: each marker shows on a page or a list.
        published = fetch(visitors["anonymous"], [url for url in urls if "?" not in url])
        assert markers_missing(published) == []
        assert NEW_ADDRESS in fetch(visitors["member"], [directory])[directory][1]
        assert EmailAddress.objects.filter(address=NEW_ADDRESS).count() == 1


# (c) ------------------------------------------------------------------------------------------

# What an announced draft shows anyone (meetings.planned_meetings): its title, its occasion, and
# its agenda items' titles once its draft agenda is circulated. Every other marker stays hidden.
ANNOUNCED = ["item", "occasion", "title"]


@pytest.mark.usefixtures("record")
class TestAnAnnouncedDraft:
    def test_its_announcement_alone_reaches_visitors_and_members(self, member, staff, time_machine):
        time_machine.move_to(TODAY, tick=False)
        meeting = build_draft()
        meeting.announced = meeting.agenda_circulated = True
        meeting.save()
        meeting_event_keep_in_step(meeting)  # as the meeting's admin page does on saving it

        walked = public_pages(signed_in(staff))
        urls = [url for found in walked.values() for url in found]
        page = meeting.get_absolute_url()
        assert page in urls
        # Its briefing pack: the page, the ZIP and its one document's download.
        pack = [url for url in urls if url.startswith(page.rstrip("/") + "/briefing-pack")]
        assert len(pack) == 3
        # Its record, its documents' files: a draft's.
        record = [
            url
            for url in urls
            if url.startswith((page.rstrip("/"), "/documents/")) and url != page and url not in pack
        ]
        assert len(record) == 6
        for name, client in {"anonymous": Client(), "member": signed_in(member)}.items():
            pages = fetch(client, urls)
            assert pages[page][0] == 200, name
            assert {url: pages[url][0] for url in record} == dict.fromkeys(record, 404), name
            # Members may have an announced meeting's pack before it is held (briefing_pack.py):
            # its document, and nothing else of the record, reaches them; visitors get nothing.
            seen_in_pack = {"anonymous": 404, "member": 200}[name]
            assert {url: pages[url][0] for url in pack} == dict.fromkeys(pack, seen_in_pack), name
            expected = sorted([*ANNOUNCED, "document"]) if name == "member" else ANNOUNCED
            assert markers_in(pages) == expected, name
            assert NEW_ADDRESS not in "".join(body for _status, body in pages.values())
