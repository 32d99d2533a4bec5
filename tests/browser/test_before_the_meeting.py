"""Before the meeting (issue 21), the whole cycle in Chromium, the clock set to the autumn of 2019:

- a Secretariat officer plans the 6th meeting (November 2019, its day not yet known), announced,
  with a document in its briefing pack; visitors see it on the home page and in /events.ics;
- the officer invites 10 people: two groups (all GCG members; an action group's members) and one
  person by name; the invitations are sent;
- 7 answer by their personal links (one sends someone else, one changes their answer); a
  reminder reaches the 3 others once, and a second run the same day sends nothing;
- the date is confirmed (14 November 2019) and shows everywhere; its e-mail goes to all 10;
- a member who is invited downloads the pack as one ZIP with its cover;
- after the meeting, the attendance is filled from the registrations.

At each step a visitor's pages hold no invitee's name. The people, organisation and action group
below are made up for the test; none of them is in the 2019 record's fixtures.
"""

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from actiongroups.models import ActionGroup
from base.accounts.invitations import MEMBERS
from invitations.models import Answer, Invitation
from meetings.models import Attendance, Meeting
from partners.models import EmailAddress, Organization, OrganizationKind, Person
from tests.document_samples import pdf as pdf_bytes
from tests.factories import make_roles

from .conftest import sign_in, sign_in_to_the_admin
from .test_recording_a_meeting import choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "6th Meeting of the Global Coordinating Group"
PLANNING = datetime.datetime(2019, 10, 1, 9, 0, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2019, 11, 15, 9, 0, tzinfo=datetime.UTC)
MEMBER_NAMES = [f"Test Member {n}" for n in "One Two Three Four".split()]
GROUP_NAMES = [f"Test Lead Person {n}" for n in "One Two Three Four Five".split()]
INDIVIDUAL = "Test Individual Person"
PASSWORD = "a-long-browser-password-21"
PACK_DOCUMENT = "Test briefing note for the 6th meeting"
# (invitee, answers in order, delegate): 7 answer, the last changes their mind.
ANSWERS = [
    (MEMBER_NAMES[0], ["in_person"]),
    (MEMBER_NAMES[1], ["in_person"]),
    (MEMBER_NAMES[2], ["remote"]),
    (MEMBER_NAMES[3], ["not_attending"]),
    (GROUP_NAMES[0], ["delegate"]),
    (GROUP_NAMES[1], ["remote"]),
    (GROUP_NAMES[2], ["not_attending", "in_person"]),
]
DELEGATE = ("Test Delegate Person", "test.delegate@example.org", "Adviser")


@pytest.fixture(scope="module")
def people(site):
    """Four members with accounts, the five people of an action group's lead organisation and
    one person to be invited by name, each with an address; committed for the live server."""
    make_roles()
    members_group = Group.objects.get(name=MEMBERS)
    lead, other = (
        Organization.objects.create(name=name, kind=OrganizationKind.CIVIL_SOCIETY)
        for name in ["Test Lead Organisation", "Test Member Organisation"]
    )
    group = ActionGroup.objects.create(name="Test Action Group", status="active")
    group.leads.set([lead])
    for n, name in enumerate([*MEMBER_NAMES, *GROUP_NAMES, INDIVIDUAL]):
        organization = lead if name in GROUP_NAMES else other
        person = Person.objects.create(name=name, organization=organization)
        EmailAddress.objects.create(person=person, address=f"test.invitee{n}@example.org")
        if name in MEMBER_NAMES:
            user = get_user_model().objects.create_user(f"test-member-{n}", password=PASSWORD)
            user.groups.add(members_group)
            person.user = user
            person.save()
    return group


def personal_link(email):
    """The path of the personal link an e-mail carries (its site's domain left out)."""
    return re.search(r"https?://[^/\s]+(/invitation/[^/\s]+/)", email.body).group(1)


