"""The French and Spanish catalogues are complete and current: every interface string the code
marks for translation is in them, translated, and none is fuzzy."""

import ast
import os
import re
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

TRANSLATED = ["fr", "es"]
# As the README's `manage.py makemessages` command: the project's own code and templates only.
IGNORED = [".venv", "node_modules", "staticfiles", "tests"]
ENTRY_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')


def catalogue(language):
    return settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"


def msgids(path):
    """The (context, msgid) of every entry of a .po or .pot file, obsolete ones (#~) aside."""
    found, entry, key = set(), {}, None

    def close():
        if entry.get("msgid"):
            found.add((entry.get("msgctxt"), entry["msgid"]))

    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENTRY_LINE.match(line)
        if match and match.group(1) in ("msgctxt", "msgid") and key not in (None, "msgctxt"):
            close()
            entry = {}
        if match:
            key = match.group(1)
            entry[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    close()
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue(language))],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages?\.", statistics), (
        f"{catalogue(language)}: {statistics}. Translate every message and clear the fuzzy flags."
    )


def test_the_catalogues_hold_every_string_the_code_marks_for_translation(tmp_path):
    """makemessages, run on a copy of the code with empty catalogues, finds no msgid the
    catalogues lack (nor any they keep that the code no longer has)."""
    copy = tmp_path / "portal"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(*IGNORED, ".git", "locale", "fixtures", "__pycache__"),
    )
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--keep-pot", "--verbosity=0"]
        + [f"--ignore={pattern}" for pattern in IGNORED],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "alliance87.settings.test"},
        check=True,
    )
    in_code = msgids(copy / "locale" / "django.pot")

    for language in TRANSLATED:
        in_catalogue = msgids(catalogue(language))
        missing = sorted(msgid for _context, msgid in in_code - in_catalogue)
        unused = sorted(msgid for _context, msgid in in_catalogue - in_code)
        assert not missing and not unused, (
            f"locale/{language} is not current with the code. Run the README's "
            f"`manage.py makemessages` command and translate.\n"
            f"Missing: {missing}\nNo longer in the code: {unused}"
        )


def test_the_check_notices_a_new_string(tmp_path):
    """The comparison above can fail: a msgid the code gains is seen as missing."""
    pot = tmp_path / "django.pot"
    pot.write_text(
        catalogue("fr").read_text(encoding="utf-8")
        + '\nmsgctxt "a test"\nmsgid "A string added to the code"\nmsgstr ""\n',
        encoding="utf-8",
    )

    assert msgids(pot) - msgids(catalogue("fr")) == {("a test", "A string added to the code")}
    assert ("a test", "A string added to the code") not in msgids(catalogue("es"))
