"""Every public page of the site (the S1 table's public entries, each object of a detail page)
links About, How to take part, Contact and Privacy from its footer."""

import pytest
from django.test import Client

from tests.security.url_table import public_urls

FOOTER_LINKS = [
    '<a href="/about/">About</a>',
    '<a href="/join/">How to take part</a>',
    '<a href="/contact/">Contact</a>',
    '<a href="/privacy/">Privacy</a>',
]


@pytest.mark.usefixtures("record")
class TestEveryPublicPage:
    def test_links_the_pages_about_the_portal(self):
        visitor = Client()
        html_pages = 0
        missing = {}
        for url in public_urls():
            response = visitor.get(url, follow=True)
            if not response["Content-Type"].startswith("text/html"):
                continue
            html_pages += 1
            body = response.content.decode()
            lacking = [link for link in FOOTER_LINKS if link not in body]
            if lacking:
                missing[url] = lacking

        assert missing == {}
        assert html_pages >= 80  # with the record's every meeting, country, group and organisation

    def test_in_french_too(self):
        visitor = Client()
        visitor.cookies["django_language"] = "fr"

        body = visitor.get("/meetings/").content.decode()

        assert 'href="/privacy/"' in body
        assert 'href="/contact/"' in body
