"""Dates as people type them: one box that reads "20/12/2019", "December 2019", "2019",
"early 2020", "fin décembre 2019" or "20 de diciembre de 2019" into a date and its precision, says
what it did not understand, shows a stored date back as it would be typed, and, in a ModelForm,
stands for the model's date and precision fields."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from base.record import partial_date_words
from base.record.partial_date_input import PartialDateField, PartialDateInput
from base.record.partial_date_parsing import examples, parse_partial_date, plain
from base.record.partial_dates import EMPTY_DATE, DatePrecision, PartialDate
from meetings.forms import ActionPointForm, EventForm, OfficeTermForm
from meetings.models import ActionPoint, Event, Office, OfficeTerm
from tests.factories import make_action_point, make_country, make_event, make_meeting

LANGUAGES = ["en-gb", "fr", "es"]
DAY, EARLY_MONTH, MONTH, END_MONTH, EARLY_YEAR, YEAR = DatePrecision
DEC_20 = datetime.date(2019, 12, 20)
DECEMBER = datetime.date(2019, 12, 1)
JULY_22, JULY_23 = datetime.date(2019, 7, 22), datetime.date(2019, 7, 23)

READ = [
    # To the day: day first where the day and month are figures; ISO year first.
    ("20/12/2019", DEC_20, DAY),
    ("20.12.2019", DEC_20, DAY),
    ("20-12-2019", DEC_20, DAY),
    ("2019-12-20", DEC_20, DAY),
    ("2019/12/20", DEC_20, DAY),
    ("12/11/2019", datetime.date(2019, 11, 12), DAY),  # 12 November, not 11 December
    ("1/2/2019", datetime.date(2019, 2, 1), DAY),
    ("20/12/19", DEC_20, DAY),  # a two-digit year, as the admin read it before
    ("20 December 2019", DEC_20, DAY),
    ("December 20, 2019", DEC_20, DAY),
    ("Dec. 20th, 2019", DEC_20, DAY),
    ("the 20th of December 2019", DEC_20, DAY),
    ("20 décembre 2019", DEC_20, DAY),
    ("20 DÉCEMBRE 2019", DEC_20, DAY),
    ("20 decembre 2019", DEC_20, DAY),  # accents optional
    ("le 20 déc. 2019", DEC_20, DAY),
    ("1er décembre 2019", DECEMBER, DAY),
    ("20 de diciembre de 2019", DEC_20, DAY),
    ("20 dic 2019", DEC_20, DAY),
    ("1º de diciembre de 2019", DECEMBER, DAY),
    ("  20/12/2019  ", DEC_20, DAY),
    # To the month.
    ("December 2019", DECEMBER, MONTH),
    ("december 2019", DECEMBER, MONTH),
    ("Dec 2019", DECEMBER, MONTH),
    ("12/2019", DECEMBER, MONTH),
    ("12.2019", DECEMBER, MONTH),
    ("2019-12", DECEMBER, MONTH),
    ("décembre 2019", DECEMBER, MONTH),
    ("en décembre 2019", DECEMBER, MONTH),
    ("diciembre de 2019", DECEMBER, MONTH),
    ("diciembre del 2019", DECEMBER, MONTH),
    ("Août 2019", datetime.date(2019, 8, 1), MONTH),
    ("aout 2019", datetime.date(2019, 8, 1), MONTH),
    ("setiembre de 2019", datetime.date(2019, 9, 1), MONTH),
    # To the year.
    ("2019", datetime.date(2019, 1, 1), YEAR),
    ("early 2020", datetime.date(2020, 1, 1), EARLY_YEAR),
    ("début 2020", datetime.date(2020, 1, 1), EARLY_YEAR),
    ("au début de 2020", datetime.date(2020, 1, 1), EARLY_YEAR),
    ("principios de 2020", datetime.date(2020, 1, 1), EARLY_YEAR),
    ("a principios de 2020", datetime.date(2020, 1, 1), EARLY_YEAR),
    # No "mid" or "late" year precision: the whole year, never a guessed part of it.
    ("mid 2019", datetime.date(2019, 1, 1), YEAR),
    ("mid-2019", datetime.date(2019, 1, 1), YEAR),
    ("late 2019", datetime.date(2019, 1, 1), YEAR),
    ("end of 2019", datetime.date(2019, 1, 1), YEAR),
    ("fin 2019", datetime.date(2019, 1, 1), YEAR),
    ("finales de 2019", datetime.date(2019, 1, 1), YEAR),
    # Where in the month: early, the month (for "mid": no day is invented), the end.
    ("early December 2019", DECEMBER, EARLY_MONTH),
    ("beginning of December 2019", DECEMBER, EARLY_MONTH),
    ("mid December 2019", DECEMBER, MONTH),
    ("mid-December 2019", DECEMBER, MONTH),
    ("late December 2019", DECEMBER, END_MONTH),
    ("end of December 2019", DECEMBER, END_MONTH),
    ("at the end of December 2019", DECEMBER, END_MONTH),
    ("early 12/2019", DECEMBER, EARLY_MONTH),
    ("début décembre 2019", DECEMBER, EARLY_MONTH),
    ("début d'avril 2019", datetime.date(2019, 4, 1), EARLY_MONTH),
    ("mi-décembre 2019", DECEMBER, MONTH),
    ("à la mi-décembre 2019", DECEMBER, MONTH),
    ("fin décembre 2019", DECEMBER, END_MONTH),
    ("fin de décembre 2019", DECEMBER, END_MONTH),
    ("Fin Décembre 2019", DECEMBER, END_MONTH),
    ("principios de diciembre de 2019", DECEMBER, EARLY_MONTH),
    ("mediados de diciembre de 2019", DECEMBER, MONTH),
    ("finales de diciembre de 2019", DECEMBER, END_MONTH),
    ("a finales de diciembre de 2019", DECEMBER, END_MONTH),
    ("a primeros de diciembre de 2019", DECEMBER, EARLY_MONTH),
    ("a últimos de diciembre de 2019", DECEMBER, END_MONTH),
    ("fin de diciembre de 2019", DECEMBER, END_MONTH),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("typed", "date", "precision"), READ, ids=[row[0] for row in READ])
def test_a_date_is_read_as_typed_in_every_language(typed, date, precision, language):
    """Every language's words are read whatever the page's language: an officer may paste a
    French report's date into the English admin."""
    with translation.override(language):
        assert parse_partial_date(typed) == (date, precision)


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_nothing_typed_is_no_date_and_no_precision(typed):
    assert parse_partial_date(typed) == EMPTY_DATE == (None, "")


