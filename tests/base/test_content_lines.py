"""Content lines as iCalendar and vCard write them, and CSV cells a spreadsheet will not run."""

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


def test_a_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe():
    for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]:
        assert safe_cell(formula) == "'" + formula
    assert safe_cell("Graciela Guzmán") == "Graciela Guzmán"
    assert csv_text(["Name"], [['=HYPERLINK("http://x")']]) == (
        'Name\r\n"\'=HYPERLINK(""http://x"")"\r\n'
    )
