"""Reading a participants list in every shape the Secretariat receives: no database, nothing
matched; the names and addresses below are test data, made up."""

import codecs

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import AttendanceMode
from meetings.participant_lists import MAX_PARTICIPANTS, MAX_SIZE, decode, participants_list_read

IN_PERSON, REMOTE = AttendanceMode.IN_PERSON, AttendanceMode.REMOTE


def read(text):
    return participants_list_read(text)


def cells(listed):
    """(line, name, position, organisation, e-mails, country, mode, problems) of each."""
    return [
        (p.line_number, p.name, p.position, p.listed_as, p.emails, p.country, p.mode, p.problems)
        for p in listed.participants
    ]


# Without a header row: by their place


def test_three_tab_separated_cells_are_the_reports_annex():
    listed = read(
        "\nTest Person A\tTest Ministry (Chile)\ta@example.org/ a2@example.org\n"
        "Remote Participants\t\t\n"
        "Test Person B\tTest Union\tb@example.org\n"
    )

    assert (listed.separator, listed.columns, listed.header) == ("\t", None, None)
    assert cells(listed) == [
        (2, "Test Person A", "", "Test Ministry (Chile)", "a@example.org/ a2@example.org", "",
         IN_PERSON, []),
        (4, "Test Person B", "", "Test Union", "b@example.org", "", REMOTE, []),
    ]  # fmt: skip


def test_four_cells_put_the_position_after_the_name():
    listed = read("Test Person A\tDirector, Test Unit\tTest Union\ta@example.org\n")

    assert cells(listed) == [
        (1, "Test Person A", "Director, Test Unit", "Test Union", "a@example.org", "", None, [])
    ]


def test_three_and_four_cell_lines_mix_each_read_by_its_count():
    listed = read(
        "Test Person A\tTest Union\ta@example.org\n"
        "Test Person B\tAdviser\tTest Union\tb@example.org\n"
    )

    assert [(p.name, p.position, p.listed_as) for p in listed.participants] == [
        ("Test Person A", "", "Test Union"),
        ("Test Person B", "Adviser", "Test Union"),
    ]


def test_words_trailing_empty_cells_are_left_out():
    listed = read(
        "Test Person A\tTest Union\ta@example.org\t\t\n"
        "Test Person B\tTest Union\t\t\t\n"  # no address: three cells, the third empty
    )

    assert [(p.name, p.listed_as, p.emails, p.problems) for p in listed.participants] == [
        ("Test Person A", "Test Union", "a@example.org", []),
        ("Test Person B", "Test Union", "", []),
    ]


def test_a_four_column_row_with_no_address_keeps_its_columns():
    """Another row fills a fourth cell: the list is 4 columns wide, so "Adviser" stays the
    position and "Test Union" the organisation."""
    listed = read(
        "Test Person A\tDirector\tTest Union\ta@example.org\t\n"
        "Test Person B\tAdviser\tTest Union\t\n"
    )

    assert [(p.name, p.position, p.listed_as, p.emails) for p in listed.participants] == [
        ("Test Person A", "Director", "Test Union", "a@example.org"),
        ("Test Person B", "Adviser", "Test Union", ""),
    ]


@pytest.mark.parametrize(
    "line, count",
    [("Test Person A\ttest@example.org", 2), ("A\tB\tC\tD\tE", 5), ("Test Person A", 1)],
)
def test_another_number_of_cells_is_a_problem_of_the_line(line, count):
    listed = read(f"Test Person B\tTest Union\tb@example.org\n{line}\n")

    assert listed.participants[1].problems == [
        "expected 3 cells separated by tabs (name, organisation, e-mail) or 4 (name, position, "
        f"organisation, e-mail), found {count}."
    ]
    assert listed.participants[0].problems == []


def test_crlf_line_ends_and_a_byte_order_mark_change_no_line_number():
    listed = read("\ufeffTest Person A\tTest Union\ta@example.org\r\n\r\nTest Person B\tX\t\r\n")

    assert [(p.line_number, p.name, p.emails) for p in listed.participants] == [
        (1, "Test Person A", "a@example.org"),
        (3, "Test Person B", ""),
    ]


