"""Reading a participants list as the Secretariat receives it: its cells and columns, nothing
matched against the record yet (meetings.participant_import does that).

A list comes pasted from a spreadsheet or a Word table (cells separated by tabs; Word often adds
empty cells at the end of a row), or as a CSV file, pasted or uploaded (commas, or semicolons
where the comma is the decimal mark, cells in quotes where they hold the separator). The
separator is chosen once for the whole list. Its first row may name the columns, in English,
French or Spanish and in any order; without such a row the cells are read by their place: 3
cells are the report's Annex I (name, organisation, e-mail), 4 put the position after the name.
A "Remote Participants" line (or its French or Spanish equivalent) makes the participants after
it remote, unless a column says how each attended.

Line numbers are those of the text as given, blank lines included, so that an officer finds the
line in the box.
"""

import csv
import enum
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.exports.csv_safety import looks_like_a_formula

from .models import AttendanceMode
from .organization_labels import folded

# A list the Secretariat imports in one go: a meeting's participants, a few hundred at most.
MAX_SIZE = 1024 * 1024  # bytes of a file, characters of the box
MAX_PARTICIPANTS = 2000
BYTE_ORDER_MARK = "\ufeff"
ZIP_START = b"PK\x03\x04"  # .xlsx, .docx, .odt: zipped XML, not text

SEPARATORS = {
    "\t": gettext_lazy("tabs"),
    ",": gettext_lazy("commas"),
    ";": gettext_lazy("semicolons"),
}


class Column(enum.StrEnum):
    NAME = "name"
    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    POSITION = "position"
    ORGANIZATION = "organization"
    EMAIL = "email"
    COUNTRY = "country"
    MODE = "mode"
    IGNORED = "ignored"  # a column the import knowingly leaves aside: numbers, signatures


COLUMN_LABELS = {
    Column.NAME: gettext_lazy("name"),
    Column.GIVEN_NAME: gettext_lazy("given name"),
    Column.FAMILY_NAME: gettext_lazy("family name"),
    Column.POSITION: gettext_lazy("position"),
    Column.ORGANIZATION: gettext_lazy("organisation"),
    Column.EMAIL: gettext_lazy("e-mail"),
    Column.COUNTRY: gettext_lazy("country"),
    Column.MODE: gettext_lazy("attendance (in person or remote)"),
    Column.IGNORED: gettext_lazy("left aside"),
}

# The headings of each column, in English, French and Spanish, compared by `key` (no case, no
# accents, no spaces or punctuation: "E-mail address" is "emailaddress").
HEADINGS = {
    Column.NAME: (
        "name | full name | names | participant | participants | participant name | nom | "
        "nom complet | nom et prénom | prénom et nom | nom prénom | prénom nom | "
        "participante | nombre | nombre completo | nombre y apellido | nombre y apellidos | "
        "apellidos y nombre | apellido y nombre | nombres"
    ),
    Column.GIVEN_NAME: "first name | given name | forename | prénom | prénoms | nombre de pila",
    Column.FAMILY_NAME: "last name | family name | surname | nom de famille | apellido | apellidos",
    Column.POSITION: (
        "position | title | job title | function | role | designation | post | titre | "
        "fonction | poste | titre fonction | cargo | puesto | título | función"
    ),
    Column.ORGANIZATION: (
        "organisation | organization | organisation as listed | organization as listed | "
        "institution | entity | agency | affiliation | delegation | organisme | entité | "
        "délégation | organización | organizacion | institución | entidad | delegación | "
        "org | organisation name | organization name | company | structure | société | "
        "empresa"
    ),
    Column.EMAIL: (
        "e-mail | email | e-mails | e-mail address | e-mail addresses | mail | courriel | "
        "adresse e-mail | adresse électronique | adresse courriel | mél | correo | "
        "correo electrónico | correos electrónicos | correo-e"
    ),
    Column.COUNTRY: "country | pays | país",
    Column.MODE: (
        "attendance | attended | mode | attendance mode | participation | format | "
        "in person or remote | in person remote | mode de participation | modalité | "
        "présence | présentiel ou à distance | modalidad | modalidad de participación | "
        "asistencia | presencial o a distancia"
    ),
    Column.IGNORED: "# | no | no. | n° | nº | number | núm | número | numéro | signature | firma",
}

# How each attended, as lists write it.
MODES = {
    AttendanceMode.IN_PERSON: (
        "in person | in-person | on site | onsite | physical | physically | present | "
        "en personne | présentiel | sur place | présent | présente | presencial | "
        "en persona | presente | in situ"
    ),
    AttendanceMode.REMOTE: (
        "remote | remotely | online | on line | virtual | virtually | video | "
        "videoconference | à distance | distanciel | en ligne | virtuel | virtuelle | "
        "visioconférence | a distancia | remoto | remota | en línea | videoconferencia"
    ),
}

