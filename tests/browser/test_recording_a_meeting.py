"""A Secretariat officer (staff, not a superuser) records a whole 6th meeting in Chromium, making
the mistakes officers make on the way (issue 17), and loses nothing:

- a follow-up left without its text, while a PDF is attached: the page comes back with every
  row as typed and the file kept;
- due dates typed as people type them ("20/12/2026", "January 2027"), no precision chosen;
- a four-column participants list (name, position, organisation, e-mail) with a bad line; the
  valid lines imported, the bad one corrected and pasted again, taking the next number;
- an agenda item recorded by mistake, deleted with its interventions in one save;
- then publishing, which puts the meeting on the calendar.

The page loads and form submissions are counted: at most 8 submissions with those mistakes. Then
a visitor finds it all: the meeting's page, the calendar and its feed, the file.

The names below are made up for the test; none of them is in the 2019 record's fixtures.
"""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from base.record.partial_dates import DatePrecision
from meetings.models import ActionPoint, Event, Meeting
from tests.document_samples import pdf as pdf_bytes

from .conftest import sign_in_to_the_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "6th Meeting of the Global Coordinating Group"
AGENDA = [
    ("Opening by the Chair", "Government of France", "Opened the meeting and welcomed members."),
    ("Update from pathfinder countries", "International Labour Organization", "Reported a test."),
    ("Communications", "Alliance 8.7 Secretariat", "Presented a test communications plan."),
]
MISTAKEN_ITEM = ("Test item recorded by mistake", "Government of France", "Test words.")
DECISION = "The GCG approved the test communications plan."
FOLLOW_UPS = [
    ("Members to send test comments on the communications plan.", "20/12/2026"),
    ("The Secretariat to circulate the test outcomes report.", "January 2027"),
]
DOCUMENT = "Test briefing package"
# Four columns, as a registration spreadsheet gives them; line 5's address is mistyped.
PARTICIPANTS = (
    "Test Person One\tSenior Specialist\tInternational Labour Organization\tone@example.org\n"
    "Test Person Two\tProgramme Officer\tInternational Labour Organization\ttwo@example.org\n"
    "Test Person Three\tDirector\tTest Ministry of Labour (Nepal)\tthree@example.org\n"
    "Test Person Four\tAdviser\tGovernment of France\tfour@example.org\n"
    "Test Person Five\tCounsellor\tGovernment of France\tfive(at)example.org\n"
    "Remote Participants\t\t\t\n"
    "Test Person Six\tAnalyst\tAlliance 8.7 Secretariat\tsix@example.org\n"
)
CORRECTED = "Test Person Five\tCounsellor\tGovernment of France\tfive@example.org"
PEOPLE = [f"Test Person {n}" for n in "One Two Three Four Five Six".split()]


class Counter:
    """Page loads (main-frame navigations) and form submissions (POSTs of a document)."""

    def __init__(self, page):
        self.loads = self.submissions = 0
        page.on("framenavigated", self._loaded)
        page.on("request", self._requested)
        self.page = page

    def _loaded(self, frame):
        if frame == self.page.main_frame:
            self.loads += 1

    def _requested(self, request):
        if request.method == "POST" and request.resource_type == "document":
            self.submissions += 1


def choose(page, container, text, option=None):
    """Pick `option` (or `text`) in the select2 autocomplete inside `container`."""
    container.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=option or text).first.click()


def add_agenda_item(page, index, title, organization, summaries):
    page.locator("#agenda_items-group > .ws-add").click()
    expect(page.locator(f"#id_agenda_items-{index}-number")).to_have_value(str(index + 1))
    page.locator(f"#id_agenda_items-{index}-title").fill(title)
    for position, summary in enumerate(summaries):
        page.locator(f"#agenda_items-{index}-interventions-group > .ws-add").click()
        row = page.locator(f"#agenda_items-{index}-interventions-{position}")
        choose(page, row.locator(".field-organization"), organization)
        row.locator(f"#id_agenda_items-{index}-interventions-{position}-summary").fill(summary)


def add_follow_up(page, index, kind, text, due=None, owner="Alliance 8.7 Secretariat"):
    page.locator("#action_points-group > .ws-add").click()
    row = page.locator(f"#action_points-{index}")
    page.locator(f"#id_action_points-{index}-kind").select_option(kind)
    page.locator(f"#id_action_points-{index}-text").fill(text)
    choose(page, row.locator(".field-owners"), owner)
    if due:
        page.locator(f"#id_action_points-{index}-due_date").fill(due)