EXAMPLE = "Type a date such as 20/12/2019, December 2019 or 2019."
REFUSED = [
    ("31/02/2019", "There is no day 31 in February 2019."),
    ("29/02/2019", "There is no day 29 in February 2019."),
    ("0/12/2019", "There is no day 0 in December 2019."),
    ("31 April 2019", "There is no day 31 in April 2019."),
    ("13/13/2019", "There is no month 13."),
    ("2019-13", "There is no month 13."),
    ("Decembre 20199", "“20199” is not a year."),
    ("next week", "“next” is not understood."),
    ("Decembrr 2019", "“Decembrr” is not understood."),
    ("12/11", "“12/11” has no year."),
    ("20 December", "“20 December” has no year."),
    ("early December", "“early December” has no year."),
    ("2019 December", "“2019 December” is not understood as a date."),
    ("early 20 December 2019", "“early 20 December 2019” is not understood as a date."),
    ("December 2019 2020", "“December 2019 2020” is not understood as a date."),
    ("22–23 July 2019", "“22–23” is not understood."),
    ("x" * 200, f"“{'x' * 39}…” is not understood as a date."),
    ("20\x00/12/2019", "“20/12/2019” is not understood."),
]


@pytest.mark.parametrize(("typed", "problem"), REFUSED, ids=[row[0][:20] for row in REFUSED])
def test_what_is_not_understood_is_named_with_an_example_that_works(typed, problem):
    with pytest.raises(ValidationError) as refused:
        parse_partial_date(typed)

    assert refused.value.messages == [f"{problem} {EXAMPLE}"]


@pytest.mark.parametrize(
    ("language", "month", "example"),
    [
        ("en-gb", "February 2019", "December 2019"),
        ("fr", "février 2019", "décembre 2019"),
        ("es", "febrero de 2019", "diciembre de 2019"),
    ],
)
def test_the_message_names_months_in_the_pages_language(language, month, example):
    """The sentences are translated by the catalogues; the months and the example are the
    portal's own printing in that language, so the example is one the box reads."""
    with translation.override(language), pytest.raises(ValidationError) as refused:
        parse_partial_date("31/02/2019")

    (message,) = refused.value.messages
    assert month in message
    assert f"20/12/2019, {example}" in message


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_examples_given_are_read_back(language):
    with translation.override(language):
        shown = examples()
        read = {name: parse_partial_date(text) for name, text in shown.items()}
        help_text = str(PartialDateField().help_text)

    assert read == {
        "day": (DEC_20, DAY),
        "month": (DECEMBER, MONTH),
        "year": (datetime.date(2019, 1, 1), YEAR),
        "early": (datetime.date(2020, 1, 1), EARLY_YEAR),
        "end": (DECEMBER, END_MONTH),
    }
    assert all(text in help_text for text in shown.values())


