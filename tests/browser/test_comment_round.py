"""After the meeting (issue 22), the whole comment round in Chromium:

- a Secretariat officer circulates the draft record of the 6th meeting to its participants for
  ten days, and sends each their personal link;
- three people comment: one on the record as a whole, one on an agenda item, and a speaker who
  proposes a correction of their intervention; the other speaker confirms theirs;
- the officer accepts the correction, applied to the record in one action and kept in its history
  with the comment as its reason, and declines the comment on the whole with a reply, which its
  author then reads;
- the officer closes the round, and comments stop; then publishes the record, whose page states
  the round and its counts.

At every step, every public URL, fetched as a visitor, as a member outside the round and as the
reviewer of another round, shows neither the draft nor any comment (after publishing, the record
is public: no comment, no reply). The people and organisations are made up for the test.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from base.record.visibility import PublicationStatus
from comment_rounds.models import Comment, Resolution
from meetings.models import AgendaItem, Attendance, Intervention, Meeting
from partners.models import EmailAddress, Organization, OrganizationKind, Person
from tests.factories import make_comment_round, make_meeting, make_roles
from tests.security.test_drafts_are_for_staff import fetch, signed_in
from tests.security.url_table import public_pages

from .conftest import sign_in_to_the_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "Test data: Qzsixth meeting of the Global Coordinating Group"
ITEM = "Qzpathfinder countries"
SUMMARY_A = "Qzsummary A: the organisation reported progress."
SUMMARY_B = "Qzsummary B: the organisation welcomed the roadmap."
CORRECTED = "Qzcorrected: the organisation reported progress in three countries."
COMMENTS = {
    "whole": "Qzcomment on the whole: the objectives are missing.",
    "item": "Qzcomment on the item: say which countries.",
    "correction": "Qzcomment of a speaker: the summary omits the countries.",
    "reply": "Qzreply: the objectives are in the report's annex.",
}
# (name, organisation, whether they took the floor): A and B speak; C and D listen.
PEOPLE = {
    "A": ("Test Speaker A", "Test Organisation A"),
    "B": ("Test Speaker B", "Test Organisation B"),
    "C": ("Test Participant C", "Test Organisation C"),
    "D": ("Test Participant D", "Test Organisation D"),
}


@pytest.fixture(scope="module")
def sixth(site):
    """A draft 6th meeting with its record: two items; at the second, A and B take the floor;
    the four attended. Another meeting's round, with a reviewer who has an account. Committed
    for the live server."""
    make_roles()
    meeting = Meeting.objects.create(
        number=6,
        title=TITLE,
        date=datetime.date(2019, 11, 14),
        city="Paris",
        status=PublicationStatus.DRAFT,
    )
    AgendaItem.objects.create(meeting=meeting, number=1, title="Qzopening", narrative="Opened.")
    item = AgendaItem.objects.create(meeting=meeting, number=2, title=ITEM, narrative="Discussed.")
    people = {}
    for n, (key, (name, organization_name)) in enumerate(PEOPLE.items()):
        organization = Organization.objects.create(
            name=organization_name, kind=OrganizationKind.CIVIL_SOCIETY
        )
        person = Person.objects.create(name=name, organization=organization)
        EmailAddress.objects.create(person=person, address=f"test.reviewer{n}@example.org")
        Attendance.objects.create(meeting=meeting, person=person, organization=organization)
        people[key] = person
    for position, (key, summary) in enumerate([("A", SUMMARY_A), ("B", SUMMARY_B)], start=1):
        Intervention.objects.create(
            agenda_item=item,
            position=position,
            organization=people[key].organization,
            speaker=people[key],
            summary=summary,
        )
    elsewhere = make_comment_round(make_meeting(status=PublicationStatus.DRAFT))
    account = get_user_model().objects.create_user("test-reviewer-elsewhere")
    other = Person.objects.create(
        name="Test Reviewer Elsewhere", organization=people["A"].organization
    )
    other.user = account
    other.save()
    elsewhere.reviewers.create(person=other, organization=other.organization)
    outsider = get_user_model().objects.create_user("test-member-outside")
    return {"meeting": meeting, "item": item, "people": people, "readers": [account, outsider]}


def nothing_shows(sixth, markers):
    """No public URL, as a visitor, a member outside the round or another round's reviewer,
    shows any of `markers`."""
    staff = get_user_model().objects.filter(is_staff=True).first()
    walked = public_pages(signed_in(staff))
    personal = tuple(
        reverse(name, args=["x"]).removesuffix("x/")
        for name in ["comment_rounds:by_link", "invitations:answer", "invitations:unsubscribe"]
    )
    urls = sorted(
        {url for found in walked.values() for url in found if not url.startswith(personal)}
        | {reverse("directory:me")}
    )
    assert sixth["meeting"].get_absolute_url() in urls  # staff's walk reached the draft
    for client in [Client(), *(signed_in(user) for user in sixth["readers"])]:
        for url, (_status, page) in fetch(client, urls).items():
            shown = [marker for marker in markers if marker.lower() in page]
            assert not shown, f"{url}: {shown}"


def links_by_name(sixth):
    """{person key: the path of the personal link their e-mail carries}."""
    addresses = {key: person.emails.first().address for key, person in sixth["people"].items()}
    links = {}
    for message in mail.outbox:
        match = re.search(r"https?://[^/\s]+(/comments/link/[^/\s]+/)", message.body)
        for key, address in addresses.items():
            if match and message.to == [address]:
                links[key] = match.group(1)
    return links


def reviewer_page(browser, site, link):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + link)
    expect(page.locator("#draft-banner")).to_contain_text(
        re.compile("not the published record", re.I)
    )
    return context, page


def comment(scope, summary, text, wording=None, button="Send my comment"):
    """Unfolds the form `summary` names, within `scope` (a page, or a part of it), and sends it."""
    page = getattr(scope, "page", scope)
    form = scope.locator("details.comment-form").filter(
        has=page.locator(f"summary:text-is('{summary}')")
    )
    form.locator("summary").click()
    form.get_by_label(re.compile("Your comment|What is wrong with it")).fill(text)
    if wording:
        form.get_by_label("The summary as it should read").fill(wording)
    form.get_by_role("button", name=button).click()


def test_a_draft_record_circulated_commented_resolved_closed_and_published(
    browser, page, site, officer_account, sixth
):
    meeting, item = sixth["meeting"], sixth["item"]
    draft_markers = [TITLE.split(": ")[1], ITEM, SUMMARY_A, SUMMARY_B]
    sign_in_to_the_admin(page, site, officer_account)

    # 1. The officer circulates the draft to its participants, for ten days, and sends the links.
    page.goto(site + reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    page.get_by_role("link", name="Circulate the draft record for comments").click()
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    page.locator("#id_audience").select_option("participants")
    page.locator("#id_deadline_0").fill(deadline.isoformat())
    page.locator("#id_deadline_1").fill("12:00")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("4 people take part")
    comment_round = meeting.__class__.objects.get(pk=meeting.pk).comment_round
    assert comment_round.deadline.date() == deadline
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("send_round_emails_due")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("E-mails sent: 4.")
    links = links_by_name(sixth)
    assert sorted(links) == ["A", "B", "C", "D"]
    nothing_shows(sixth, draft_markers)

    # 2. Three comment; B confirms their words. Each reads the draft by their own link.
    context, reviewer = reviewer_page(browser, site, links["C"])
    comment(reviewer, "Comment on the record as a whole", COMMENTS["whole"])
    expect(reviewer.locator("#whole-record")).to_contain_text(COMMENTS["whole"])
    context.close()

    context, reviewer = reviewer_page(browser, site, links["D"])
    comment(reviewer, f"Comment on item 2. {ITEM}", COMMENTS["item"])
    expect(reviewer.locator(f"#item-{item.pk}")).to_contain_text(COMMENTS["item"])
    # D did not take the floor: nobody's summary is theirs to confirm.
    expect(reviewer.get_by_role("button", name="Confirm this summary")).to_have_count(0)
    context.close()

    intervention_a, intervention_b = item.interventions.order_by("position")
    context, reviewer = reviewer_page(browser, site, links["A"])
    article = reviewer.locator(f"#intervention-{intervention_a.pk}")
    comment(
        article, "Propose a correction", COMMENTS["correction"], CORRECTED, "Send my correction"
    )
    expect(reviewer.locator(f"#intervention-{intervention_a.pk}")).to_contain_text(
        "Correction proposed"
    )
    context.close()

    context, reviewer = reviewer_page(browser, site, links["B"])
    article = reviewer.locator(f"#intervention-{intervention_b.pk}")
    article.get_by_role("button", name="Confirm this summary").click()
    expect(reviewer.locator(f"#intervention-{intervention_b.pk}")).to_contain_text(
        "You confirmed it."
    )
    expect(reviewer.locator(f"#intervention-{intervention_b.pk} .badge")).to_have_text("Confirmed")
    context.close()

    assert Comment.objects.filter(round=comment_round).count() == 3
    nothing_shows(sixth, [*draft_markers, *COMMENTS.values()])

    # 3. The officer accepts the correction, applied in one action, and declines the comment on
    # the whole with a reply.
    page.goto(site + reverse("admin:comment_rounds_commentround_change", args=[comment_round.pk]))
    page.locator(".object-tools").get_by_role("link", name="Resolve the comments").click()
    correction = Comment.objects.get(text=COMMENTS["correction"])
    box = page.locator(f"#comment-{correction.pk}")
    expect(box).to_contain_text(CORRECTED)
    box.get_by_role("button", name="Accept and apply the proposed wording").click()
    expect(page.locator(".messagelist")).to_be_visible()
    intervention_a.refresh_from_db()
    assert intervention_a.summary == CORRECTED
    applied = intervention_a.history.order_by("-history_date").first()
    assert applied.history_change_reason.startswith(f"Applied comment #{correction.pk} by")
    correction.refresh_from_db()
    assert correction.resolution == Resolution.ACCEPTED and correction.wording_applied_at

    whole = Comment.objects.get(text=COMMENTS["whole"])
    box = page.locator(f"#comment-{whole.pk}")
    box.get_by_role("radio", name="Declined").check()
    box.get_by_label("Reply to the commenter").fill(COMMENTS["reply"])
    box.get_by_role("button", name="Save the answer").click()
    expect(page.locator(f"#comment-{whole.pk}")).to_contain_text(COMMENTS["reply"])
    whole.refresh_from_db()
    assert whole.resolution == Resolution.DECLINED and whole.reply == COMMENTS["reply"]
    nothing_shows(sixth, [*draft_markers, CORRECTED, *COMMENTS.values()])

    # C reads the answer to their comment.
    context, reviewer = reviewer_page(browser, site, links["C"])
    expect(reviewer.locator("#whole-record")).to_contain_text("Declined")
    expect(reviewer.locator("#whole-record")).to_contain_text(COMMENTS["reply"])
    context.close()

    # 4. The officer closes the round: comments stop.
    page.goto(site + reverse("admin:comment_rounds_commentround_change", args=[comment_round.pk]))
    page.locator(".object-tools").get_by_role("link", name="Close now…").click()
    page.get_by_role("button", name="Close now").click()
    expect(page.locator(".messagelist")).to_be_visible()
    comment_round.refresh_from_db()
    assert comment_round.closed_at is not None
    context, reviewer = reviewer_page(browser, site, links["D"])
    expect(reviewer.locator("#draft-banner")).to_contain_text("the round is closed")
    expect(reviewer.locator("details.comment-form")).to_have_count(0)
    context.close()
    nothing_shows(sixth, [*draft_markers, CORRECTED, *COMMENTS.values()])

    # 5. The officer publishes; the published record states the round and its counts.
    page.goto(site + reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    page.get_by_role("link", name="Publish…").click()
    page.locator("input[type=submit][value^=Publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    meeting.refresh_from_db()
    assert meeting.is_published

    visitor = browser.new_context()
    public = visitor.new_page()
    public.goto(site + meeting.get_absolute_url())
    statement = public.locator("#comment-round")
    opened = comment_round.opened_at.date()
    closed = timezone.localtime(comment_round.closed_at).date()
    expect(statement).to_contain_text(
        f"This record was circulated in draft for comments from {opened.day} "
        f"{opened:%B %Y} to {closed.day} {closed:%B %Y}."
    )
    expect(statement).to_contain_text("It received 3 comments from 3 organisations.")
    expect(statement).to_contain_text("1 of 2 interventions were confirmed by their speakers.")
    expect(public.locator("main")).to_contain_text(CORRECTED)  # the record as corrected
    visitor.close()
    nothing_shows(sixth, list(COMMENTS.values()))