def test_an_officer_records_a_meeting_with_the_usual_mistakes_and_loses_nothing(
    browser, page, site, officer_account, tmp_path
):
    sign_in_to_the_admin(page, site, officer_account)
    expect(page.locator("#content-main")).to_contain_text("Record a meeting")
    counted = Counter(page)

    # The new meeting's page: everything of the meeting on one form.
    page.locator("tr.model-meeting a.addlink").click()
    page.locator("#id_number").fill("6")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_date").fill("20/11/2026")
    page.locator("#id_city").fill("Geneva")
    choose(page, page.locator(".field-chair"), "Karvar", "Anousheh Karvar")
    for index, (title, organization, summary) in enumerate([*AGENDA, MISTAKEN_ITEM]):
        summaries = [summary] if index < len(AGENDA) else [summary, "More test words."]
        add_agenda_item(page, index, title, organization, summaries)
    add_follow_up(page, 0, "decision", DECISION)
    add_follow_up(page, 1, "follow_up", FOLLOW_UPS[0][0], due=FOLLOW_UPS[0][1])
    # Mistake: the second follow-up's text is forgotten.
    add_follow_up(page, 2, "follow_up", "", due=FOLLOW_UPS[1][1])
    page.locator("#documents-group > .ws-add").click()
    page.locator("#id_documents-0-title").fill(DOCUMENT)
    page.locator("#id_documents-0-kind").select_option("briefing")
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(pdf_bytes("A test briefing package"))
    page.locator("#id_documents-0-file").set_input_files(str(pdf))

    page.locator("input[name=_import_participants]").click()

    # Back with the error, every row as typed and the file kept on the server.
    expect(page.locator(".errornote").first).to_be_visible()
    expect(page.locator("#action_points-2")).to_contain_text("This field is required")
    for index, (title, _organization, summary) in enumerate([*AGENDA, MISTAKEN_ITEM]):
        expect(page.locator(f"#id_agenda_items-{index}-title")).to_have_value(title)
        expect(page.locator(f"#id_agenda_items-{index}-interventions-0-summary")).to_have_value(
            summary
        )
    expect(page.locator("#id_action_points-1-due_date")).to_have_value(FOLLOW_UPS[0][1])
    expect(page.locator("#documents-0")).to_contain_text("briefing.pdf")
    page.locator("#id_action_points-2-text").fill(FOLLOW_UPS[1][0])
    page.locator("input[name=_import_participants]").click()

    # The four-column list, with its bad line: the valid lines imported, the bad one given back.
    expect(page.locator("h1")).to_contain_text("Import participants list")
    page.get_by_label("Participants list").fill(PARTICIPANTS)
    page.get_by_label("Import the valid lines and list the rejected ones").check()
    page.locator("input[name=preview]").click()
    rejected = page.locator("#import-rejected tbody tr")
    expect(rejected).to_have_count(1)
    expect(rejected.locator("td").first).to_have_text("5")
    expect(rejected).to_contain_text("five(at)example.org")
    page.locator("input[name=confirm]").click()
    expect(page.locator(".messagelist")).to_contain_text("5 attendances recorded")

    # Corrected in the box, and pasted again: it merges with what is recorded.
    page.get_by_label("Participants list").fill(CORRECTED)
    page.locator("input[name=preview]").click()
    expect(page.locator("#import-preview tbody tr")).to_have_count(1)
    page.locator("input[name=confirm]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 attendance recorded")

    # The item recorded by mistake, deleted with its interventions in one save.
    expect(page.locator("h1")).to_contain_text("Change meeting")
    mistaken = page.locator("#agenda_items-group > .ws-rows > .ws-row").last
    expect(mistaken.locator(":scope > .ws-head > .ws-summary")).to_contain_text(MISTAKEN_ITEM[0])
    mistaken.locator(":scope > .ws-head .ws-delete input").check()
    expect(mistaken.locator(".ws-nested .ws-delete input").nth(1)).to_be_checked()
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # Published after the check, which names the organisation the import could not classify.
    page.get_by_role("link", name="Publish…").click()
    expect(page.locator("#content-main")).to_contain_text("Test Ministry of Labour")
    expect(page.locator("#content-main")).to_contain_text("calendar")
    page.locator("input[type=submit][value^=Publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    loads, submissions = counted.loads, counted.submissions
    print(f"\nrecording a meeting: {loads} page loads, {submissions} form submissions")
    # Save (refused), save again, preview, import, preview again, import, delete, publish.
    assert submissions <= 8
    assert loads <= 12

    meeting = Meeting.objects.get(number=6)
    assert meeting.status == "published"
    assert list(meeting.agenda_items.values_list("title", flat=True)) == [t for t, _o, _s in AGENDA]
    assert meeting.agenda_items.filter(interventions__isnull=False).count() == 3
    attendance = meeting.attendances.order_by("position")
    assert list(attendance.values_list("person__name", flat=True)) == [
        "Test Person One",
        "Test Person Two",
        "Test Person Three",
        "Test Person Four",
        "Test Person Six",
        "Test Person Five",  # pasted again: after the others, never a number twice
    ]
    assert list(attendance.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert attendance.get(person__name="Test Person Five").position_held == "Counsellor"
    first, second = (ActionPoint.objects.get(meeting=meeting, text=text) for text, _ in FOLLOW_UPS)
    assert (first.due_date.isoformat(), first.due_precision) == ("2026-12-20", DatePrecision.DAY)
    assert (second.due_date.isoformat(), second.due_precision) == ("2027-01-01", "month")
    event = Event.objects.get(meeting=meeting)
    assert (event.start_date, event.city) == (meeting.date, "Geneva")

    # A visitor, not signed in, finds it all: the meeting's page, the calendar, the file.
    visitor = browser.new_page()
    visitor.goto(site + "/meetings/")
    visitor.locator("main").get_by_role("link", name=re.compile("6th Meeting")).click()
    main = visitor.locator("main")
    for title, organization, summary in AGENDA:
        expect(main).to_contain_text(title)
        expect(main).to_contain_text(organization)
        expect(main).to_contain_text(summary)
    expect(main).not_to_contain_text(MISTAKEN_ITEM[0])
    expect(main).to_contain_text(DECISION)
    for name in PEOPLE:
        expect(main).to_contain_text(name)
    assert "@example.org" not in visitor.content()
    with visitor.expect_download() as download:
        main.get_by_role("link", name=re.compile("Download the file")).click()
    assert download.value.suggested_filename == "briefing.pdf"
    assert download.value.path().read_bytes() == pdf.read_bytes()
    visitor.goto(site + "/events/")
    expect(visitor.locator("main")).to_contain_text(TITLE)
    feed = visitor.request.get(site + "/events.ics")
    titles = [str(e.get("summary")) for e in Calendar.from_ical(feed.body()).walk("VEVENT")]
    assert titles.count(TITLE) == 1
    visitor.close()
