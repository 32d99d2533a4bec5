"""The pages' first texts (fixtures/site-pages.json) say only what the 2019 record says: each
figure, date, place and name in them is the record's, and they hold no address of any kind."""

import json
import re

import pytest

from actiongroups.models import ActionGroup, ActionGroupStatus
from meetings.models import KeyFigure, Meeting

from .conftest import FIXTURE

TEXTS = {row["fields"]["kind"]: row["fields"] for row in json.loads(FIXTURE.read_text())}


def test_one_english_text_per_page_and_no_address():
    assert sorted(TEXTS) == ["about", "contact", "join", "privacy"]
    for fields in TEXTS.values():
        text = fields["title_en"] + fields["body_en"]
        assert not re.search(r"@|https?:|www\.|\+?\d[\d ]{7,}", text)  # no e-mail, link, phone
        assert set(fields) == {"kind", "title_en", "body_en"}  # French and Spanish: not invented


@pytest.mark.usefixtures("record")
class TestAgainstThe2019Record:
    def test_the_meeting_is_the_records(self):
        meeting = Meeting.objects.get(number=5)
        about = TEXTS["about"]["body_en"]

        assert f"the report of the {meeting.number}th meeting of the GCG" in about
        assert f"held in {meeting.city} on 17 July 2019" in about
        assert meeting.date.isoformat() == "2019-07-17"
        assert "in the margins of the High-Level Political Forum on Sustainable Development" in (
            meeting.occasion
        )

    def test_the_partners_and_the_action_groups_are_the_records(self):
        join = TEXTS["join"]["body_en"]
        partners = KeyFigure.objects.get(label="active partners of the Alliance")
        groups = list(ActionGroup.objects.order_by("pk"))
        not_launched = [g.name for g in groups if g.status == ActionGroupStatus.NOT_LAUNCHED]

        assert f"In July 2019 it had {partners.value} active partners." in join
        assert len(groups) == 4
        names = ", ".join(g.name for g in groups[:-1]) + f", and {groups[-1].name}"
        assert f"The Alliance has four action groups: {names}." in join
        assert [g.name for g in groups[-2:]] == not_launched
        assert "In July 2019 the last two were not yet launched." in join