# A line that is only one of these starts the participants who attended that way.
SECTION_HEADINGS = {
    AttendanceMode.IN_PERSON: (
        "in-person participants | participants in person | participants on site | "
        "participants en personne | participants sur place | participants présents | "
        "participantes presenciales | participantes en persona"
    ),
    AttendanceMode.REMOTE: (
        "remote participants | remote participation | online participants | "
        "virtual participants | participants remote | participants online | "
        "participants à distance | participants en ligne | participation à distance | "
        "participantes a distancia | participantes remotos | participantes virtuales | "
        "participantes en línea | participación a distancia | participación virtual"
    ),
}
SECTION_HEADING_TEXT = {
    AttendanceMode.IN_PERSON: "In-person Participants",
    AttendanceMode.REMOTE: "Remote Participants",
}

# Three cells are the report's Annex I; four add the position after the name.
POSITIONAL = {
    3: [Column.NAME, Column.ORGANIZATION, Column.EMAIL],
    4: [Column.NAME, Column.POSITION, Column.ORGANIZATION, Column.EMAIL],
}


def key(text):
    """A heading or a value compared whatever its case, accents, spacing and punctuation."""
    text = folded(text)
    return re.sub(r"[\W_]+", "", text) or text


def column_of(heading):
    """The column a heading names: "Title/Position" and "Organisation (Institution)" name one
    column twice."""
    found = {COLUMN_OF.get(key(part)) for part in re.split(r"[/()]", heading) if part.strip()}
    if len(found) == 1 and None not in found:
        return found.pop()
    return COLUMN_OF.get(key(heading))


def _keyed(table):
    return {key(word): meaning for meaning, words in table.items() for word in words.split(" | ")}


COLUMN_OF = _keyed(HEADINGS)
MODE_OF = _keyed(MODES)
SECTION_OF = _keyed(SECTION_HEADINGS)


@dataclass
class Row:
    """One record of the list: its first line's number, its text as given, its cells."""

    line_number: int
    text: str
    cells: list[str]

    @property
    def blank(self):
        return not any(self.cells)


@dataclass
class ListedParticipant:
    """One participant's cells by column; `mode` None where the list does not say."""

    line_number: int
    text: str
    name: str = ""
    position: str = ""
    listed_as: str = ""
    emails: str = ""
    country: str = ""
    mode: str | None = None
    # The heading the participant came under, if any: given back with a rejected line.
    section: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class ParticipantsList:
    """A list as read: its separator, its columns, and its participants in order."""

    separator: str
    columns: list[Column] | None  # from the header row; None: read by position
    header: Row | None
    participants: list[ListedParticipant]
    titles: list[Row] = field(default_factory=list)  # lines above the header row, left aside

    @property
    def width(self):
        return len(self.columns) if self.columns else 3

    def description(self):
        """How the list was read, for the preview."""
        separator = SEPARATORS[self.separator]
        if self.header is None:
            return _(
                "Read as cells separated by %(separator)s, without a header row: 3 cells are "
                "name, organisation, e-mail; 4 are name, position, organisation, e-mail."
            ) % {"separator": separator}
        named = [str(COLUMN_LABELS[column]) for column in self.columns if column]
        text = _(
            "Read as cells separated by %(separator)s, with a header row (line %(line)d): "
            "%(columns)s."
        ) % {"separator": separator, "line": self.header.line_number, "columns": ", ".join(named)}
        if self.titles:
            text += " " + _("Left aside before it: %(lines)s.") % {
                "lines": ", ".join(
                    _("line %(line)d (“%(text)s”)") % {"line": row.line_number, "text": row.text}
                    for row in self.titles
                )
            }
        return text

    def section_heading(self, mode):
        """The line that starts the participants who attended that way, in this list's shape."""
        return SECTION_HEADING_TEXT[mode] + self.separator * (self.width - 1)


