"""Text files made of "content lines", as iCalendar (RFC 5545) and vCard (RFC 6350) write them:
`NAME;PARAM=VALUE:value`, lines ended by CRLF and folded at 75 octets, text values escaped."""

CRLF = "\r\n"
MOST_OCTETS = 75


def escape_text(value):
    """A TEXT value: backslash, semicolon and comma escaped, line breaks written as \\n."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """The line cut into pieces of at most 75 octets (never inside a UTF-8 character), each
    continuation starting with one space."""
    pieces, current, size = [], "", 0
    for character in line:
        octets = len(character.encode())
        limit = MOST_OCTETS if not pieces else MOST_OCTETS - 1  # the space takes one
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += character
        size += octets
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def content_lines(lines):
    """The lines, each folded and ended by CRLF, as one text."""
    return "".join(fold(line) + CRLF for line in lines)
