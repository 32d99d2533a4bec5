"""The About, How to take part, Privacy and Contact pages: the Secretariat's text in the reader's
language (English where it has none), escaped, a page not yet written still served, and each
page's query count."""

import pytest
from django.test import Client
from django.urls import reverse

from site_pages.models import PageKind, SitePage

pytestmark = pytest.mark.django_db

# The page's text (one query); the contact page's form adds none.
QUERIES = 1
PAGES = ["site_pages:about", "site_pages:join", "site_pages:privacy", "site_pages:contact"]


def in_french():
    client = Client()
    client.cookies["django_language"] = "fr"
    return client


def test_the_first_texts_are_loaded_with_the_record(client):
    html = client.get(reverse("site_pages:about")).content.decode()

    assert "<h1>About the portal</h1>" in html
    assert "ending forced labour, modern slavery and human trafficking by 2030" in html
    join = client.get(reverse("site_pages:join")).content.decode()
    assert "In July 2019 it had 217 active partners." in join
    assert set(SitePage.objects.values_list("kind", flat=True)) == set(PageKind.values)


@pytest.mark.parametrize("name", PAGES)
def test_each_page_costs_one_query(client, django_assert_num_queries, name):
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_a_page_not_yet_written_is_served_titled_by_its_kind(client, name):
    SitePage.objects.all().delete()

    response = client.get(reverse(name))

    assert response.status_code == 200
    kind = name.removeprefix("site_pages:")
    assert f"<h1>{PageKind(kind).label}</h1>" in response.content.decode()


def test_the_privacy_page_not_yet_written_still_shows_its_facts(client):
    SitePage.objects.all().delete()

    html = client.get(reverse("site_pages:privacy")).content.decode()

    assert "What the portal keeps, who sees it, for how long" in html
    assert "Sign-in" in html or "sign-in" in html


def test_french_where_written_and_english_where_not():
    SitePage.objects.filter(kind=PageKind.ABOUT).update(
        title_fr="À propos du portail", body_fr="Le portail du GCG."
    )

    about = in_french().get(reverse("site_pages:about")).content.decode()
    join = in_french().get(reverse("site_pages:join")).content.decode()

    assert "<h1>À propos du portail</h1>" in about
    assert "<p>Le portail du GCG.</p>" in about
    assert "<h1>How to take part</h1>" in join  # no French yet: the English


def test_a_french_title_alone_keeps_the_english_text():
    SitePage.objects.filter(kind=PageKind.ABOUT).update(title_fr="À propos", body_fr="  ")

    about = in_french().get(reverse("site_pages:about")).content.decode()

    assert "<h1>À propos</h1>" in about
    assert "ending forced labour" in about


def test_the_text_is_plain_paragraphs_never_html(client):
    SitePage.objects.filter(kind=PageKind.ABOUT).update(
        body_en='First <script>alert(1)</script> <a href="x">link</a>.\n\nSecond\nline.'
    )

    html = client.get(reverse("site_pages:about")).content.decode()

    assert "<p>First &lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=&quot;x&quot;&gt;" in html
    assert "<p>Second<br>line.</p>" in html
    assert "<script>alert(1)" not in html


def test_an_edit_shows_at_once_on_the_cached_page(client):
    client.get(reverse("site_pages:about"))  # cached
    SitePage.objects.filter(kind=PageKind.ABOUT).update(title_en="Who we are")

    assert "<h1>Who we are</h1>" in client.get(reverse("site_pages:about")).content.decode()


def test_the_pages_answer_no_post_but_the_contact_form(client):
    for name in ("site_pages:about", "site_pages:join", "site_pages:privacy"):
        assert client.post(reverse(name)).status_code == 405