# Commas and semicolons (CSV)


def test_a_comma_separated_list_with_quoted_cells_holding_commas():
    listed = read(
        'Test Person A,"Director, Test Unit","Ministry of Labour, Test Land",a@example.org\n'
        '"Person, Test B",Adviser,Test Union,b@example.org\n'
    )

    assert listed.separator == ","
    assert [(p.name, p.position, p.listed_as) for p in listed.participants] == [
        ("Test Person A", "Director, Test Unit", "Ministry of Labour, Test Land"),
        ("Person, Test B", "Adviser", "Test Union"),
    ]


def test_a_semicolon_separated_list_whose_cells_hold_commas():
    listed = read(
        "Test Person A;Ministry of Labour, Test Land;a@example.org\n"
        "Test Person B;Test Union, Geneva office;b@example.org\n"
    )

    assert listed.separator == ";"
    assert [p.listed_as for p in listed.participants] == [
        "Ministry of Labour, Test Land",
        "Test Union, Geneva office",
    ]


def test_a_comma_csv_whose_address_cells_hold_semicolons_is_read_by_commas():
    """As the directory's own CSV writes two addresses: "a; b"."""
    listed = read(
        "Name,Position,Organisation,Country,E-mail\n"
        "Test Person A,Director,Test Union,,a@example.org; a2@example.org\n"
        "Test Person B,,Test Union,,b@example.org\n"
    )

    assert listed.separator == ","
    assert listed.participants[0].emails == "a@example.org; a2@example.org"


def test_a_quoted_cell_over_two_lines_keeps_the_next_line_numbers():
    listed = read(
        'Name,Organisation,E-mail\n"Test Person A","Test Union\nGeneva office",a@example.org\n'
        "Test Person B,Test Union,b@example.org\n"
    )

    assert [(p.line_number, p.listed_as) for p in listed.participants] == [
        (2, "Test Union\nGeneva office"),
        (4, "Test Union"),
    ]
    assert (
        listed.participants[0].text == '"Test Person A","Test Union\nGeneva office",a@example.org'
    )


def test_an_apostrophe_a_csv_export_put_before_a_formula_is_taken_off():
    listed = read("Test Person A,'+1 Union,a@example.org\n")

    assert listed.participants[0].listed_as == "+1 Union"


def test_an_apostrophe_put_before_a_look_alike_of_a_formula_is_taken_off_too():
    listed = read("Test Person A,'\uff0b1 Union,a@example.org\n")

    assert listed.participants[0].listed_as == "\uff0b1 Union"


# A header row


HEADERS = {
    "English": "E-mail\tOrganisation\tName\tAttendance\tTitle\tCountry",
    "French": "Courriel\tOrganisme\tNom et prénom\tModalité\tFonction\tPays",
    "Spanish": "Correo electrónico\tOrganización\tNombre\tModalidad\tCargo\tPaís",
    "capitals and spaces": "E-MAIL ADDRESS\tOrganization\t Full name \tMode\tJob title\tCOUNTRY",
}


@pytest.mark.parametrize("header", HEADERS.values(), ids=HEADERS.keys())
def test_a_header_row_in_english_french_or_spanish_in_any_order(header):
    listed = read(f"{header}\na@example.org\tTest Union\tTest Person A\tremote\tDirector\tChile\n")

    assert listed.header.line_number == 1
    assert cells(listed) == [
        (2, "Test Person A", "Director", "Test Union", "a@example.org", "Chile", REMOTE, [])
    ]


@pytest.mark.parametrize(
    "value, mode",
    [
        ("In person", IN_PERSON),
        ("in-person", IN_PERSON),
        ("En personne", IN_PERSON),
        ("Présentiel", IN_PERSON),
        ("presencial", IN_PERSON),
        ("Remote", REMOTE),
        ("online", REMOTE),
        ("Virtual", REMOTE),
        ("À distance", REMOTE),
        ("en ligne", REMOTE),
        ("A distancia", REMOTE),
        ("remoto", REMOTE),
        ("En línea", REMOTE),
    ],
)
def test_the_mode_column_in_three_languages(value, mode):
    listed = read(f"Name;Organisation;Mode\nTest Person A;Test Union;{value}\n")

    assert (listed.participants[0].mode, listed.participants[0].problems) == (mode, [])


