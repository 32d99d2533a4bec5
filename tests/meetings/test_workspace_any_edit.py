"""The meeting workspace answers any submission without a server error, and an answer with errors
shows back every value the officer typed (issue 17).

Hypothesis drives the meeting's change page as an officer (staff in the Secretariat group, not a
superuser) would: it reads the form from the page's HTML, makes a random sequence of edits, valid
and invalid (orders duplicated, emptied or not numbers; required cells blanked; text too long;
dates typed as people type them, or mistyped; rows added, deleted, parents deleted with and
without their children; files good and bad; the record changed by someone else meanwhile), and
submits it. Every answer must be the page again
(200) or a redirect after saving; a page with errors must show each value typed, and a saved page
must have saved each value typed.
"""

import datetime
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtools.html_form import BrowserForm
from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Document,
    Event,
    Intervention,
    KeyFigure,
    Meeting,
    Objective,
)
from partners.models import Country
from tests.document_samples import pdf
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)
from tests.meetings.workspace_page import FORM_ID, open_row, read_form

pytestmark = [pytest.mark.django_db, pytest.mark.property]

# 50 in `make test`, on SQLite; CI tries 150 more on PostgreSQL, where a refused write aborts the
# transaction it is in.
EXAMPLES = int(os.environ.get("WORKSPACE_EXAMPLES", 50))
ROW = re.compile(r"^(?P<formset>.+)-(?P<index>\d+)$")
# What each formset's rows are, by the last part of its prefix.
MODELS = {
    "objectives": Objective,
    "agenda_items": AgendaItem,
    "interventions": Intervention,
    "key_figures": KeyFigure,
    "events_mentioned": Event,
    "attendances": Attendance,
    "action_points": ActionPoint,
    "documents": Document,
}
ORDER_FIELDS = {"position", "number"}
# Text anyone can type: no control characters (a browser does not send them from a text box).
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
)
long_text = st.sampled_from(["x", "é", "😀 "]).map(lambda chunk: chunk * (4000 // len(chunk)))
order_values = st.sampled_from(["", "1", "2", "0", "-3", "99999", "abc", "2.5", " 3 "])
TYPED_DATES = [
    "20/12/2019",
    "2019-12-20",
    "December 2019",
    "12/2019",
    "2019",
    "early December 2019",
    "fin décembre 2019",
    "principios de diciembre de 2019",
    "31/02/2019",
    "13/13/2019",
    "next week",
    "12/11",
    "",
]


def small_meeting():
    """A draft meeting with something in every section, and the rows its choices offer."""
    meeting = make_meeting(number=6, title="Test 6th meeting", status="draft")
    ilo, france = make_organization(name="Test ILO"), make_organization(name="Test France")
    first, second = make_agenda_item(meeting, title="Opening"), make_agenda_item(meeting)
    make_intervention(first, organization=ilo, summary="Opened the meeting.")
    make_intervention(first, organization=france, summary="Welcomed members.")
    make_intervention(second, organization=ilo, summary="Reported progress.")
    KeyFigure.objects.create(agenda_item=second, position=1, value=217, label="partners")
    make_event(title="Test forum", mentioned_at=second, start_date=datetime.date(2019, 11, 11))
    for position in (1, 2, 3):
        make_attendance(meeting, person=make_person(organization=ilo), position=position)
    Objective.objects.create(meeting=meeting, position=1, text="Take stock.")
    make_action_point(meeting, agenda_item=first, text="Circulate the paper.", position=1)
    make_document(meeting=meeting, agenda_item=second, title="Test paper")
    choices = {
        "organizations": [ilo.pk, france.pk],
        "people": list(Attendance.objects.values_list("person_id", flat=True)),
        "countries": [Country.objects.create(name="Test Country").pk],
        "action_groups": [make_action_group().pk],
    }
    return meeting, choices


# Reading the page's form ----------------------------------------------------------------------


def formsets(form):
    """{formset prefix: number of forms} of the page's formsets (not the templates')."""
    found = {}
    for name in form.names():
        if name.endswith("-TOTAL_FORMS") and "__prefix__" not in name and "-empty" not in name:
            found[name.removesuffix("-TOTAL_FORMS")] = int(form.value(name) or 0)
    return found


def rows(form):
    """Every row on the page: (formset prefix, row prefix)."""
    return [
        (prefix, f"{prefix}-{index}")
        for prefix, total in formsets(form).items()
        for index in range(total)
    ]


def row_fields(form, row):
    """{field name: html name} of a row's own fields (not those of the rows nested in it)."""
    own = re.compile(re.escape(row) + r"-([a-z_]+)$")
    return {m.group(1): f.name for f in form.fields if (m := own.match(f.name))}


def model_of(formset_prefix):
    return MODELS[formset_prefix.rsplit("-", 1)[-1]]


# The edits ------------------------------------------------------------------------------------


class Officer:
    """What the officer did to the form: what they typed, where, and what they expect."""

    def __init__(self, client, form, choices):
        self.client, self.form, self.choices = client, form, choices
        self.typed = {}  # html name: value typed
        self.shown = {}  # html name: value it had before (a row opened shows it)
        self.uploaded = {}  # html name: file name of a good file

    def type(self, name, value):
        f = self.form.get(name)
        self.shown.setdefault(name, f.value if f else "")
        self.form.set(name, value)
        self.typed[name] = value

    def editable_rows(self):
        return [(prefix, row) for prefix, row in rows(self.form)]

    def field_of(self, data, row, kinds):
        fields = row_fields(self.form, row)
        names = [
            html_name
            for name, html_name in sorted(fields.items())
            if self.form.get(html_name).kind in kinds
            and self.form.get(html_name).attrs.get("type", "text") != "hidden"
            and name not in ORDER_FIELDS
        ]
        return data.draw(st.sampled_from(names)) if names else None

    # Each edit draws what it needs from `data`.

    def edit_order(self, data):
        candidates = [
            (prefix, row)
            for prefix, row in rows(self.form)
            if set(row_fields(self.form, row)) & ORDER_FIELDS
        ]
        if not candidates:
            return
        prefix, row = data.draw(st.sampled_from(candidates))
        open_row(self.client, self.form, row)
        fields = row_fields(self.form, row)
        name = fields.get("position") or fields.get("number")
        if name is None:
            return
        others = [
            self.form.value(fields_of[order])
            for _p, other in rows(self.form)
            if other != row and other.startswith(prefix)
            for fields_of in [row_fields(self.form, other)]
            for order in ORDER_FIELDS & set(fields_of)
        ]
        value = data.draw(order_values | st.sampled_from(others or ["1"]))
        self.type(name, value)

    def edit_text(self, data, blank=False):
        prefix, row = data.draw(st.sampled_from(rows(self.form) + [("", "")]))
        if row:
            open_row(self.client, self.form, row)
            name = self.field_of(data, row, {"input", "textarea"})
        else:  # the meeting's own fields
            name = data.draw(st.sampled_from(["title", "city", "occasion", "date", "number"]))
        if name is None:
            return
        value = "" if blank else data.draw(typed_text | long_text)
        if self.form.get(name).kind == "input":
            value = value.replace("\n", " ")
        self.type(name, value)

    def edit_choice(self, data):
        prefix, row = data.draw(st.sampled_from(rows(self.form)))
        open_row(self.client, self.form, row)
        name = self.field_of(data, row, {"select"})
        if name is None:
            return
        f = self.form.get(name)
        offered = [value for value, _text in f.options]
        known = [str(pk) for pks in self.choices.values() for pk in pks]
        value = data.draw(st.sampled_from(offered + known + ["", "999999", "bogus"]))
        self.form.set(name, [value] if f.multiple else value)

    def edit_date(self, data):
        """A date typed as people type them (base.record.partial_date_input), or mistyped."""
        names = [
            f.name
            for f in self.form.fields
            if re.search(r"-(due_date|date|start_date|end_date)$", f.name)
            and ROW.match(f.name.rsplit("-", 1)[0])
        ]
        if not names:
            return
        self.type(data.draw(st.sampled_from(names)), data.draw(st.sampled_from(TYPED_DATES)))

    def add_row(self, data):
        prefix = data.draw(st.sampled_from(sorted(formsets(self.form))))
        total_name = f"{prefix}-TOTAL_FORMS"
        index = int(self.form.value(total_name))
        placeholder = re.compile(re.escape(prefix) + r"-(__prefix__|empty)-")
        template = [
            f for f in [*self.form.fields, *self.form.template_fields] if placeholder.match(f.name)
        ]
        if not template:
            return
        self.form.set(total_name, index + 1)
        row = f"{prefix}-{index}"
        for f in template:
            name = placeholder.sub(f"{row}-", f.name, count=1)
            if "__prefix__" in name:
                continue  # a template nested in the new row's template
            if self.form.get(name) is None:
                self.form.add(name, f.value, f.kind)
                added = self.form.get(name)
                added.attrs, added.options = f.attrs, f.options
                added.chosen, added.multiple = list(f.chosen), f.multiple
        for field_name, html_name in row_fields(self.form, row).items():
            f = self.form.get(html_name)
            if field_name in ORDER_FIELDS or field_name in ("id", "DELETE"):
                continue
            if f.kind == "select":
                pool = self._pool(field_name) or [value for value, _ in f.options]
                if pool:
                    value = data.draw(st.sampled_from(pool + [""]))
                    self.form.set(html_name, [value] if f.multiple else value)
            elif f.kind in ("input", "textarea") and f.attrs.get("type", "text") != "hidden":
                value = data.draw(st.sampled_from(["", "Test value", "2019-11-12", "7"]))
                self.type(html_name, value)

    def _pool(self, field_name):
        pools = {
            "organization": "organizations",
            "on_behalf_of": "organizations",
            "owners": "organizations",
            "organizations": "organizations",
            "reported_by": "organizations",
            "person": "people",
            "speaker": "people",
            "countries": "countries",
            "action_groups": "action_groups",
        }
        return [str(pk) for pk in self.choices.get(pools.get(field_name), [])]

    def delete_row(self, data):
        candidates = [row for _prefix, row in rows(self.form) if f"{row}-DELETE" in self.form]
        if candidates:
            row = data.draw(st.sampled_from(candidates))
            self.form.set(f"{row}-DELETE", True)
            if data.draw(st.booleans()):  # and everything nested in it
                for _prefix, nested in rows(self.form):
                    if nested.startswith(f"{row}-") and f"{nested}-DELETE" in self.form:
                        self.form.set(f"{nested}-DELETE", True)

    def upload(self, data):
        candidates = [
            f.name
            for f in self.form.fields
            if f.kind == "file" and ROW.match(f.name.rsplit("-", 1)[0])
        ]
        if not candidates:
            return
        name = data.draw(st.sampled_from(candidates))
        kind = data.draw(st.sampled_from(["good", "good", "not a pdf", "empty"]))
        content = {"good": pdf("Test upload"), "not a pdf": b"plain text", "empty": b""}[kind]
        file_name = data.draw(st.sampled_from(["report.pdf", "report.pdf", "notes.docx", "x"]))
        self.form.attach(name, SimpleUploadedFile(file_name, content))
        if kind == "good" and file_name == "report.pdf":
            self.uploaded[name] = file_name

    def someone_else_saves(self, data, meeting):
        change = data.draw(st.sampled_from(["summary", "attendance", "item", "city"]))
        if change == "summary":
            Intervention.objects.filter(agenda_item__meeting=meeting).update(summary="Changed.")
        elif change == "attendance":
            Attendance.objects.filter(meeting=meeting).order_by("-position").first().delete()
        elif change == "item":
            make_agenda_item(meeting, title="Added by someone else")
        else:
            Meeting.objects.filter(pk=meeting.pk).update(city="Changed by someone else")


EDITS = ["order", "text", "blank", "choice", "date", "add", "delete", "upload"]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_edits_are_answered_and_nothing_typed_is_lost(officer_client, data):
    with transaction.atomic():
        meeting, choices = small_meeting()
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        page = officer_client.get(url)
        assert page.status_code == 200
        officer = Officer(officer_client, read_form(page, meeting), choices)
        for edit in data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=5)):
            {
                "order": officer.edit_order,
                "text": officer.edit_text,
                "blank": lambda d: officer.edit_text(d, blank=True),
                "choice": officer.edit_choice,
                "date": officer.edit_date,
                "add": officer.add_row,
                "delete": officer.delete_row,
                "upload": officer.upload,
            }[edit](data)
        if data.draw(st.booleans()):
            officer.someone_else_saves(data, meeting)
        officer.form.set("_continue", "Save and continue editing")

        response = officer_client.post(url, officer.form.post_data())

        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert_shown_back(officer, response)
        else:
            assert_saved(officer, meeting)
        transaction.set_rollback(True)


