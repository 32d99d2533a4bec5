"""An organisation's profile: its website (http(s) only), a short description and its focal
point (one of its people), edited by the Secretariat, shown on its page and in the open data."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from base.audit.history import history_model
from base.record.visibility import PublicationStatus
from partners.models import ContactVisibility, Organization, Person
from partners.personal_data.erasure import person_erase
from partners.personal_data.export import as_json, for_export, personal_data
from tests.admin_forms import posted_data
from tests.factories import make_attendance, make_meeting, make_organization, make_person

pytestmark = pytest.mark.django_db

LIST_JSON = reverse("directory:organization_list_json")
# As tests/directory/test_organizations.py counts them, less the three prefetches of lists that
# are empty here (on-behalf-of, owners, authors); the JSON as tests/meetings/test_open_data.py:
# the profile adds no query, whatever the number of organisations.
DETAIL_QUERIES = 7
LIST_JSON_QUERIES = 2


def detail(organization):
    return reverse("directory:organization_detail", kwargs={"slug": organization.slug})


def change_url(organization):
    return reverse("admin:partners_organization_change", args=[organization.pk])


def profiled(name="Walk Free Test", **kwargs):
    organization = make_organization(name=name)
    person = make_person(
        name=f"Focal {name}", position="Director", organization=organization, email=True
    )
    for field, value in {
        "website": "https://www.example.org/",
        "description": "Works to end modern slavery.",
        "focal_point": person,
        **kwargs,
    }.items():
        setattr(organization, field, value)
    organization.save()
    return organization, person


class TestWebsite:
    @pytest.mark.parametrize(
        "address",
        [
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            "ftp://ftp.example.org/",
            "file:///etc/passwd",
            "mailto:someone@example.org",
        ],
    )
    def test_only_web_addresses_are_accepted_by_the_model(self, address):
        organization = make_organization(website="")
        organization.website = address
        with pytest.raises(ValidationError) as refused:
            organization.full_clean()
        assert refused.value.message_dict["website"] == [
            "Enter a web address that starts with https:// or http://, e.g. https://www.ilo.org."
        ]

    @pytest.mark.parametrize("address", ["https://www.ilo.org/", "http://example.org/a?b=c"])
    def test_http_and_https_are_accepted(self, address):
        organization = make_organization()
        organization.website = address
        organization.full_clean()

    def test_the_database_refuses_another_scheme_too(self):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            make_organization(website="javascript:alert(1)")

    def test_the_admin_refuses_javascript_with_a_clear_message_and_keeps_the_typed_text(
        self, officer_client
    ):
        organization = make_organization(name="Admin Test Organisation")
        form = officer_client.get(change_url(organization))
        posted = posted_data(form, website="javascript:alert(1)", description="Kept text.")
        response = officer_client.post(change_url(organization), posted)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Enter a web address that starts with https:// or http://" in body
        assert 'value="javascript:alert(1)"' in body
        assert "Kept text." in body
        organization.refresh_from_db()
        assert organization.website == ""

    def test_shown_as_an_outside_link(self, client):
        organization, _person = profiled()
        body = client.get(detail(organization)).content.decode()
        assert (
            '<a href="https://www.example.org/" rel="external noopener noreferrer"'
            ' class="external-link">https://www.example.org/'
        ) in body


class TestDescription:
    def test_at_most_500_characters(self):
        organization = make_organization()
        organization.description = "x" * 501
        with pytest.raises(ValidationError) as refused:
            organization.full_clean()
        assert "description" in refused.value.message_dict
        organization.description = "x" * 500
        organization.full_clean()

    def test_plain_text_escaped(self, client):
        organization, _person = profiled(description="<b>Bold</b> & plain\nsecond line")
        body = client.get(detail(organization)).content.decode()
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; plain<br>second line" in body
        assert "<b>Bold</b>" not in body


class TestFocalPoint:
    def test_must_be_one_of_the_organisations_people(self):
        organization = make_organization(name="Own Organisation")
        stranger = make_person(name="Someone Elsewhere")
        organization.focal_point = stranger
        with pytest.raises(ValidationError) as refused:
            organization.full_clean()
        assert refused.value.message_dict["focal_point"] == [
            "The focal point must be one of this organisation's people: add Someone Elsewhere "
            "to it first, or choose someone who is."
        ]

    def test_the_admin_offers_only_the_organisations_people(self, officer_client):
        organization, person = profiled(focal_point=None)
        stranger = make_person(name="Someone Elsewhere")
        form = officer_client.get(change_url(organization))
        offered = form.context["adminform"].form.fields["focal_point"].queryset
        assert list(offered) == [person]
        posted = posted_data(form, focal_point=str(stranger.pk))
        response = officer_client.post(change_url(organization), posted)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()

    def test_the_secretariat_sets_it_and_the_history_keeps_the_change(self, officer_client):
        organization, person = profiled(focal_point=None, website="", description="")
        form = officer_client.get(change_url(organization))
        posted = posted_data(
            form,
            focal_point=str(person.pk),
            website="https://www.example.org/about",
            description="A short description.",
        )
        assert officer_client.post(change_url(organization), posted).status_code == 302
        organization.refresh_from_db()
        assert organization.focal_point == person
        assert organization.website == "https://www.example.org/about"
        versions = history_model(Organization).objects.filter(id=organization.pk)
        latest = versions.order_by("-history_id").first()
        assert (latest.focal_point_id, latest.website, latest.description) == (
            person.pk,
            "https://www.example.org/about",
            "A short description.",
        )

    def test_shown_by_name_and_position_linked_to_their_entry_never_their_address(
        self, member_client
    ):
        client = Client()
        organization, person = profiled(name="Focal Organisation")
        address = person.emails.get().address
        body = client.get(detail(organization)).content.decode()
        assert (
            '<dt>Focal point</dt><dd><a href="/directory/?q=Focal+Focal+Organisation">'
            'Focal Focal Organisation</a> <span class="meta">· Director</span></dd>'
        ) in body
        assert address not in body
        assert address not in member_client.get(detail(organization)).content.decode()

    def test_someone_left_out_of_the_directory_is_named_not_linked(self, client):
        organization, person = profiled(name="Quiet Organisation")
        Person.objects.filter(pk=person.pk).update(contact_visibility=ContactVisibility.HIDDEN)
        body = client.get(detail(organization)).content.decode()
        assert "<dt>Focal point</dt><dd>Focal Quiet Organisation <span" in body

    def test_a_focal_point_visitors_may_not_see_is_not_shown(self, staff_client):
        client = Client()
        organization, person = profiled(name="Draft Organisation")
        # The person is seen only through a draft meeting's attendance.
        draft = make_meeting(status=PublicationStatus.DRAFT)
        make_attendance(meeting=draft, person=person, organization=organization)
        make_attendance(meeting=make_meeting(), organization=organization)
        page = client.get(detail(organization)).content.decode()
        assert "Focal point" not in page and person.name not in page
        listed = json.loads(client.get(LIST_JSON).content)["results"]
        mine = next(row for row in listed if row["name"] == organization.name)
        assert mine["focal_point_id"] is None
        assert person.name in staff_client.get(detail(organization)).content.decode()

    def test_erasing_the_person_clears_it(self, officer):
        organization, person = profiled(name="Erased Focal Organisation")
        person_erase(person.pk, officer)
        organization.refresh_from_db()
        assert organization.focal_point is None
        latest = history_model(Organization).objects.filter(id=organization.pk).latest("history_id")
        assert latest.focal_point_id is None and latest.history_change_reason == "Erased on request"

    def test_their_personal_data_export_says_it(self):
        organization, person = profiled(name="Exported Focal Organisation")
        facts, sections = personal_data(for_export(Person.objects).get(pk=person.pk))
        assert as_json(facts, sections)["focal_point_of"] == [
            {"organization": "Exported Focal Organisation"}
        ]

    def test_deleting_the_person_clears_it(self):
        organization, person = profiled(name="Deleted Focal Organisation")
        person.delete()
        organization.refresh_from_db()
        assert organization.focal_point is None


class TestOpenData:
    def test_the_list_gives_website_description_and_focal_point(self, client):
        organization, person = profiled(name="Open Organisation")
        listed = json.loads(client.get(LIST_JSON).content)["results"]
        mine = next(row for row in listed if row["name"] == "Open Organisation")
        assert mine["description"] == "Works to end modern slavery."
        assert mine["links"] == [{"url": "https://www.example.org/", "note": "website"}]
        assert mine["focal_point_id"] == f"person/{person.slug}"
        assert "@" not in json.dumps(mine)

    def test_empty_profile(self, client):
        make_organization(name="Bare Organisation")
        listed = json.loads(client.get(LIST_JSON).content)["results"]
        mine = next(row for row in listed if row["name"] == "Bare Organisation")
        assert (mine["description"], mine["links"], mine["focal_point_id"]) == ("", [], None)

    def test_a_meetings_json_gives_its_organisations_profiles(self, client):
        organization, person = profiled(name="Meeting Organisation")
        meeting = make_meeting()
        make_attendance(meeting=meeting, person=person, organization=organization)
        data = json.loads(client.get(reverse("meetings:detail_json", args=[meeting.slug])).content)
        (mine,) = [o for o in data["organizations"] if o["name"] == "Meeting Organisation"]
        assert mine["links"] == [{"url": "https://www.example.org/", "note": "website"}]


@pytest.mark.parametrize("times", [1, 10])
def test_no_query_per_row(client, django_assert_num_queries, times):
    for n in range(times):
        profiled(name=f"Counted Organisation {n}")
    with django_assert_num_queries(LIST_JSON_QUERIES):
        rows = json.loads(client.get(LIST_JSON).content)["results"]
    assert sum(1 for row in rows if row["focal_point_id"]) == times
    organization = Organization.objects.get(name="Counted Organisation 0")
    with django_assert_num_queries(DETAIL_QUERIES):
        body = client.get(detail(organization)).content.decode()
    assert "<dt>Focal point</dt>" in body and "<dt>Website</dt>" in body
