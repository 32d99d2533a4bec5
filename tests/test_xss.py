"""Names, titles and summaries carrying markup are shown escaped on every page that shows them."""

import pytest
from django.urls import reverse

from tests.factories import (
    make_action_group,
    make_agenda_item,
    make_attendance,
    make_country,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# Django's autoescaping of the two payloads, typed out.
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
HOSTILE = f"{SCRIPT} {IMG}"


def build_hostile():
    """One of each thing a visitor can name, each carrying both payloads."""
    country = make_country(name="Xanadu")
    group = make_action_group(name="Action Group on Payloads")
    organization = make_organization(name=f"Organisation {HOSTILE}")
    person = make_person(name=f"Person {HOSTILE}", organization=organization)
    meeting = make_meeting(title=f"Meeting {HOSTILE}")
    item = make_agenda_item(meeting=meeting, title=f"Agenda item {HOSTILE}")
    make_intervention(
        agenda_item=item,
        organization=organization,
        speaker=person,
        summary=f"Summary {HOSTILE}",
        countries=[country],
        action_groups=[group],
    )
    make_attendance(meeting=meeting, person=person)
    make_event(title=f"Event {HOSTILE}", meeting=meeting).countries.set([country])
    return {
        "country": country,
        "group": group,
        "organization": organization,
        "meeting": meeting,
    }


@pytest.fixture
def hostile(db):
    return build_hostile()


# Each page, with the hostile texts it shows (by their prefix in the fixture above).
PAGES = [
    ("home", lambda h: reverse("home"), ["Meeting"]),
    ("meetings", lambda h: reverse("meetings:list"), ["Meeting"]),
    (
        "meeting",
        lambda h: h["meeting"].get_absolute_url(),
        ["Meeting", "Agenda item", "Summary", "Organisation", "Person"],
    ),
    ("country", lambda h: h["country"].get_absolute_url(), ["Meeting", "Summary", "Event"]),
    ("action-group", lambda h: h["group"].get_absolute_url(), ["Meeting", "Summary"]),
    ("organizations", lambda h: reverse("partners:organization_list"), ["Organisation"]),
    (
        "organization",
        lambda h: h["organization"].get_absolute_url(),
        ["Organisation", "Person", "Meeting", "Summary"],
    ),
    ("directory", lambda h: reverse("partners:directory"), ["Person", "Organisation", "Meeting"]),
    ("events", lambda h: reverse("meetings:events"), ["Event", "Meeting"]),
]


@pytest.mark.parametrize(("name", "path", "shown"), PAGES, ids=[page[0] for page in PAGES])
def test_hostile_text_is_shown_only_escaped(client, hostile, name, path, shown):
    response = client.get(path(hostile))
    assert response.status_code == 200
    body = response.content.decode()
    assert SCRIPT not in body
    assert "<img src=x" not in body
    assert "onerror=alert(1)>" not in body
    for prefix in shown:
        assert f"{prefix} {SCRIPT_ESCAPED} {IMG_ESCAPED}" in body, f"{prefix} on {name}"
