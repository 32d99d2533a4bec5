"""No English interface string is left in a French or Spanish page.

Every main page (tests/browser/pages.py), for a visitor and for a signed-in member, a member's
own page (/me/, before and after their account is linked to the record), and the admin's index
and a meeting's change page for the Secretariat, is rendered with the 2019 record
in English, French and Spanish; what reads the same in English and in the translation, recorded
content and neutral tokens aside, is an interface string left untranslated (tests/alliance87/
untranslated.py says how). The failure lists them page by page: each needs a msgid in the code
and a msgstr in locale/fr and locale/es.
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

from .untranslated import english_left, recorded_strings

TRANSLATED = ["fr", "es"]
MY_PAGE = [("my page", lambda: reverse("directory:me"))]


def _admin_pages():
    meeting = Meeting.objects.get(number=5)
    return [
        ("admin index", lambda: reverse("admin:index")),
        ("meeting admin", lambda: reverse("admin:meetings_meeting_change", args=[meeting.pk])),
    ]


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
