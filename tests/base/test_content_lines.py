"""Content lines as iCalendar and vCard write them, and CSV cells a spreadsheet will not run."""

import pytest

from base.exports.content_lines import content_lines, escape_text, fold
from base.exports.csv_safety import csv_text, safe_cell


def test_text_values_escape_backslash_semicolon_comma_and_line_breaks():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_lines_fold_at_75_octets_never_inside_a_character():
    line = "SUMMARY:" + "é" * 100  # 8 + 200 octets
    pieces = fold(line).split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece.removeprefix(" ") for piece in pieces) == line


def test_every_line_ends_with_crlf():
    assert content_lines(["BEGIN:VCARD", "END:VCARD"]) == "BEGIN:VCARD\r\nEND:VCARD\r\n"


# What a spreadsheet may read as = + - @: fullwidth (＝ ＋ － ＠), small (﹦ ﹢ ﹣ ﹫), superscript
# and subscript plus, minus and equals, the minus sign, the heavy plus and minus signs, and the
# ASCII ones after spaces, plain or no-break.
LOOK_ALIKES = [
    '\uff1dHYPERLINK("http://x")',
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
    "\ufe66 1+1",
    "\ufe621",
    "\ufe631",
    "\ufe6bSUM(A1)",
    "\u207a1",
    "\u207b1",
    "\u207c1",
    "\u208a1",
    "\u22121",
    "\u27951",
    "\u27961",
    " =1+1",
    "\u00a0=1+1",
]


@pytest.mark.parametrize(
    "formula", LOOK_ALIKES, ids=[f"U+{ord(text[0]):04X}" for text in LOOK_ALIKES]
)
def test_a_look_alike_of_a_formula_gets_a_leading_apostrophe_too(formula):
    assert safe_cell(formula) == "'" + formula


def test_text_with_such_characters_later_or_a_dash_of_prose_is_left_as_it_is():
    for text in ["1 = 1", "ILO \uff1d partner", "\u2013 an en dash", "\u2014", "Name (+1 555)"]:
        assert safe_cell(text) == text


def test_a_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe():
    for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]:
        assert safe_cell(formula) == "'" + formula
    assert safe_cell("Graciela Guzmán") == "Graciela Guzmán"
    assert csv_text(["Name"], [['=HYPERLINK("http://x")']]) == (
        'Name\r\n"\'=HYPERLINK(""http://x"")"\r\n'
    )
