"""No English interface string is left in a French or Spanish page.

Every main page (tests/browser/pages.py), for a visitor and for a signed-in member, a member's
own page (/me/, before and after their account is linked to the record), and the admin's index
and a meeting's change page for the Secretariat, is rendered with the 2019 record
in English, French and Spanish; what reads the same in English and in the translation, recorded
content and neutral tokens aside, is an interface string left untranslated (tests/alliance87/
untranslated.py says how). The failure lists them page by page: each needs a msgid in the code
and a msgstr in locale/fr and locale/es.

The same pages, with a 6th meeting added so that meetings' ordinals appear, show no markup as
text in any of the three languages: a "<" a reader would see, or an escaped superscript, is a
translation or a helper whose markup was escaped (humanize's French "6<sup>e</sup> réunion").
"""

import re
import shutil
import subprocess

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from meetings.models import Meeting
from partners.models import Person
from tests.browser.pages import MAIN_PAGES

from .untranslated import english_left, markup_shown_as_text, recorded_strings

TRANSLATED = ["fr", "es"]
EVERY_LANGUAGE = ["en-gb", *TRANSLATED]
MY_PAGE = [("my page", lambda: reverse("directory:me"))]
# The 6th meeting's page (the `sixth_meeting` fixture): its matters arising name the 5th.
# How many of a page's texts showing markup the failure quotes (the admin's repeat the same label).
SHOWN_PER_PAGE = 5
SIXTH_MEETING = [("6th meeting", lambda: Meeting.objects.get(number=6).get_absolute_url())]


def _admin_pages(numbers=(5,)):
    pages = [("admin index", lambda: reverse("admin:index"))]
    for number in numbers:
        pk = Meeting.objects.get(number=number).pk
        pages.append(
            (
                f"meeting admin ({number})",
                lambda pk=pk: reverse("admin:meetings_meeting_change", args=[pk]),
            )
        )
    return pages


