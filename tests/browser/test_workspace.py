"""The meeting workspace in Chromium: nested_admin's scripts add an agenda item with an
intervention, drag a row, and the rows number themselves from 1 (static/workspace/)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meetings.models import AgendaItem, KeyFigure, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OFFICER = ("browser-officer", "a-long-browser-password-8")


@pytest.fixture(scope="module")
def officer(site):
    get_user_model().objects.create_superuser(OFFICER[0], password=OFFICER[1])
    return OFFICER


def drag(page, handle, target):
    """jQuery UI's sortable follows the mouse step by step, not a jump."""
    target.scroll_into_view_if_needed()
    handle.hover()
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.down()
    for step in range(1, 30):
        y = start["y"] + 10 - (start["y"] - end["y"] + 20) * step / 29
        page.mouse.move(start["x"] + 5, y, steps=2)
    page.mouse.up()


def test_an_agenda_item_with_its_intervention_and_a_dragged_row(page, site, officer):
    meeting = Meeting.objects.get()
    # The report numbers its key figures across two agenda items: 1, 2 under one, 3 to 6 under
    # the next. Untouched, they are saved as they were.
    figures = list(KeyFigure.objects.order_by("pk").values_list("position", flat=True))
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(officer[0])
    page.get_by_label("Password").fill(officer[1])
    page.locator("input[type=submit]").click()
    page.goto(f"{site}/admin/meetings/meeting/{meeting.pk}/change/")

    drag(page, page.locator("#objectives-4 .djn-drag-handler"), page.locator("#objectives-0"))
    numbers = page.locator("#objectives-group input.vOrderField:not([name*=prefix])")
    expect(numbers).to_have_count(5)
    assert sorted(int(n) for n in numbers.evaluate_all("els => els.map(e => e.value)")) == [
        1,
        2,
        3,
        4,
        5,
    ]
    moved = page.locator("#id_objectives-4-position").input_value()
    assert moved in {"1", "2"}

    page.locator("#agenda_items-group a.djn-add-handler.djn-model-meetings-agendaitem").last.click()
    expect(page.locator("#id_agenda_items-7-number")).to_have_value("8")
    page.locator("#id_agenda_items-7-title").fill("Any other business")
    page.locator("#agenda_items-7-interventions-group a.djn-add-handler").last.click()
    expect(page.locator("#id_agenda_items-7-interventions-0-position")).to_have_value("1")
    page.locator(
        "#agenda_items-7-interventions-0 .field-organization .select2-selection"
    ).first.click()
    page.keyboard.type("Government of France")
    page.locator(".select2-results__option", has_text="Government of France").first.click()
    # The speakers offered: the chosen organisation's people first (speaker_choices.js).
    row = page.locator("#agenda_items-7-interventions-0")
    row.locator(".fieldBox.field-speaker .select2-selection").click()
    expect(page.locator(".select2-results__option").first).to_have_text(
        "Anousheh Karvar (Government of France)"
    )
    page.keyboard.press("Escape")
    page.locator("#id_agenda_items-7-interventions-0-summary").fill("Closed the meeting.")

    page.locator("input[name=_continue]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    item = AgendaItem.objects.get(meeting=meeting, title="Any other business")
    assert item.number == 8
    assert [(i.position, i.organization.name) for i in item.interventions.all()] == [
        (1, "Government of France")
    ]
    objective = meeting.objectives.get(text__startswith="Review the communications")
    assert objective.position == int(moved)
    assert sorted(meeting.objectives.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    assert list(KeyFigure.objects.order_by("pk").values_list("position", flat=True)) == figures