def test_no_word_means_two_things():
    """Every language's words are read at once: a word may not be two months, or a month and
    a linking word ("mar" is March in all three)."""
    meanings = {}
    for months in partial_date_words.MONTHS.values():
        for number, names in enumerate(months, 1):
            for name in names:
                meanings.setdefault(plain(name), set()).add(("month", number))
    for by_when in partial_date_words.WHEN_IN_PERIOD.values():
        for when, words in by_when.items():
            for word in words:
                meanings.setdefault(plain(word), set()).add(("when", when))
    for words in partial_date_words.LINKING_WORDS.values():
        for word in words:
            meanings.setdefault(plain(word), set()).add(("linking", None))

    assert {word: meaning for word, meaning in meanings.items() if len(meaning) > 1} == {}
    assert len([word for word, meaning in meanings.items() if ("month", 12) in meaning]) == 5


# Shown back as typed: the portal's printing of a stored date reads back as that date ---------

STORED = [
    (datetime.date(2019, 7, 17), DAY),
    (datetime.date(2019, 12, 1), DAY),
    (datetime.date(2020, 2, 29), DAY),
    (datetime.date(2019, 9, 1), EARLY_MONTH),
    (datetime.date(2019, 8, 1), MONTH),
    (datetime.date(2019, 2, 1), END_MONTH),
    (datetime.date(2020, 1, 1), EARLY_YEAR),
    (datetime.date(2019, 1, 1), YEAR),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("date", "precision"), STORED, ids=[f"{d}-{p}" for d, p in STORED])
def test_a_stored_date_is_shown_as_typed_and_read_back(date, precision, language):
    field = PartialDateField()
    with translation.override(language):
        shown = field.prepare_value(PartialDate(date, precision))
        assert field.clean(shown) == (date, precision)
        assert not field.has_changed(PartialDate(date, precision), shown)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en-gb", ["20 December 2019", "early September 2019", "end of August 2019", "2019"]),
        ("fr", ["20 décembre 2019", "début septembre 2019", "fin août 2019", "2019"]),
        ("es", [
            "20 de diciembre de 2019",
            "principios de septiembre de 2019",
            "finales de agosto de 2019",
            "2019",
        ]),
    ],
)  # fmt: skip
def test_the_box_shows_the_date_in_the_pages_language(language, shown):
    stored = [
        PartialDate(DEC_20, DAY),
        PartialDate(datetime.date(2019, 9, 1), EARLY_MONTH),
        PartialDate(datetime.date(2019, 8, 1), END_MONTH),
        PartialDate(datetime.date(2019, 1, 1), YEAR),
    ]
    with translation.override(language):
        assert [PartialDateInput().format_value(value) for value in stored] == shown


@given(st.text(max_size=30))
def test_any_text_is_read_or_refused_with_a_message_never_an_error(text):
    try:
        value = parse_partial_date(text)
    except ValidationError as refused:
        assert refused.messages[0].endswith(EXAMPLE)
        return
    field = PartialDateField(required=False)
    assert field.clean(field.prepare_value(value)) == value


@given(
    st.dates(min_value=datetime.date(1000, 1, 1)),
    st.sampled_from(list(DatePrecision)),
    st.sampled_from(LANGUAGES),
)
def test_every_stored_date_reads_back_in_every_language(date, precision, language):
    field = PartialDateField()
    stored = PartialDate(date, precision)
    with translation.override(language):
        shown = field.prepare_value(stored)
        assert field.clean(shown).means_the_same_as(stored)


def test_a_month_stored_on_another_day_is_unchanged_when_posted_as_shown():
    """Rows recorded before the box may hold a month as its 15th: shown as "December 2019",
    posted back, it has not changed (and the form keeps its day: see the mixin's tests)."""
    field = PartialDateField()
    stored = PartialDate(datetime.date(2019, 12, 15), MONTH)

    assert field.prepare_value(stored) == "December 2019"
    assert not field.has_changed(stored, "December 2019")
    assert field.has_changed(stored, "early December 2019")
    assert field.has_changed(stored, "15/12/2019")
    assert field.has_changed(stored, "not a date")