def answer(browser, site, link, choice):
    """An invitee, not signed in, answers by their personal link."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + link)
    page.locator(f"input[name=answer][value={choice}]").check()
    if choice == Answer.DELEGATE:
        page.get_by_label("Their name").fill(DELEGATE[0])
        page.get_by_label("Their e-mail address").fill(DELEGATE[1])
        page.get_by_label("Their position").fill(DELEGATE[2])
        # Mistake: how the delegate attends is not said. Asked for, what was typed kept.
        page.locator("main button[type=submit]").click()
        expect(page.locator("main")).to_contain_text("Say whether they attend")
        expect(page.get_by_label("Their name")).to_have_value(DELEGATE[0])
        page.locator("input[name=delegate_mode][value=in_person]").check()
    page.locator("main button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Saved.")
    expect(page.locator(f"input[name=answer][value={choice}]")).to_be_checked()
    context.close()


def visitor_sees(browser, site, path):
    context = browser.new_context()
    if path.endswith(".ics"):  # a download: fetched as a calendar application would
        text = context.request.get(site + path).text()
    else:
        page = context.new_page()
        page.goto(site + path)
        text = page.locator("body").inner_text()
    context.close()
    for name in [*MEMBER_NAMES, *GROUP_NAMES, INDIVIDUAL, DELEGATE[0]]:
        assert name not in text, f"{name} on {path}"
    return text


def test_a_meeting_planned_invited_answered_confirmed_packed_and_attended(
    browser, page, site, officer_account, people, time_machine, tmp_path
):
    time_machine.move_to(PLANNING, tick=True)
    sign_in_to_the_admin(page, site, officer_account)

    # 1. The officer plans the 6th meeting: November 2019, its day not yet known; announced;
    # a briefing note in its pack.
    page.goto(site + reverse("admin:meetings_meeting_add"))
    page.locator("#id_number").fill("6")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_date").fill("November 2019")
    page.locator("#id_city").fill("Paris")
    page.locator("#id_occasion").fill("Back to back to the Paris Peace Forum.")
    page.locator("#id_announced").check()
    page.locator("#documents-group > .ws-add").click()
    page.locator("#id_documents-0-title").fill(PACK_DOCUMENT)
    page.locator("#id_documents-0-kind").select_option("briefing")
    note = tmp_path / "note.pdf"
    note.write_bytes(pdf_bytes("A test briefing note"))
    page.locator("#id_documents-0-file").set_input_files(str(note))
    page.locator("#id_documents-0-briefing_pack_position").fill("1")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    meeting = Meeting.objects.get(number=6)
    assert (meeting.date, meeting.date_precision) == (datetime.date(2019, 11, 1), "month")
    assert meeting.announced and not meeting.is_published

    home = visitor_sees(browser, site, "/")
    assert TITLE in home and "November 2019" in home
    feed = visitor_sees(browser, site, "/events.ics")
    assert feed.count("SUMMARY:6th Meeting of the Global Coordinating Group") == 1
    assert "Next meeting of the Global Coordinating Group" not in feed  # the plan it replaced

    # 2. Invite 10: all GCG members (4), the action group's members (5), and one person.
    page.goto(site + reverse("admin:invitations_invitation_invite") + f"?meeting={meeting.pk}")
    page.locator("#id_meeting").select_option(str(meeting.pk))
    page.locator("#id_gcg_members").check()
    page.get_by_label(re.compile(r"Test Action Group \(5 people\)")).check()
    choose(page, page.locator(".field-people, #invite-people, form"), INDIVIDUAL)
    page.locator("input[type=submit][value=Invite]").click()
    expect(page.locator(".messagelist")).to_contain_text("10 people newly invited")
    assert Invitation.objects.filter(meeting=meeting).count() == 10

    call_command("send_invitations", verbosity=0)
    assert len(mail.outbox) == 10
    links = {email.to[0]: personal_link(email) for email in mail.outbox}
    visitor_sees(browser, site, meeting.get_absolute_url())

    # 3. Seven answer; one sends someone else; one changes their answer.
    address_of = dict(
        EmailAddress.objects.filter(person__name__startswith="Test ").values_list(
            "person__name", "address"
        )
    )
    for name, choices in ANSWERS:
        for choice in choices:
            answer(browser, site, links[address_of[name]], choice)
    answered = Invitation.objects.filter(meeting=meeting).exclude(answer="")
    assert answered.count() == 7
    assert answered.get(person__name=GROUP_NAMES[2]).answer == Answer.IN_PERSON
    assert answered.get(answer=Answer.DELEGATE).delegate_name == DELEGATE[0]
    visitor_sees(browser, site, meeting.get_absolute_url())

    # 4. Reminders reach the 3 who have not answered, once.
    mail.outbox.clear()
    call_command("send_registration_reminders", verbosity=0)
    reminded = sorted(email.to[0] for email in mail.outbox)
    unanswered = [GROUP_NAMES[3], GROUP_NAMES[4], INDIVIDUAL]
    assert reminded == sorted(address_of[name] for name in unanswered)
    assert all("List-Unsubscribe" in email.extra_headers for email in mail.outbox)
    mail.outbox.clear()
    call_command("send_registration_reminders", verbosity=0)
    assert mail.outbox == []

    # 5. The date is confirmed: 14 November 2019, everywhere.
    page.goto(site + reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    page.locator("#id_date").fill("14 November 2019")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    meeting.refresh_from_db()
    assert (meeting.date, meeting.date_precision) == (datetime.date(2019, 11, 14), "day")
    assert "14 November 2019" in visitor_sees(browser, site, "/")
    assert "14 November 2019" in visitor_sees(browser, site, meeting.get_absolute_url())
    feed = visitor_sees(browser, site, "/events.ics")
    assert "DTSTART;VALUE=DATE:20191114" in feed
    mail.outbox.clear()
    call_command("send_date_confirmed", verbosity=0)
    assert len(mail.outbox) == 10
    assert all("14 November 2019" in email.body for email in mail.outbox)

    # 6. An invited member downloads the pack: one ZIP, its cover first.
    member = browser.new_context()
    member_page = member.new_page()
    sign_in(member_page, site, ("test-member-0", PASSWORD))
    member_page.goto(site + reverse("briefing_pack:page", kwargs={"slug": meeting.slug}))
    expect(member_page.locator("main")).to_contain_text(PACK_DOCUMENT)
    with member_page.expect_download() as download:
        member_page.locator(f"a[href$='{meeting.slug}/briefing-pack.zip']").first.click()
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as pack:
        names = pack.namelist()
        cover = pack.read(names[0]).decode()
    assert len(names) == 2 and names[1].startswith("01-")
    assert PACK_DOCUMENT in cover
    member.close()
    # A visitor has no pack before the record is published.
    visitor = browser.new_context()
    response = visitor.new_page().goto(
        site + reverse("briefing_pack:zip", kwargs={"slug": meeting.slug})
    )
    assert response.status == 404
    visitor.close()

    # 7. After the meeting: the attendance from the registrations, nobody typed twice.
    time_machine.move_to(AFTER, tick=True)
    sign_in_to_the_admin(page, site, officer_account)
    page.goto(
        site
        + reverse("admin:invitations_registration_changelist")
        + f"?meeting__id__exact={meeting.pk}"
    )
    counts = page.locator("#registration-counts tfoot")
    expect(counts).to_be_visible()
    page.goto(site + reverse("admin:invitations_registration_fill_attendance", args=[meeting.pk]))
    page.locator("input[type=submit][value='Fill the attendance']").click()
    expect(page.locator(".messagelist")).to_be_visible()
    attended = Attendance.objects.filter(meeting=meeting)
    # 3 in person (one after changing their answer), 2 remote, 1 delegate in place of the invitee.
    assert attended.count() == 6
    assert set(attended.values_list("person__name", flat=True)) == {
        MEMBER_NAMES[0],
        MEMBER_NAMES[1],
        MEMBER_NAMES[2],
        GROUP_NAMES[1],
        GROUP_NAMES[2],
        DELEGATE[0],
    }
    assert attended.filter(mode="remote").count() == 2
