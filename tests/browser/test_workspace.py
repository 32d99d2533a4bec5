"""The meeting workspace in Chromium (static/workspace/workspace.js): a row dragged into place
and the rows numbered from 1, an agenda item added with an intervention, a saved row opened for
editing, and an agenda item ticked for deletion taking its interventions with it, as a
Secretariat officer (staff, not a superuser) does it."""

import pytest
from playwright.sync_api import expect

from meetings.models import AgendaItem, Intervention, KeyFigure, Meeting

from .conftest import sign_in_to_the_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def choose(page, container, text):
    container.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_rows_dragged_added_opened_and_saved(page, site, officer_account):
    meeting = Meeting.objects.get()
    # The report numbers its key figures across two agenda items: 1, 2 under one, 3 to 6 under
    # the next. Untouched, they are saved as they were.
    figures = list(KeyFigure.objects.order_by("pk").values_list("position", flat=True))
    sign_in_to_the_admin(page, site, officer_account)
    page.goto(f"{site}/admin/meetings/meeting/{meeting.pk}/change/")

    # The last objective dragged by its handle above the first: numbered 1 to 5 anew.
    last = page.locator("#objectives-group .ws-row").last
    moved_prefix = last.get_attribute("id")
    last.locator(".ws-handle").drag_to(page.locator("#objectives-group .ws-row").first)
    numbers = page.locator("#objectives-group .ws-row input.vOrderField")
    expect(numbers.first).to_have_value("1")
    assert numbers.evaluate_all("els => els.map(e => e.value)") == ["1", "2", "3", "4", "5"]
    assert page.locator(f"#id_{moved_prefix}-position").input_value() == "1"

    # A new agenda item with an intervention: it takes the next number, and the speakers offered
    # are the chosen organisation's people first (speaker_choices.js).
    page.locator("#agenda_items-group > .ws-add").click()
    expect(page.locator("#id_agenda_items-7-number")).to_have_value("8")
    page.locator("#id_agenda_items-7-title").fill("Any other business")
    page.locator("#agenda_items-7-interventions-group > .ws-add").click()
    expect(page.locator("#id_agenda_items-7-interventions-0-position")).to_have_value("1")
    row = page.locator("#agenda_items-7-interventions-0")
    choose(page, row.locator(".field-organization"), "Government of France")
    row.locator(".field-speaker .select2-selection").click()
    expect(page.locator(".select2-results__option").first).to_have_text(
        "Anousheh Karvar (Government of France)"
    )
    page.keyboard.press("Escape")
    page.locator("#id_agenda_items-7-interventions-0-summary").fill("Closed the meeting.")

    # A saved intervention opened in place and its summary corrected.
    opened = page.locator("#agenda_items-1-interventions-0")
    opened.locator(".ws-edit").click()
    summary = page.locator("#id_agenda_items-1-interventions-0-summary")
    expect(summary).to_be_visible()
    corrected = summary.input_value() + " (corrected)"
    summary.fill(corrected)

    page.locator("input[name=_continue]").click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    item = AgendaItem.objects.get(meeting=meeting, title="Any other business")
    assert item.number == 8
    assert [(i.position, i.organization.name) for i in item.interventions.all()] == [
        (1, "Government of France")
    ]
    saved = Intervention.objects.get(summary__endswith=" (corrected)").summary
    assert saved.replace("\r\n", "\n") == corrected.replace("\r\n", "\n")
    assert sorted(meeting.objectives.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    assert list(KeyFigure.objects.order_by("pk").values_list("position", flat=True)) == figures

    # The new item ticked for deletion ticks its intervention: both go in one save.
    new_item = page.locator("#agenda_items-group > .ws-rows > .ws-row").last
    expect(new_item.locator(":scope > .ws-head > .ws-summary")).to_contain_text(
        "Any other business"
    )
    new_item.locator(":scope > .ws-head .ws-delete input").check()
    expect(new_item.locator(".ws-nested .ws-delete input").first).to_be_checked()
    page.locator("input[name=_continue]").click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert not AgendaItem.objects.filter(title="Any other business").exists()
    assert not Intervention.objects.filter(summary="Closed the meeting.").exists()
