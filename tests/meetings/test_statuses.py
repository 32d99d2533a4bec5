"""Statuses that age honestly: a follow-up past its due period and not done shows "Overdue"; an
event over while its status was still a plan shows that status as the meeting reported it. Both
computed when read, with time frozen here; never stored."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.record.partial_dates import DatePrecision
from meetings.models import ActionPoint, ActionPointStatus, Event, EventStatus
from tests.alliance87.test_home import QUERIES as HOME_QUERIES
from tests.directory.test_action_groups import DETAIL_QUERIES as ACTION_GROUP_DETAIL_QUERIES
from tests.directory.test_organizations import DETAIL_QUERIES as ORGANIZATION_QUERIES
from tests.factories import make_agenda_item, make_country, make_event, make_meeting

D = datetime.date
FIFTH = reverse("meetings:detail", kwargs={"slug": "5th-meeting-2019-07-17"})
EVENTS = reverse("meetings:events")
# The pages' query counts, as their own tests assert them: aged statuses add none.
# With matters arising, voices by stakeholder group, and its comment round's statement.
MEETING_QUERIES = 16
EVENTS_QUERIES = 5  # with the kinds the filter offers


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def badges(html):
    """Each status badge shown, as (style, words)."""
    return re.findall(r'<span class="badge badge-([\w-]+)">([^<]*)</span>', html)


# Due dates at each precision: (due date, precision, its period's last day, the next day).
DUE = [
    (D(2019, 8, 30), DatePrecision.DAY, D(2019, 8, 30), D(2019, 8, 31)),
    (D(2019, 8, 30), "", D(2019, 8, 30), D(2019, 8, 31)),  # no precision: the day
    (D(2019, 9, 1), DatePrecision.EARLY_MONTH, D(2019, 9, 30), D(2019, 10, 1)),
    (D(2019, 8, 1), DatePrecision.MONTH, D(2019, 8, 31), D(2019, 9, 1)),
    (D(2020, 2, 1), DatePrecision.MONTH, D(2020, 2, 29), D(2020, 3, 1)),  # a leap year
    (D(2019, 8, 1), DatePrecision.END_MONTH, D(2019, 8, 31), D(2019, 9, 1)),
    (D(2020, 1, 1), DatePrecision.EARLY_YEAR, D(2020, 12, 31), D(2021, 1, 1)),
    (D(2019, 1, 1), DatePrecision.YEAR, D(2019, 12, 31), D(2020, 1, 1)),
]


@pytest.mark.parametrize(("due", "precision", "last_day", "day_after"), DUE)
@pytest.mark.parametrize("status", [ActionPointStatus.OPEN, ActionPointStatus.IN_PROGRESS])
def test_overdue_only_once_the_whole_due_period_is_over(
    today_is, due, precision, last_day, day_after, status
):
    point = ActionPoint(due_date=due, due_precision=precision, status=status, text="Circulate.")

    today_is(last_day)
    assert not point.is_overdue()
    assert point.display_status != "Overdue"
    assert point.status_style == status

    today_is(day_after)
    assert point.is_overdue()
    assert point.display_status == "Overdue"
    assert point.status_style == "overdue"


@pytest.mark.parametrize("status", [ActionPointStatus.DONE, ActionPointStatus.DROPPED])
def test_done_or_dropped_is_never_overdue(today_is, status):
    today_is(D(2030, 1, 1))
    point = ActionPoint(
        due_date=D(2019, 8, 1), due_precision=DatePrecision.END_MONTH, status=status
    )

    assert not point.is_overdue()
    assert point.display_status == {"done": "Done", "dropped": "Dropped"}[status]
    assert point.status_style == status


def test_nothing_due_when_is_never_overdue(today_is):
    today_is(D(2030, 1, 1))
    point = ActionPoint(status=ActionPointStatus.OPEN)

    assert not point.is_overdue()
    assert point.display_status == "Open"


@pytest.mark.django_db
class TestAnEventsStatusAges:
    @pytest.fixture
    def reported_on_17_july(self):
        return make_agenda_item(make_meeting(date=D(2019, 7, 17)))

    @pytest.mark.parametrize(
        ("status", "words"),
        [
            (EventStatus.PLANNED, "Planned"),
            (EventStatus.CONFIRMED, "Confirmed"),
            (EventStatus.TO_BE_CONFIRMED, "Dates to be confirmed"),
        ],
    )
    def test_a_plan_before_and_after_its_date(self, today_is, reported_on_17_july, status, words):
        event = make_event(
            start_date=D(2019, 12, 1),
            date_precision=DatePrecision.MONTH,
            status=status,
            mentioned_at=reported_on_17_july,
        )
        event = Event.objects.select_related("mentioned_at__meeting").get(pk=event.pk)

        today_is(D(2019, 12, 31))  # "December 2019" is not over yet
        assert event.display_status == words
        assert event.status_style == status

        today_is(D(2020, 1, 1))
        assert event.display_status == f"{words}, as reported on 17 July 2019"
        assert event.status_style == "as-reported"

    def test_the_end_date_decides(self, today_is, reported_on_17_july):
        event = make_event(
            start_date=D(2019, 11, 11),
            end_date=D(2019, 11, 13),
            status=EventStatus.CONFIRMED,
            mentioned_at=reported_on_17_july,
        )
        today_is(D(2019, 11, 13))
        assert event.display_status == "Confirmed"
        today_is(D(2019, 11, 14))
        assert event.display_status == "Confirmed, as reported on 17 July 2019"

    def test_held_stays_held(self, today_is, reported_on_17_july):
        event = make_event(
            start_date=D(2019, 5, 1), status=EventStatus.HELD, mentioned_at=reported_on_17_july
        )
        today_is(D(2030, 1, 1))
        assert event.display_status == "Held"
        assert event.status_style == "held"

    def test_a_plan_no_meeting_reported_says_it_is_the_last_record(self, today_is):
        event = make_event(start_date=D(2019, 11, 11), status=EventStatus.PLANNED)
        today_is(D(2019, 11, 12))
        assert event.display_status == "Planned, as last recorded"
        assert event.status_style == "as-reported"


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        (D(2019, 11, 15), None, DatePrecision.DAY),
        (D(2019, 11, 14), None, DatePrecision.DAY),
        (D(2019, 11, 11), D(2019, 11, 15), DatePrecision.DAY),
        (D(2019, 11, 1), None, DatePrecision.EARLY_MONTH),
        (D(2019, 10, 1), None, DatePrecision.END_MONTH),
        (D(2019, 1, 1), None, DatePrecision.YEAR),
        (D(2018, 1, 1), None, DatePrecision.EARLY_YEAR),
    ],
)
@pytest.mark.django_db
def test_an_event_is_over_exactly_when_the_calendar_lists_it_as_past(
    today_is, start, end, precision
):
    """The status ages on the day the event moves to "Past events", never before or after."""
    today = D(2019, 11, 15)
    today_is(today)
    event = make_event(start_date=start, end_date=end, date_precision=precision)

    listed = Event.objects.in_calendar_order(today).get(pk=event.pk)

    assert event.has_taken_place() is not listed.is_upcoming


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    """The July 2019 record's pages. The report: the advance copy of the consortium's report is
    due "by end-August" (2019), the two remaining Action Groups are to be launched "this year";
    the Freedom from Slavery Forum (December 2019), Child Labour Forum (January 2020), G-20
    labour ministers' meeting (early September 2019) and ILO Technical Meeting on Supply Chains
    (February 2020) are planned; the Paris Peace Forum (11-13 November 2019) confirmed; the next
    GCG meeting (November 2019) to be confirmed."""

    def decisions(self, client, django_assert_num_queries):
        with django_assert_num_queries(MEETING_QUERIES):
            html = client.get(FIFTH).content.decode()
        start = html.index('<section id="decisions"')
        return html[start : html.index("</section>", start)]

    def test_the_meeting_page_on_the_meeting_day_shows_every_follow_up_open(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2019, 7, 17))
        decisions = self.decisions(client, django_assert_num_queries)
        assert badges(decisions) == [("open", "Open")] * 7

    def test_the_advance_copy_is_overdue_from_september_2019(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2019, 8, 31))
        decisions = self.decisions(client, django_assert_num_queries)
        assert ("overdue", "Overdue") not in badges(decisions)

        today_is(D(2019, 9, 1))
        decisions = self.decisions(client, django_assert_num_queries)
        row = re.search(r"<tr[^>]*>\s*<th scope=.row.>All GCG members.*?</tr>", decisions, re.S)[0]
        assert badges(row) == [("overdue", "Overdue")]
        assert badges(decisions).count(("overdue", "Overdue")) == 1

    def test_the_launch_this_year_is_overdue_from_2020(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2020, 1, 1))
        decisions = self.decisions(client, django_assert_num_queries)
        row = re.search(r"<tr[^>]*>\s*<th scope=.row.>The two remaining.*?</tr>", decisions, re.S)[
            0
        ]
        assert badges(row) == [("overdue", "Overdue")]
        # The five with no due date stay as recorded.
        assert sorted(badges(decisions)) == [("open", "Open")] * 5 + [("overdue", "Overdue")] * 2

    def test_the_calendar_dates_a_past_plan_by_the_meeting_that_reported_it(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2025, 3, 1))
        with django_assert_num_queries(EVENTS_QUERIES):
            html = client.get(EVENTS).content.decode()
        assert 'id="upcoming-heading"' not in html
        shown = event_badges(html)
        assert shown["Freedom from Slavery Forum"] == "Planned, as reported on 17 July 2019"
        assert shown["Child Labour Forum"] == "Planned, as reported on 17 July 2019"
        assert shown["G-20 labour ministers' meeting"] == "Planned, as reported on 17 July 2019"
        assert (
            shown["ILO Technical Meeting on Supply Chains"]
            == "Planned, as reported on 17 July 2019"
        )
        assert shown["Paris Peace Forum"] == "Confirmed, as reported on 17 July 2019"
        assert (
            shown["Next meeting of the Global Coordinating Group"]
            == "Dates to be confirmed, as reported on 17 July 2019"
        )
        assert shown["Code 8.7 conference"] == "Held"
        assert shown["5th Meeting of the Global Coordinating Group"] == "Held"
        assert ("planned", "Planned") not in badges(html)

    def test_the_calendar_the_day_after_the_meeting_shows_the_plans_as_plans(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2019, 7, 18))
        with django_assert_num_queries(EVENTS_QUERIES):
            html = client.get(EVENTS).content.decode()
        shown = event_badges(html)
        assert shown["Freedom from Slavery Forum"] == "Planned"
        assert shown["Paris Peace Forum"] == "Confirmed"
        # Already over on the 18th: the side event of the 17th, confirmed at the meeting.
        assert (
            shown["Alliance 8.7 side event to launch the first Pathfinder Progress Report"]
            == "Confirmed, as reported on 17 July 2019"
        )
        assert "as reported" not in part(html, "upcoming-heading")

    def test_the_home_page_dates_the_most_recent_past_plans(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2030, 1, 1))
        with django_assert_num_queries(HOME_QUERIES):
            html = client.get(reverse("home")).content.decode()
        recent = event_badges(html.split("Most recent events")[1])
        assert recent["ILO Technical Meeting on Supply Chains"] == (
            "Planned, as reported on 17 July 2019"
        )
        assert recent["Child Labour Forum"] == "Planned, as reported on 17 July 2019"

    def test_an_owners_page_shows_its_overdue_follow_up(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2019, 9, 1))
        url = reverse(
            "directory:organization_detail", kwargs={"slug": "international-labour-organization"}
        )
        with django_assert_num_queries(ORGANIZATION_QUERIES):
            html = client.get(url).content.decode()
        card = html[html.index("</strong> All GCG members will receive an advance copy") :]
        assert badges(card[: card.index("</li>")]) == [("overdue", "Overdue")]

    def test_the_action_groups_timeline_shows_the_overdue_follow_up(
        self, client, today_is, django_assert_num_queries
    ):
        today_is(D(2019, 9, 1))
        url = reverse("directory:action_group_detail", kwargs={"slug": "supply-chains"})
        with django_assert_num_queries(ACTION_GROUP_DETAIL_QUERIES):
            html = client.get(url).content.decode()
        line = html[html.index("</strong> All GCG members will receive an advance copy") :]
        assert badges(line[: line.index("</p>")]) == [("overdue", "Overdue")]
        # The Draft Outcomes Report follow-up has no due date: still as recorded.
        line = html[html.index("</strong> The Draft Outcomes Report is available") :]
        assert badges(line[: line.index("</p>")]) == [("open", "Open")]

    def test_the_admin_lists_show_the_stored_status_and_how_it_is_shown(
        self, staff_client, today_is
    ):
        today_is(D(2025, 3, 1))
        points = staff_client.get(reverse("admin:meetings_actionpoint_changelist")).content
        row = re.search(
            r"<tr>(?:(?!</tr>).)*All GCG members(?:(?!</tr>).)*</tr>", points.decode(), re.S
        )[0]
        assert '<td class="field-shown_status">Overdue</td>' in row
        assert '<option value="open" selected>Open</option>' in row  # still editable as stored
        events = staff_client.get(reverse("admin:meetings_event_changelist")).content.decode()
        row = re.search(
            r"<tr>(?:(?!</tr>).)*Freedom from Slavery Forum(?:(?!</tr>).)*</tr>", events, re.S
        )[0]
        assert '<td class="field-shown_status">Planned, as reported on 17 July 2019</td>' in row
        assert '<td class="field-status">Planned</td>' in row

    @pytest.mark.parametrize("model", ["actionpoint", "event"])
    def test_the_admin_lists_cost_the_same_once_statuses_have_aged(
        self, client, staff, today_is, model
    ):
        url = reverse(f"admin:meetings_{model}_changelist")

        def queries_on(day):
            today_is(day)
            client.force_login(staff)  # a session of that day
            client.get(url)  # a session's first request loads more
            return count_queries(client, url)

        assert queries_on(D(2030, 1, 1)) == queries_on(D(2019, 7, 17))


@pytest.mark.django_db
def test_a_countrys_timeline_dates_its_past_plans_at_a_fixed_cost(
    client, today_is, django_assert_num_queries
):
    country = make_country(name="Testland")
    url = reverse("pathfinders:country_detail", kwargs={"slug": country.slug})

    def plan_events(count):
        for _ in range(count):
            item = make_agenda_item(make_meeting(date=D(2019, 7, 17)))
            make_event(
                title="Regional forum",
                start_date=D(2019, 12, 1),
                date_precision=DatePrecision.MONTH,
                status=EventStatus.PLANNED,
                mentioned_at=item,
            ).countries.add(country)

    today_is(D(2020, 1, 1))
    plan_events(1)
    queries = count_queries(client, url)
    html = client.get(url).content.decode()
    assert ("as-reported", "Planned, as reported on 17 July 2019") in badges(html)
    plan_events(4)
    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()
    assert badges(html).count(("as-reported", "Planned, as reported on 17 July 2019")) == 5


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def part(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def event_badges(html):
    """Each event's title, and the words of its status badge, as shown."""
    shown = {}
    for title, rest in re.findall(r'class="event-title">(.*?)</h\d>(.*?)</p>', html, re.S):
        (status,) = [words for _style, words in badges(rest)]
        shown[text(title).replace("&#x27;", "'")] = status
    return shown
