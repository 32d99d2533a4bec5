"""A Secretariat officer (staff, not a superuser) records a whole new meeting through the admin
in Chromium: the meeting, three agenda items with interventions, a decision, a document's file,
then a pasted participants list of ten lines, one malformed, and publishing. Then a visitor finds
all of it on the public pages. The page loads and form submissions it takes are counted: about 20
page loads over 7 admin pages before the workspace.

The names below are made up for the test; none of them is in the 2019 record's fixtures.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.document_samples import pdf as pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OFFICER = ("browser-secretariat", "a-long-browser-password-9")
AGENDA = [
    ("Opening by the Chair", "Government of France", "Opened the meeting and welcomed members."),
    ("Update from pathfinder countries", "International Labour Organization", "Reported a test."),
    ("Communications", "Alliance 8.7 Secretariat", "Presented a test communications plan."),
]
DECISION = "Members to send test comments on the communications plan."
DOCUMENT = "Test briefing package"
# Ten lines: nine participants and one malformed line (two cells), as an officer would paste it.
PARTICIPANTS = (
    "Test Person One\tInternational Labour Organization\tone@example.org\n"
    "Test Person Two\tInternational Labour Organization\ttwo@example.org\n"
    "Test Person Three\tTest Ministry of Labour (Nepal)\tthree@example.org\n"
    "Test Person Four\tGovernment of France\tfour@example.org\n"
    "Test Person Five\tmissing its organisation cell\n"
    "Test Person Six\tAlliance 8.7 Secretariat\tsix@example.org\n"
    "Remote Participants\t\t\n"
    "Test Person Seven\tInternational Labour Organization\tseven@example.org\n"
    "Test Person Eight\tGovernment of France\teight@example.org\n"
    "Test Person Nine\tTest Ministry of Labour (Nepal)\tnine@example.org\n"
    "Test Person Ten\tAlliance 8.7 Secretariat\tten@example.org\n"
)
IMPORTED = [f"Test Person {n}" for n in "One Two Three Four Six Seven Eight Nine Ten".split()]


@pytest.fixture(scope="module")
def officer(site):
    user = get_user_model().objects.create_user(OFFICER[0], password=OFFICER[1], is_staff=True)
    user.groups.add(Group.objects.get(name="Secretariat"))
    return OFFICER


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


def test_an_officer_records_a_whole_meeting_then_the_public_finds_it(
    browser, page, site, officer, tmp_path
):
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(officer[0])
    page.get_by_label("Password").fill(officer[1])
    page.locator("input[type=submit]").click()
    expect(page.locator("#content-main")).to_contain_text("Record a meeting")
    counted = Counter(page)

    # From the index to the new meeting's page: everything of the meeting on one form.
    page.locator("tr.model-meeting a.addlink").click()
    page.locator("#id_number").fill("6")
    page.locator("#id_title").fill("6th Meeting of the Global Coordinating Group")
    page.locator("#id_date").fill("2026-11-20")
    page.locator("#id_city").fill("Geneva")
    choose(page, page.locator(".field-chair"), "Karvar", "Anousheh Karvar")

    add_agenda_item = page.locator(
        "#agenda_items-group a.djn-add-handler.djn-model-meetings-agendaitem"
    ).last
    for index, (title, organization, summary) in enumerate(AGENDA):
        add_agenda_item.click()
        expect(page.locator(f"#id_agenda_items-{index}-number")).to_have_value(str(index + 1))
        page.locator(f"#id_agenda_items-{index}-title").fill(title)
        page.locator(f"#agenda_items-{index}-interventions-group a.djn-add-handler").last.click()
        intervention = page.locator(f"#agenda_items-{index}-interventions-0")
        choose(page, intervention.locator(".field-organization"), organization)
        page.locator(f"#id_agenda_items-{index}-interventions-0-summary").fill(summary)

    page.locator("#action_points-group a.djn-add-handler").last.click()
    decision = page.locator("#action_points-0")
    page.locator("#id_action_points-0-kind").select_option("decision")
    page.locator("#id_action_points-0-text").fill(DECISION)
    choose(page, decision.locator(".field-owners"), "Alliance 8.7 Secretariat")
    page.locator("#id_action_points-0-due_date").fill("31/01/2027")  # no precision to choose

    page.locator("#documents-group a.djn-add-handler").last.click()
    page.locator("#id_documents-0-title").fill(DOCUMENT)
    page.locator("#id_documents-0-kind").select_option(index=1)
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(pdf_bytes("A test briefing package"))
    page.locator("#id_documents-0-file").set_input_files(str(pdf))

    page.locator("input[name=_import_participants]").first.click()
    expect(page.locator("h1")).to_contain_text("Import participants list")

    # The list, pasted; the malformed line is listed with its reason, the nine others imported.
    page.get_by_label("Participants list").fill(PARTICIPANTS)
    page.get_by_label("Import the valid lines and list the rejected ones").check()
    page.locator("input[name=preview]").click()
    rejected = page.locator("#import-rejected tbody tr")
    expect(rejected).to_have_count(1)
    expect(rejected.locator("td").first).to_have_text("5")
    expect(rejected).to_contain_text("expected 3 cells separated by tabs")
    page.locator("input[name=confirm]").click()
    expect(page.locator(".messagelist")).to_contain_text("9 attendances recorded")
    expect(page.locator("#import-rejected")).to_contain_text("Test Person Five")

    # Back to the meeting, and published after the check.
    page.locator(".breadcrumbs a", has_text="6th Meeting").click()
    page.get_by_role("link", name="Publish…").click()
    page.locator("input[type=submit][value^=Publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("ublished")

    loads, submissions = counted.loads, counted.submissions
    print(f"\nrecording a meeting: {loads} page loads, {submissions} form submissions")
    assert submissions == 4  # save, preview, confirm, publish
    assert loads <= 7  # the add page, import, preview, result, meeting, publish check, published

    meeting = Meeting.objects.get(number=6)
    assert meeting.status == "published"
    assert meeting.agenda_items.count() == 3 and meeting.attendances.count() == 9
    ministry = meeting.attendances.get(person__name="Test Person Three").organization
    assert (ministry.name, ministry.country.name) == ("Test Ministry of Labour", "Nepal")

    # A visitor, not signed in, finds it all on the meeting's public page, the file included.
    visitor = browser.new_page()
    visitor.goto(site + "/meetings/")
    visitor.locator("main").get_by_role("link", name=re.compile("6th Meeting")).click()
    main = visitor.locator("main")
    for title, organization, summary in AGENDA:
        expect(main).to_contain_text(title)
        expect(main).to_contain_text(organization)
        expect(main).to_contain_text(summary)
    expect(main).to_contain_text(DECISION)
    for name in IMPORTED:
        expect(main).to_contain_text(name)
    expect(main).not_to_contain_text("Test Person Five")
    assert "@example.org" not in visitor.content()
    with visitor.expect_download() as download:
        main.get_by_role("link", name=re.compile("Download the file")).click()
    assert download.value.suggested_filename == "briefing.pdf"
    assert download.value.path().read_bytes() == pdf.read_bytes()
    visitor.close()