def _render(client, path, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200, (path, language, response.status_code)
    assert response["Content-Language"] == language
    assert f'<html lang="{language}"' in response.content.decode()
    return response.content.decode()


def _english_left_in(client, pages):
    """{(language, page name, path): [English strings left]} for every page and language."""
    recorded = recorded_strings()
    found = {}
    for name, path_of in pages:
        path = path_of()
        english = _render(client, path, "en-gb")
        for language in TRANSLATED:
            left = english_left(english, _render(client, path, language), language, recorded)
            if left:
                found[(language, name, path)] = left
    return found


def _markup_shown_in(client, pages):
    """{(language, page name, path): [texts showing markup]} for every page and language."""
    found = {}
    for name, path_of in pages:
        path = path_of()
        for language in EVERY_LANGUAGE:
            shown = markup_shown_as_text(_render(client, path, language))
            if shown:
                found[(language, name, path)] = shown
    return found


def _markup_report(found, viewer):
    lines = [f"Markup shown as text ({viewer}):"]
    for (language, name, path), texts in sorted(found.items()):
        lines.append(f"  [{language}] {name} ({path}):")
        lines.extend(f"      {text!r}" for text in texts[:SHOWN_PER_PAGE])
        if len(texts) > SHOWN_PER_PAGE:
            lines.append(f"      ... and {len(texts) - SHOWN_PER_PAGE} more")
    lines.append(
        "A translation or a helper returned markup that the page then escaped: return plain "
        "text (meetings/ordinals.py names a meeting's ordinal in every language)."
    )
    return "\n".join(lines)


def _report(found, viewer):
    lines = [f"English interface strings left in translated pages ({viewer}):"]
    for (language, name, path), strings in sorted(found.items()):
        lines.append(f"  [{language}] {name} ({path}):")
        lines.extend(f"      {text!r}" for text in strings)
    lines.append(
        "Mark each for translation where it is missing, run the README's makemessages command, "
        "and translate it in locale/fr and locale/es."
    )
    return "\n".join(lines)


class TestNoEnglishLeftInTranslatedPages:
    def test_main_pages_for_a_visitor(self, record, client):
        found = _english_left_in(client, MAIN_PAGES)

        assert not found, _report(found, "a visitor")

    def test_main_pages_for_a_signed_in_member(self, record, member_client):
        found = _english_left_in(member_client, MAIN_PAGES)

        assert not found, _report(found, "a signed-in member")

    def test_my_page_for_a_member_not_yet_linked(self, record, member_client):
        found = _english_left_in(member_client, MY_PAGE)

        assert not found, _report(found, "a member not yet linked to the record")

    def test_my_page_for_a_member_linked_to_the_record(self, record, member, member_client):
        """Anousheh Karvar's page: her meetings, what she said, France's open follow-up, her
        addresses and the choice of who may see them."""
        Person.objects.filter(slug="anousheh-karvar").update(user=member)
        page = member_client.get(reverse("directory:me")).content.decode()
        assert "The Chair informed the group of events" in page  # hers, not the unlinked page

        found = _english_left_in(member_client, MY_PAGE)

        assert not found, _report(found, "a member linked to the record")

    def test_the_admin_for_the_secretariat(self, record, staff_client):
        found = _english_left_in(staff_client, _admin_pages())

        assert not found, _report(found, "the Secretariat, in the admin")

    def test_a_missing_translation_is_found(self, record, client, tmp_path):
        """The check can fail: with one msgstr removed from the French catalogue, the home page
        keeps that string in English, and it is named."""
        locale = tmp_path / "locale"
        shutil.copytree(settings.BASE_DIR / "locale", locale, ignore=shutil.ignore_patterns("*.mo"))
        french = locale / "fr" / "LC_MESSAGES" / "django.po"
        catalogue, removed = re.subn(
            r'(msgid "The GCG at a glance"\nmsgstr ")[^"]+(")',
            r"\1\2",
            french.read_text(encoding="utf-8"),
        )
        assert removed == 1
        french.write_text(catalogue, encoding="utf-8")
        for catalogue in locale.glob("*/LC_MESSAGES/django.po"):
            subprocess.run(["msgfmt", "-o", catalogue.with_suffix(".mo"), catalogue], check=True)

        with override_settings(LOCALE_PATHS=[locale]):
            found = _english_left_in(client, [("home", lambda: reverse("home"))])

        assert list(found) == [("fr", "home", "/")]
        assert found[("fr", "home", "/")] == ["The GCG at a glance"]
        assert "[fr] home (/):\n      'The GCG at a glance'" in _report(found, "a visitor")


class TestNoMarkupShownAsText:
    def test_main_pages_for_a_visitor(self, record, sixth_meeting, client):
        found = _markup_shown_in(client, MAIN_PAGES + SIXTH_MEETING)

        assert not found, _markup_report(found, "a visitor")

    def test_the_admin_for_the_secretariat(self, record, sixth_meeting, staff_client):
        found = _markup_shown_in(staff_client, _admin_pages(numbers=(5, 6)))

        assert not found, _markup_report(found, "the Secretariat, in the admin")

    def test_the_pages_name_meetings_by_their_ordinals(self, record, sixth_meeting, client):
        """The check above looks where the ordinals are: each page names a meeting by one, in
        English, whatever they read in French and Spanish."""
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
        pages = dict(MAIN_PAGES + SIXTH_MEETING)
        expected = {
            "follow-ups": "carried over at the 6th meeting",
            "6th meeting": ">5th meeting</a>",  # its matters arising
            "country": "Reported at the 6th meeting, 14 November 2019",  # Nepal's timeline
            "search": "5th meeting · 1. Welcome and handover to the new Chair",
        }
        for name, text in expected.items():
            html = client.get(pages[name]()).content.decode()
            assert text in html, f"{text!r} is not on the {name} page"

    def test_markup_shown_as_text_is_found(self):
        """The check can fail: an escaped superscript or any "<" a reader would see is named;
        markup, and an "&lt;" in a script or a data attribute, are not."""
        page = (
            "<html><head><title>6&lt;sup&gt;e&lt;/sup&gt; réunion · GCG</title></head><body>"
            "<p><mark>Nepal</mark> <sup>1</sup></p><td>5&lt;b&gt; reunión</td>"
            '<img alt="a &lt; b"><div data-template="&lt;div&gt;"></div>'
            "<script>const x = '&lt;p&gt;';</script></body></html>"
        )

        assert markup_shown_as_text(page) == ["6<sup>e</sup> réunion", "5<b> reunión", "a < b"]
        assert markup_shown_as_text('<a title="x" data-x="6&lt;sup&gt;e">6e</a>') == [
            "&lt;sup&gt;e"
        ]
        assert markup_shown_as_text("<p>6<sup>e</sup> réunion</p>") == []
