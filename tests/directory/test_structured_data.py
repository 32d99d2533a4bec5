"""A schema.org Organization as JSON-LD on each organisation's page (directory.structured_data),
checked against what the vocabulary requires (tests/structured_data.py)."""

import json

import pytest
from django.test import Client

from base.record.visibility import PublicationStatus
from partners.models import Organization
from tests.factories import make_attendance, make_meeting, make_organization, make_person
from tests.structured_data import checked

pytestmark = pytest.mark.django_db


def organization_on(organization):
    (described,) = checked(
        Client().get(organization.get_absolute_url()).content.decode(), "Organization"
    )
    return described


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_the_ilo(self):
        assert organization_on(Organization.objects.get(acronym="ILO")) == {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": "http://testserver/organizations/international-labour-organization/",
            "name": "International Labour Organization",
            "alternateName": "ILO",
            "url": "http://testserver/organizations/international-labour-organization/",
        }

    def test_a_mission_is_part_of_its_government(self):
        mission = Organization.objects.get(slug="permanent-mission-of-australia-to-the-un")
        assert organization_on(mission)["parentOrganization"] == {
            "@type": "Organization",
            "@id": "http://testserver/organizations/government-of-australia/",
            "name": "Government of Australia",
            "url": "http://testserver/organizations/government-of-australia/",
        }

    def test_every_organisations_page_describes_it(self):
        for organization in Organization.objects.all():
            assert organization_on(organization)["name"] == organization.name


def test_its_website_and_description_no_person_no_address():
    organization = make_organization(
        name="Profiled Organisation",
        website="https://www.example.org/",
        description="Works to end child labour.",
    )
    person = make_person(name="Qzfocalpoint", organization=organization)
    organization.focal_point = person
    organization.save()
    described = organization_on(organization)
    assert described["sameAs"] == ["https://www.example.org/"]
    assert described["description"] == "Works to end child labour."
    assert "Qzfocalpoint" not in json.dumps(described)


def test_a_parent_the_page_does_not_show_is_not_named():
    """A body known to the record only through a draft meeting is not named as the parent."""
    parent = make_organization(name="Qzdraftparent")
    make_attendance(
        meeting=make_meeting(status=PublicationStatus.DRAFT),
        person=make_person(organization=parent),
    )
    child = make_organization(name="Child Organisation", parent=parent)
    make_attendance(meeting=make_meeting(), person=make_person(organization=child))
    described = organization_on(child)
    assert "parentOrganization" not in described
    assert "Qzdraftparent" not in json.dumps(described)
