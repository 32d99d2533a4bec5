"""S2: no e-mail address reaches an anonymous visitor on any public page the URL configuration
declares, for every object; members see each address where contact details are shown.

Unlike the link crawl in tests/test_privacy.py, this walks the URL configuration itself, with
every object of every detail page, so a page no link leads to is checked too.
"""

import html
import re

import pytest
from django.urls import reverse

from actiongroups.models import ActionGroup
from meetings.models import Meeting
from partners.models import ContactVisibility, EmailAddress, Organization
from pathfinders.models import Country

from .conftest import client_for
from .test_s1_access_matrix import SITE, url_entries

DETAIL_MODELS = {
    "meetings:detail": Meeting,
    "pathfinders:country_detail": Country,
    "actiongroups:detail": ActionGroup,
    "partners:organization_detail": Organization,
}
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def public_urls():
    """Every non-admin URL anonymous visitors get a page from, with every object's address."""
    urls = []
    for key, _model, kind in url_entries():
        if kind is not None or key.startswith("admin:") or SITE[key][1]["anonymous"] != 200:
            continue
        if key in DETAIL_MODELS:
            urls += [obj.get_absolute_url() for obj in DETAIL_MODELS[key].objects.all()]
        elif SITE[key][0] is None:
            urls.append(reverse(key))
    return urls


def readable(page):
    """The page as a browser would decode it: entities (&#64;, &#x40;) and %40 undone."""
    return html.unescape(html.unescape(page)).replace("%40", "@")


@pytest.mark.django_db
def test_s2_no_address_for_anonymous(client, record):
    addresses = [a.lower() for a in EmailAddress.objects.values_list("address", flat=True)]
    assert len(addresses) == 44
    urls = public_urls()
    assert len(urls) > 40  # every meeting, country, group and organisation page
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = readable(response.content.decode()).lower()
        assert "mailto:" not in page, url
        found = ADDRESS.findall(page)
        assert not found, (url, found)
        assert not [a for a in addresses if a in page], url


@pytest.mark.django_db
def test_s2_members_see_each_address_in_the_directory(record, users):
    client = client_for(users["member"])
    page = client.get(reverse("partners:directory")).content.decode()
    shown = EmailAddress.objects.filter(person__contact_visibility=ContactVisibility.MEMBERS)
    assert shown.count() == 44
    for email in shown:
        assert f'href="mailto:{email.address}"' in page, email.address