def test_a_required_box_left_empty_is_refused():
    with pytest.raises(ValidationError) as refused:
        PartialDateField(required=True).clean("")
    assert refused.value.messages == ["This field is required."]
    assert PartialDateField(required=False).clean("") == EMPTY_DATE


# The form mixin -------------------------------------------------------------------------------


class FollowUpForm(ActionPointForm):
    class Meta:
        model = ActionPoint
        fields = ["meeting", "kind", "text", "due_date", "status"]


@pytest.mark.django_db
class TestTheMixinOnAForm:
    def test_the_pair_is_one_box_in_the_dates_place(self):
        assert list(FollowUpForm.base_fields) == ["meeting", "kind", "text", "due_date", "status"]
        field = FollowUpForm.base_fields["due_date"]
        assert isinstance(field, PartialDateField)
        assert (field.label, field.required) == ("Due", False)
        assert field.model_field_names == ("due_date", "due_precision")

    def test_with_every_field_the_precision_leaves_the_form(self):
        every_field = forms.modelform_factory(ActionPoint, form=ActionPointForm, fields="__all__")
        names = list(every_field.base_fields)

        assert "due_precision" not in names
        assert names.index("due_date") == names.index("owners") + 1  # where the date was

    def test_the_box_shows_the_stored_date(self):
        point = make_action_point(due_date=datetime.date(2019, 8, 1), due_precision=END_MONTH)
        form = FollowUpForm(instance=point)

        assert form["due_date"].value() == "end of August 2019"
        assert 'value="end of August 2019"' in str(form["due_date"])
        with translation.override("fr"):
            assert form["due_date"].value() == "fin août 2019"

    def data(self, point, **changes):
        return {
            "meeting": point.meeting_id,
            "kind": point.kind,
            "text": point.text,
            "status": point.status,
            **changes,
        }

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("20/12/2019", (DEC_20, "day")),
            ("December 2019", (DECEMBER, "month")),
            ("fin décembre 2019", (DECEMBER, "end_month")),
            ("2020", (datetime.date(2020, 1, 1), "year")),
            ("", (None, "")),
        ],
    )
    def test_a_typed_date_is_saved_with_the_precision_read(self, typed, stored):
        point = make_action_point(
            meeting=make_meeting(date=datetime.date(2019, 7, 17)),
            due_date=datetime.date(2019, 8, 1),
            due_precision=END_MONTH,
        )
        form = FollowUpForm(self.data(point, due_date=typed), instance=point)

        assert form.is_valid(), form.errors
        assert form.cleaned_data["due_date"] == stored
        form.save()
        point.refresh_from_db()
        assert (point.due_date, point.due_precision) == stored

    @pytest.mark.parametrize("language", LANGUAGES)
    @pytest.mark.parametrize(("date", "precision"), STORED, ids=[f"{d}-{p}" for d, p in STORED])
    def test_a_form_posted_as_shown_has_not_changed(self, date, precision, language):
        point = make_action_point(
            meeting=make_meeting(date=datetime.date(2019, 1, 1)),
            due_date=date,
            due_precision=precision,
        )
        with translation.override(language):
            shown = FollowUpForm(instance=point)["due_date"].value()
            form = FollowUpForm(self.data(point, due_date=shown), instance=point)

            assert form.changed_data == []

    def test_a_date_left_as_shown_keeps_its_stored_day(self):
        point = make_action_point(
            meeting=make_meeting(date=datetime.date(2019, 7, 17)),
            due_date=datetime.date(2019, 12, 15),  # a month, as recorded before
            due_precision=MONTH,
        )
        form = FollowUpForm(
            self.data(point, due_date="December 2019", text="Changed."), instance=point
        )

        assert form.is_valid(), form.errors
        form.save()
        point.refresh_from_db()
        assert (point.text, point.due_date, point.due_precision) == (
            "Changed.",
            datetime.date(2019, 12, 15),
            "month",
        )

    def test_a_refused_date_keeps_what_was_typed_and_saves_nothing(self):
        point = make_action_point(due_date=datetime.date(2019, 8, 1), due_precision=END_MONTH)
        form = FollowUpForm(self.data(point, due_date="31/02/2019"), instance=point)

        assert not form.is_valid()
        assert form.errors["due_date"] == [
            f"There is no day 31 in February 2019. {EXAMPLE}",
        ]
        assert form["due_date"].value() == "31/02/2019"
        point.refresh_from_db()
        assert (point.due_date, point.due_precision) == (datetime.date(2019, 8, 1), END_MONTH)

    def test_the_models_own_rule_is_shown_on_the_box(self):
        """ActionPoint.clean(): nothing is due before the meeting that agreed it, "June 2019"
        included (due by its last day)."""
        point = make_action_point(meeting=make_meeting(date=datetime.date(2019, 7, 17)))
        form = FollowUpForm(self.data(point, due_date="June 2019"), instance=point)

        assert not form.is_valid()
        assert form.errors["due_date"] == ["It cannot be due before the meeting that agreed it."]
        assert FollowUpForm(self.data(point, due_date="July 2019"), instance=point).is_valid()

    def test_an_error_the_model_gives_the_precision_is_shown_on_the_date(self):
        point = make_action_point()
        form = FollowUpForm(self.data(point, due_date="2019"), instance=point)
        assert form.is_valid()

        form._update_errors(ValidationError({"due_precision": "Not this precision."}))

        assert form.errors["due_date"] == ["Not this precision."]

    def test_the_precision_is_validated_with_the_model(self, monkeypatch):
        """The precision is not a field of the form, but the model's constraint on it is
        checked: a precision it refuses is an error on the box, not a database error."""
        point = make_action_point()
        monkeypatch.setattr(
            "base.record.partial_date_input.parse_partial_date",
            lambda text: PartialDate(DEC_20, "fortnight"),
        )
        form = FollowUpForm(self.data(point, due_date="20/12/2019"), instance=point)

        assert not form.is_valid()
        assert form.errors["due_date"] == ["Value 'fortnight' is not a valid choice."]


