"""Audit history: an admin edit is kept with who and when; the Secretariat sees it and reverts."""

from django.urls import reverse
from django.utils import timezone

from partners.models import Organization, OrganizationKind

from .conftest import client_for


def form_data(org, **changes):
    data = {
        "name": org.name,
        "slug": org.slug,
        "acronym": org.acronym,
        "kind": org.kind,
        "country": org.country_id or "",
        "parent": org.parent_id or "",
    }
    data.update(changes)
    return data


def test_edit_history_and_revert(users, every_model):
    officer = users["secretariat"]
    client = client_for(officer)
    org = Organization.objects.create(name="Walk Free", kind=OrganizationKind.CIVIL_SOCIETY)
    original = org.history.get()
    started = timezone.now()

    change_url = reverse("admin:partners_organization_change", args=[org.pk])
    response = client.post(change_url, form_data(org, name="Walk Free Foundation", acronym="WFF"))
    assert response.status_code == 302

    latest = org.history.order_by("-history_id").first()
    assert latest.name == "Walk Free Foundation"
    assert latest.history_type == "~"
    assert latest.history_user == officer
    assert latest.history_date >= started

    history_page = client.get(reverse("admin:partners_organization_history", args=[org.pk]))
    assert history_page.status_code == 200
    assert "an-officer" in history_page.content.decode()

    version_url = reverse(
        "admin:partners_organization_simple_history", args=[org.pk, original.history_id]
    )
    version_page = client.get(version_url)
    assert version_page.status_code == 200
    assert 'value="Walk Free"' in version_page.content.decode()  # the old value, ready to restore
    response = client.post(version_url, form_data(original.instance))
    assert response.status_code == 302

    org.refresh_from_db()
    assert (org.name, org.acronym) == ("Walk Free", "")
    assert org.history.count() == 3  # created, edited, reverted: nothing is ever lost
    assert org.history.order_by("-history_id").first().history_user == officer


def test_staff_without_permission_cannot_see_history(users, every_model):
    org = Organization.objects.first()
    client = client_for(users["staff"])
    url = reverse("admin:partners_organization_history", args=[org.pk])
    assert client.get(url).status_code == 403