def test_an_unknown_mode_is_a_problem_of_the_line():
    listed = read("Name;Organisation;Mode\nTest Person A;Test Union;hybrid\n")

    assert listed.participants[0].problems == [
        "“hybrid” does not say how they attended: write in person or remote."
    ]


def test_an_empty_mode_cell_follows_the_heading_it_is_under():
    listed = read(
        "Name;Organisation;Mode\nTest Person A;Test Union;\n"
        "Participants à distance;;\nTest Person B;Test Union;\n"
        "Test Person C;Test Union;présentiel\n"
    )

    assert [p.mode for p in listed.participants] == [IN_PERSON, REMOTE, IN_PERSON]


@pytest.mark.parametrize(
    "heading",
    ["Remote Participants", "Participants à distance", "Participantes a distancia",
     "participants en ligne:", "Participantes virtuales"],
)  # fmt: skip
def test_a_remote_heading_in_three_languages(heading):
    listed = read(f"Test Person A\tTest Union\t\n{heading}\t\t\nTest Person B\tTest Union\t\n")

    assert [(p.name, p.mode, p.section) for p in listed.participants] == [
        ("Test Person A", IN_PERSON, None),
        ("Test Person B", REMOTE, REMOTE),
    ]


def test_a_list_that_says_nothing_of_the_mode_leaves_it_unsaid():
    """None, not in person: a participant already recorded keeps their mode."""
    listed = read("Test Person A\tTest Union\t\n")

    assert listed.participants[0].mode is None


def test_given_and_family_name_columns_make_the_name():
    listed = read("Prénom;Nom;Organisation\nTest;Person A;Test Union\n")

    assert listed.participants[0].name == "Test Person A"


def test_a_title_above_the_header_row_is_left_aside_and_said():
    listed = read(
        "Test meeting: list of participants\n\nName,Organisation\nTest Person A,Test Union\n"
    )

    assert [p.line_number for p in listed.participants] == [4]
    assert "Left aside before it: line 1 (“Test meeting: list of participants”)." in (
        listed.description()
    )


def test_columns_named_twice_in_one_heading_and_columns_left_aside():
    listed = read(
        "No.\tName\tTitle/Position\tOrganisation (Institution)\tE-mail\tSignature\n"
        "1\tTest Person A\tDirector\tTest Union\ta@example.org\t\n"
    )

    assert [(p.name, p.position, p.listed_as) for p in listed.participants] == [
        ("Test Person A", "Director", "Test Union")
    ]
    assert listed.description() == (
        "Read as cells separated by tabs, with a header row (line 1): left aside, name, "
        "position, organisation, e-mail, left aside."
    )


def test_the_header_repeated_in_the_list_is_not_a_participant():
    listed = read("Name,Organisation\nTest Person A,Test Union\nName,Organisation\nB,Test Union\n")

    assert [p.name for p in listed.participants] == ["Test Person A", "B"]


HEADER_MISTAKES = {
    "unknown column": (
        "Name\tOrganisation\tPhone number\nTest Person A\tTest Union\t+1 555\n",
        "Line 1 (the header row): the column “Phone number” is not one the import reads.",
    ),
    "no name column": (
        "Organisation\tE-mail\tTitle\nTest Union\ta@example.org\tDirector\n",
        "Line 1 (the header row): no column holds the name.",
    ),
    "no organisation column": (
        "Name\tE-mail\tTitle\nTest Person A\ta@example.org\tDirector\n",
        "Line 1 (the header row): no column holds the organisation.",
    ),
    "a column twice": (
        "Name\tNom\tOrganisation\nTest Person A\tTest Person A\tTest Union\n",
        "Line 1 (the header row): the column “name” is there 2 times; keep one.",
    ),
}