def decode(upload, name=""):
    """The text of an uploaded file: UTF-8 (with or without a byte-order mark), UTF-16 with one
    (Excel's "Unicode text"), else Windows-1252 (Excel's CSV on Windows); a ValidationError
    for a file that is too large or is not text."""
    data = b"" if upload.size > MAX_SIZE else upload.read(MAX_SIZE + 1)
    size = max(upload.size, len(data))
    if size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a participants list may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(MAX_SIZE)}
        )
    if data.startswith(ZIP_START):
        raise ValidationError(
            _(
                "“%(name)s” is a spreadsheet or document file, not text: save it as CSV, or copy "
                "its cells and paste them in the box."
            )
            % {"name": name}
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _binary(text):
            # One kind of line end, as the box sends it back: the preview's digest stays true.
            return text.replace("\r\n", "\n").replace("\r", "\n")
        break
    raise ValidationError(
        _(
            "“%(name)s” is not a text file: save the list as CSV (UTF-8) or as text, or copy "
            "its cells and paste them in the box."
        )
        % {"name": name}
    )


def _binary(text):
    """Text no list holds: NUL characters, or control characters beyond a few."""
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f\v")
    return "\x00" in text or controls > len(text) // 100


def participants_list_read(text):
    """The list's participants in order, each with the problems of its own cells; a
    ValidationError for a list that cannot be read at all (its header row, its length)."""
    text = text.removeprefix(BYTE_ORDER_MARK)
    lines = text.splitlines(keepends=True)
    separator = _separator(lines)
    filled = [row for row in _rows(lines, separator) if not row.blank]
    titles, header = _header(filled)
    if header:
        columns = _header_columns(header)
        read = _by_header(columns)
    else:
        columns = None
        read = _by_position(filled, separator)
    participants = []
    section = None
    for row in filled[len(titles) + (header is not None) :]:
        if header and row.cells == header.cells:
            continue  # the header row again, as a list in sections may repeat it
        heading = _section_heading(row.cells)
        if heading:
            section = heading
            continue
        participants.append(read(row, section))
    if section:
        for participant in participants:
            if participant.mode is None and not participant.problems:
                # Before the first heading, in a list that has one: in person.
                participant.mode = AttendanceMode.IN_PERSON
    if not participants:
        raise ValidationError(_("The list names no participant."))
    if len(participants) > MAX_PARTICIPANTS:
        raise ValidationError(
            _("The list has %(count)d participants; at most %(max)d are imported at once.")
            % {"count": len(participants), "max": MAX_PARTICIPANTS}
        )
    return ParticipantsList(separator, columns, header, participants, titles)


def _header(rows):
    """The rows above the header row (a title, each a single cell) and the header row; or no
    title and no header row, where the list has none."""
    for index, row in enumerate(rows):
        if _is_header(row.cells):
            return rows[:index], row
        if sum(1 for cell in row.cells if cell) > 1 or _section_heading(row.cells):
            break
    return [], None


def _separator(lines):
    """Tabs where any line has one (a spreadsheet or a Word table); otherwise commas or
    semicolons, whichever reads a header row, or else gives more rows the same number of
    cells; tabs (the report's shape) where neither separates anything."""
    if any("\t" in line for line in lines):
        return "\t"
    scores = {separator: _fit(lines, separator) for separator in (",", ";")}
    best = max(scores, key=scores.get)
    return best if scores[best] > (False, 0, 0) else "\t"


def _fit(lines, separator):
    filled = [row for row in _rows(lines, separator, strict=False) if not row.blank]
    if not filled:
        return (False, 0, 0)
    counts = Counter(len(row.cells) for row in filled)
    width, rows = counts.most_common(1)[0]
    if width < 2:
        return (False, 0, 0)
    return (_is_header(filled[0].cells), rows, width)


def _rows(lines, separator, strict=True):
    """The records of the list, a record spanning several lines where a quoted cell holds a
    line break."""
    reader = csv.reader(lines, delimiter=separator, quotechar='"', strict=False)
    rows, last = [], 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            if not strict:
                return rows
            raise ValidationError(
                _("Line %(line)d cannot be read (%(error)s): check its quotation marks.")
                % {"line": last + 1, "error": error}
            ) from error
        text = "".join(lines[last : reader.line_num]).rstrip("\r\n")
        rows.append(Row(last + 1, text, [_cell(cell) for cell in cells]))
        last = reader.line_num


def _cell(text):
    """A cell's text, its spaces trimmed; an apostrophe put before a would-be formula by a CSV
    export (ours included, base.exports.csv_safety) taken off again."""
    text = text.strip()
    if text.startswith("'") and looks_like_a_formula(text[1:]):
        return text[1:]
    return text


def _is_header(cells):
    """A first row naming at least two known columns, and holding no e-mail address."""
    named = [cell for cell in cells if cell and column_of(cell)]
    return len(named) >= 2 and not any("@" in cell for cell in cells)


def _section_heading(cells):
    filled = [cell for cell in cells if cell]
    if len(filled) == 1:
        return SECTION_OF.get(key(filled[0].rstrip(":")))
    return None


def _header_columns(header):
    """Each cell's column, or a ValidationError naming every heading the import cannot use."""
    problems = []
    columns = []
    for cell in header.cells:
        column = column_of(cell) if cell else None
        if cell and column is None:
            problems.append(
                _("the column “%(heading)s” is not one the import reads.") % {"heading": cell}
            )
        columns.append(column)
    found = Counter(column for column in columns if column)
    for column, count in found.items():
        if count > 1 and column not in (Column.EMAIL, Column.IGNORED):
            problems.append(
                _("the column “%(column)s” is there %(count)d times; keep one.")
                % {"count": count, "column": COLUMN_LABELS[column]}
            )
    if not found.keys() & {Column.NAME, Column.FAMILY_NAME}:
        problems.append(_("no column holds the name."))
    if Column.ORGANIZATION not in found:
        problems.append(_("no column holds the organisation."))
    if problems:
        known = ", ".join(
            str(COLUMN_LABELS[column]) for column in Column if column is not Column.IGNORED
        )
        raise ValidationError(
            [
                _("Line %(line)d (the header row): %(problem)s")
                % {"line": header.line_number, "problem": problem}
                for problem in problems
            ]
            + [
                _(
                    "The header row may name these columns, in English, French or Spanish, in "
                    "any order: %(columns)s."
                )
                % {"columns": known}
            ]
        )
    if Column.GIVEN_NAME in found and Column.FAMILY_NAME not in found:
        # "Nom" beside "Prénom", "Nombre" beside "Apellidos": the name column is the other half.
        columns = [Column.FAMILY_NAME if c is Column.NAME else c for c in columns]
    return columns


def _by_header(columns):
    width = len(columns)

    def read(row, section):
        participant = ListedParticipant(row.line_number, row.text, section=section)
        cells = row.cells
        extra = [cell for cell in cells[width:] if cell]
        if extra:
            participant.problems.append(
                _("%(count)d cells, more than the header row's %(columns)d columns.")
                % {"count": len(cells), "columns": width}
            )
        cells = cells[:width] + [""] * (width - len(cells))
        by_column = {}
        for column, cell in zip(columns, cells, strict=True):
            if column is None:
                if cell:
                    participant.problems.append(
                        _("the cell “%(cell)s” is under a column with no heading.") % {"cell": cell}
                    )
            elif column is Column.EMAIL:
                by_column[column] = " ".join(filter(None, [by_column.get(column, ""), cell]))
            else:
                by_column[column] = cell
        given, family = by_column.get(Column.GIVEN_NAME, ""), by_column.get(Column.FAMILY_NAME)
        if family is None:
            name = by_column.get(Column.NAME, "")
        else:
            name = " ".join(filter(None, [given, family]))
        _fill(participant, name, by_column)
        return participant

    return read


def _by_position(rows, separator):
    """The reader of a list without a header: each row by its number of cells, 3 or 4. Empty
    cells at the end of a row beyond the list's width are Word's, and left out; the width is 4
    where any row fills a fourth cell, so that a 4-column row with no e-mail keeps its place."""
    width = 4 if any(_used(row.cells) == 4 for row in rows) else 3

    def read(row, section):
        participant = ListedParticipant(row.line_number, row.text, section=section)
        cells = list(row.cells)
        while len(cells) > width and not cells[-1]:
            cells.pop()
        columns = POSITIONAL.get(len(cells))
        if columns is None:
            participant.problems.append(
                _(
                    "expected 3 cells separated by %(separator)s (name, organisation, e-mail) "
                    "or 4 (name, position, organisation, e-mail), found %(count)d."
                )
                % {"separator": SEPARATORS[separator], "count": len(cells)}
            )
            return participant
        by_column = dict(zip(columns, cells, strict=True))
        _fill(participant, by_column[Column.NAME], by_column)
        return participant

    return read


def _used(cells):
    """How many cells a row uses: up to its last cell that is not empty."""
    return max((index + 1 for index, cell in enumerate(cells) if cell), default=0)


def _fill(participant, name, by_column):
    participant.name = name
    participant.position = by_column.get(Column.POSITION, "")
    participant.listed_as = by_column.get(Column.ORGANIZATION, "")
    participant.emails = by_column.get(Column.EMAIL, "")
    participant.country = by_column.get(Column.COUNTRY, "")
    mode_cell = by_column.get(Column.MODE, "")
    if mode_cell:
        participant.mode = MODE_OF.get(key(mode_cell))
        if participant.mode is None:
            participant.problems.append(
                _("“%(value)s” does not say how they attended: write in person or remote.")
                % {"value": mode_cell}
            )
    elif participant.section:
        participant.mode = participant.section