class OneEventForm(EventForm):
    class Meta:
        model = Event
        fields = ["title", "slug", "kind", "status", "start_date", "end_date"]


@pytest.mark.django_db
class TestAnEventsTwoDatesShareOnePrecision:
    def post(self, event=None, **dates):
        data = {"title": "Paris Peace Forum", "slug": "paris-peace-forum", "kind": "external"}
        return OneEventForm({**data, "status": "confirmed", **dates}, instance=event)

    @pytest.mark.parametrize(
        ("start", "end", "stored"),
        [
            ("22/07/2019", "23/07/2019", (JULY_22, JULY_23, DAY)),
            ("22 July 2019", "", (JULY_22, None, DAY)),
            ("November 2019", "", (datetime.date(2019, 11, 1), None, MONTH)),
            ("early September 2019", "", (datetime.date(2019, 9, 1), None, EARLY_MONTH)),
            ("November 2019", "December 2019", (datetime.date(2019, 11, 1), DECEMBER, MONTH)),
        ],
    )  # fmt: skip
    def test_the_start_gives_the_precision(self, start, end, stored):
        form = self.post(start_date=start, end_date=end)

        assert form.is_valid(), form.errors
        event = form.save()
        event.refresh_from_db()
        assert (event.start_date, event.end_date, event.date_precision) == stored

    def test_a_span_is_shown_as_its_two_days(self):
        event = make_event(start_date=JULY_22, end_date=JULY_23, date_precision=DAY)
        form = OneEventForm(instance=event)

        assert (form["start_date"].value(), form["end_date"].value()) == (
            "22 July 2019",
            "23 July 2019",
        )

    def test_an_end_typed_less_precisely_than_the_start_is_refused(self):
        form = self.post(start_date="22/07/2019", end_date="July 2019")

        assert not form.is_valid()
        assert form.errors == {
            "end_date": [
                "Type this date as precisely as “22 July 2019” (the two share one precision), "
                "or leave it empty."
            ]
        }

    def test_the_start_is_required(self):
        form = self.post(start_date="", end_date="23/07/2019")

        assert form.errors == {"start_date": ["This field is required."]}

    def test_an_end_before_the_start_is_refused(self):
        form = self.post(start_date="23/07/2019", end_date="22/07/2019")

        assert not form.is_valid()
        assert "meetings_event_ends_after_start" in str(form.non_field_errors())


class TermForm(OfficeTermForm):
    class Meta:
        model = OfficeTerm
        fields = ["office", "country", "start_date", "end_date"]


@pytest.mark.django_db
def test_an_office_term_has_two_dates_with_their_own_precisions():
    country = make_country(name="Nepal")
    dates = {"start_date": "July 2019", "end_date": "2021"}
    form = TermForm({"office": Office.CHAIR, "country": country.pk, **dates})

    assert form.is_valid(), form.errors
    term = form.save()
    term.refresh_from_db()
    assert (term.start_date, term.start_precision, term.end_date, term.end_precision) == (
        datetime.date(2019, 7, 1),
        MONTH,
        datetime.date(2021, 1, 1),
        YEAR,
    )