def same_text(a, b):
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def assert_shown_back(officer, response):
    """Each value typed is in the form again, and each good file posted is kept: nothing the
    officer typed or chose is lost."""
    answer = BrowserForm.from_response(response, FORM_ID)
    for name, value in officer.typed.items():
        if same_text(value, officer.shown.get(name, "")):
            continue  # typed as it was: the row may be shown compactly again
        f = answer.get(name)
        assert f is not None, f"{name} is no longer on the page"
        assert same_text(f.value, value), (name, value, f.value)
    for name, file_name in officer.uploaded.items():
        assert file_name in response.content.decode(), f"the file posted in {name} is lost"


def assert_saved(officer, meeting):
    """Each text typed into a row that still exists is what the row now holds."""
    for name, value in officer.typed.items():
        if same_text(value, officer.shown.get(name, "")):
            continue
        if "-" not in name:  # the meeting's own field
            model, pk, field_name = Meeting, meeting.pk, name
        else:
            row, field_name = name.rsplit("-", 1)
            match = ROW.match(row)
            if not match:
                continue
            model = model_of(match.group("formset"))
            pk = officer.form.value(f"{row}-id")
            if not pk or officer.form.value(f"{row}-DELETE"):
                continue
        concrete = {f.name: f for f in model._meta.concrete_fields}
        if field_name not in concrete or concrete[field_name].get_internal_type() not in (
            "CharField",
            "TextField",
        ):
            continue
        saved = model._default_manager.filter(pk=pk).values_list(field_name, flat=True).first()
        assert saved is None or same_text(saved, value.strip()), (name, value, saved)
