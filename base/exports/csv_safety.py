"""CSV files a spreadsheet opens safely: UTF-8 with a byte-order mark (so Excel reads accents),
and no cell a spreadsheet would run as a formula."""

import csv
import io
import unicodedata

from django.http import HttpResponse

# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets
# (OWASP "CSV injection"); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Look-alikes that Unicode's compatibility normalisation (NFKC) does not turn into one of the
# above, though a spreadsheet may: the minus sign and the heavy minus and plus signs.
FORMULA_LOOK_ALIKES = ("\u2212", "\u2796", "\u2795")
BYTE_ORDER_MARK = "\ufeff"


def looks_like_a_formula(text):
    """Whether a spreadsheet could read the text as a formula: it starts, after any spaces, with
    one of FORMULA_STARTS or a look-alike (fullwidth `＝`, small `﹢`, superscript `⁺`, which
    NFKC makes ASCII; the minus sign `−`)."""
    # NFKC leaves the ASCII starts as they are: one check covers them and their look-alikes.
    start = unicodedata.normalize("NFKC", text[:8]).lstrip(" ")
    return start.startswith(FORMULA_STARTS + FORMULA_LOOK_ALIKES)


def safe_cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if looks_like_a_formula(text) else text


def csv_text(header, rows):
    """The header row and the rows, every cell made safe, as CSV text (CRLF line ends)."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return output.getvalue()


def csv_response(filename, header, rows):
    """A CSV download: UTF-8 with a byte-order mark, one header row."""
    response = HttpResponse(
        BYTE_ORDER_MARK + csv_text(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