@pytest.mark.parametrize("text, message", HEADER_MISTAKES.values(), ids=HEADER_MISTAKES.keys())
def test_a_header_row_the_import_cannot_use_is_explained(text, message):
    with pytest.raises(ValidationError) as excinfo:
        read(text)

    assert excinfo.value.messages[0] == message
    assert excinfo.value.messages[-1].startswith(
        "The header row may name these columns, in English, French or Spanish, in any order: "
        "name, given name, family name, position, organisation, e-mail, country, attendance"
    )


def test_a_row_with_more_cells_than_the_header_is_a_problem_of_that_row():
    listed = read(
        "Name,Organisation,E-mail\nTest Person A,Test Union,a@example.org,,\n"
        "Test Person B,Test Union,b@example.org,extra\n"
    )

    assert [p.problems for p in listed.participants] == [
        [],
        ["4 cells, more than the header row's 3 columns."],
    ]


def test_a_value_under_a_column_with_no_heading_is_a_problem():
    listed = read("Name\t\tOrganisation\nTest Person A\tsomething\tTest Union\n")

    assert listed.participants[0].problems == [
        "the cell “something” is under a column with no heading."
    ]


def test_a_row_with_fewer_cells_than_the_header_has_the_others_empty():
    listed = read("Name,Organisation,E-mail,Title\nTest Person A,Test Union\n")

    assert cells(listed) == [(2, "Test Person A", "", "Test Union", "", "", None, [])]


def test_a_cell_too_long_for_a_list_is_a_message():
    with pytest.raises(ValidationError) as excinfo:
        read(f'Test Person A\tTest Union\t\nTest Person B\t"{"x" * 140_000}"\t\n')

    assert excinfo.value.messages[0].startswith("Line 2 cannot be read (field larger than")


def test_an_empty_list_and_a_list_too_long_are_refused_whole():
    with pytest.raises(ValidationError, match="The list names no participant"):
        read("\n\t\t\nRemote Participants\t\t\n")
    with pytest.raises(ValidationError, match=f"at most {MAX_PARTICIPANTS} are imported"):
        read("".join(f"Test Person {n}\tTest Union\t\n" for n in range(MAX_PARTICIPANTS + 1)))


# An uploaded file


def upload(data, name="list.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


CSV = "Name;Organisation;E-mail\r\nTest Pérez Ñúñez;Test Ministère;a@example.org\r\n"


@pytest.mark.parametrize(
    "data",
    [
        CSV.encode("utf-8"),
        codecs.BOM_UTF8 + CSV.encode("utf-8"),
        CSV.encode("cp1252"),
        CSV.encode("utf-16"),  # with its byte-order mark, as Excel's "Unicode text"
    ],
    ids=["utf-8", "utf-8 with BOM", "cp1252", "utf-16"],
)
def test_a_file_is_read_in_the_encodings_lists_come_in(data):
    text = decode(upload(data), "list.csv")

    assert text == "Name;Organisation;E-mail\nTest Pérez Ñúñez;Test Ministère;a@example.org\n"


BAD_FILES = {
    "binary": (bytes(range(256)) * 4, "“list.csv” is not a text file"),
    "control characters in utf-8": (b"\x00\x01\x02Test" * 100, "“list.csv” is not a text file"),
    "a spreadsheet": (b"PK\x03\x04" + b"\x00" * 100, "“list.csv” is a spreadsheet or document"),
    "too large": (b"a" * (MAX_SIZE + 1), "“list.csv” is 1.0\xa0MB; a participants list may be at"),
    "neither utf-8 nor cp1252": (b"Test \x81\x8d\x8f Person", "“list.csv” is not a text file"),
}


@pytest.mark.parametrize("data, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_file_that_is_not_a_list_is_refused_with_a_message(data, message):
    with pytest.raises(ValidationError) as excinfo:
        decode(upload(data), "list.csv")

    assert excinfo.value.messages[0].startswith(message), excinfo.value.messages


def test_an_empty_mode_cell_in_a_list_without_headings_leaves_the_mode_unsaid():
    listed = read(
        "Name;Organisation;Mode\nTest Person A;Test Union;\nTest Person B;Test Union;online\n"
    )

    assert [p.mode for p in listed.participants] == [None, REMOTE]
