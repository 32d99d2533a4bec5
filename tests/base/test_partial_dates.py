"""Dates as far as they are known, printed one way everywhere ('17 July 2019'), read day first in
the admin, and "today" taken in the site's time zone."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from base.record.partial_dates import (
    DatePrecision,
    format_moment,
    format_partial_date,
    has_passed,
    last_day,
)
from meetings.models import Event, Meeting
from tests.factories import make_event

JULY_17 = datetime.date(2019, 7, 17)


@pytest.mark.parametrize(
    ("value", "precision", "printed"),
    [
        (JULY_17, DatePrecision.DAY, "17 July 2019"),
        (datetime.date(2019, 9, 1), DatePrecision.EARLY_MONTH, "early September 2019"),
        (datetime.date(2019, 12, 1), DatePrecision.MONTH, "December 2019"),
        (datetime.date(2019, 8, 1), DatePrecision.END_MONTH, "end of August 2019"),
        (datetime.date(2020, 1, 1), DatePrecision.EARLY_YEAR, "early 2020"),
        (datetime.date(2019, 1, 1), DatePrecision.YEAR, "2019"),
        (JULY_17, "", "17 July 2019"),  # no precision recorded: the date as it is
    ],
    ids=lambda value: str(value),
)
def test_a_date_is_printed_as_far_as_it_is_known(value, precision, printed):
    assert format_partial_date(value, precision) == printed


def test_no_date_prints_nothing():
    assert format_partial_date(None, DatePrecision.DAY) == ""


# Each precision's period: its last day, and the first day the date has passed.
PERIODS = [
    (JULY_17, DatePrecision.DAY, JULY_17, datetime.date(2019, 7, 18)),
    (JULY_17, "", JULY_17, datetime.date(2019, 7, 18)),  # no precision: the day
    (
        datetime.date(2019, 9, 1),
        "early_month",
        datetime.date(2019, 9, 30),
        datetime.date(2019, 10, 1),
    ),
    (datetime.date(2019, 12, 1), "month", datetime.date(2019, 12, 31), datetime.date(2020, 1, 1)),
    (datetime.date(2019, 2, 1), "month", datetime.date(2019, 2, 28), datetime.date(2019, 3, 1)),
    (datetime.date(2020, 2, 1), "end_month", datetime.date(2020, 2, 29), datetime.date(2020, 3, 1)),
    (
        datetime.date(2020, 1, 1),
        "early_year",
        datetime.date(2020, 12, 31),
        datetime.date(2021, 1, 1),
    ),
    (datetime.date(2019, 1, 1), "year", datetime.date(2019, 12, 31), datetime.date(2020, 1, 1)),
]


@pytest.mark.parametrize(("value", "precision", "end", "passed_from"), PERIODS, ids=str)
def test_a_partial_date_has_passed_once_its_whole_period_is_over(
    value, precision, end, passed_from
):
    assert last_day(value, precision or DatePrecision.DAY) == end
    assert not has_passed(value, precision, today=end)
    assert has_passed(value, precision, today=passed_from)


def test_has_passed_is_measured_against_the_sites_today(time_machine):
    time_machine.move_to(datetime.date(2019, 9, 1), tick=False)
    assert has_passed(datetime.date(2019, 8, 1), DatePrecision.END_MONTH)
    assert not has_passed(datetime.date(2019, 9, 1), DatePrecision.EARLY_MONTH)


def test_no_date_has_not_passed():
    assert not has_passed(None, DatePrecision.DAY, today=datetime.date(2030, 1, 1))


@pytest.mark.parametrize(
    ("start", "end", "printed"),
    [
        (datetime.date(2019, 7, 22), datetime.date(2019, 7, 23), "22–23 July 2019"),
        (datetime.date(2019, 11, 30), datetime.date(2019, 12, 2), "30 November – 2 December 2019"),
        (
            datetime.date(2019, 12, 30),
            datetime.date(2020, 1, 2),
            "30 December 2019 – 2 January 2020",
        ),
        (JULY_17, JULY_17, "17 July 2019"),  # ending the day it starts: one day
    ],
)
def test_a_span_known_to_the_day(start, end, printed):
    assert format_partial_date(start, DatePrecision.DAY, end) == printed


def test_a_span_known_only_to_the_month_prints_its_start():
    start, end = datetime.date(2019, 7, 1), datetime.date(2019, 8, 1)
    assert format_partial_date(start, DatePrecision.MONTH, end) == "July 2019"


def test_a_date_worded_once_is_worded_again_in_another_language():
    """format_partial_date keeps each wording it made, by language."""
    assert format_partial_date(JULY_17, DatePrecision.END_MONTH) == "end of July 2019"
    with translation.override("fr"):
        assert format_partial_date(JULY_17, DatePrecision.END_MONTH) == "fin juillet 2019"
    assert format_partial_date(JULY_17, DatePrecision.END_MONTH) == "end of July 2019"


def test_the_template_tag_prints_the_same():
    template = Template(
        "{% load partial_dates %}{% partial_date start precision end %}|"
        "{% partial_date start 'end_month' as due %}[{{ due }}]"
    )
    context = Context(
        {"start": datetime.date(2019, 7, 22), "end": datetime.date(2019, 7, 23), "precision": "day"}
    )
    assert template.render(context) == "22–23 July 2019|[end of July 2019]"


def test_dates_print_in_full_as_the_reports_do():
    """DATE_FORMAT: the `date` filter and date_format() print '17 July 2019', not 'July 17, 2019'
    or '17 Jul 2019'."""
    assert Template("{{ day|date }}").render(Context({"day": JULY_17})) == "17 July 2019"
    assert date_format(JULY_17) == "17 July 2019"


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Event, Meeting])
def test_the_admin_reads_a_typed_date_day_first(staff_client, model):
    """12/11/2019 is 12 November 2019 (British English), not 11 December."""
    form = {
        Event: {
            "title": "Paris Peace Forum",
            "slug": "paris-peace-forum",
            "kind": "external",
            "status": "confirmed",
            "start_date": "12/11/2019",
            "date_precision": "day",
        },
        Meeting: {
            "number": "6",
            "title": "6th Meeting of the Global Coordinating Group",
            "slug": "6th-meeting",
            "date": "12/11/2019",
            "city": "Paris",
            "status": "draft",
            # The inlines' management forms, empty.
            **{
                f"{prefix}-{field}": value
                for prefix in (
                    "objectives",
                    "agenda_items",
                    "attendances",
                    "action_points",
                    "documents",
                )
                for field, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]
            },
        },
    }[model]
    url = reverse(f"admin:meetings_{model._meta.model_name}_add")

    response = staff_client.post(url, form)

    assert response.status_code == 302, response.content.decode()
    saved = model.objects.get()
    assert getattr(saved, "start_date" if model is Event else "date") == datetime.date(2019, 11, 12)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "listed_as_upcoming"),
    [("home", "events-heading"), ("meetings:events", "upcoming-heading")],
)
def test_today_is_the_date_in_the_sites_time_zone(
    client, settings, time_machine, url_name, listed_as_upcoming
):
    """At 01:00 on 23 July in the site's zone it is still 22 July in UTC: an event of 22 July is
    past, and one of 23 July is today's."""
    settings.TIME_ZONE = "Pacific/Auckland"
    time_machine.move_to(datetime.datetime(2019, 7, 22, 13, 0, tzinfo=datetime.UTC), tick=False)
    make_event(title="Yesterday's event", start_date=datetime.date(2019, 7, 22))
    make_event(title="Today's event", start_date=datetime.date(2019, 7, 23))

    html = client.get(reverse(url_name)).content.decode()

    upcoming = html[html.index(f'id="{listed_as_upcoming}"') :]
    upcoming = upcoming[: upcoming.index("</section>")]
    assert "Today&#x27;s event" in upcoming
    assert "Yesterday&#x27;s event" not in upcoming


@pytest.mark.parametrize(
    "language, written",
    [("en-gb", "11 August 2019, 12:00 UTC"), ("fr", "11 août 2019 à 12:00 UTC")],
)
def test_a_moment_is_written_in_the_readers_language_and_the_portals_time_zone(language, written):
    """One way of writing a deadline or a closing across the portal (invitations, comment rounds,
    the publishing check)."""
    moment = datetime.datetime(
        2019, 8, 11, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    with translation.override(language):
        assert format_moment(moment) == written
