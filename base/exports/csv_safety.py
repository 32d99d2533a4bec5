"""CSV files a spreadsheet opens safely: UTF-8 with a byte-order mark (so Excel reads accents),
and no cell a spreadsheet would run as a formula."""

import csv
import io

from django.http import HttpResponse

# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets
# (OWASP "CSV injection"); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"


def safe_cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


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
