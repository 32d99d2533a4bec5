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
    continuation starting with one space.

    Cut in the encoded bytes, not character by character: most lines need no cut at all, and a
    feed of thousands of events spent most of its time here."""
    encoded = line.encode()
    if len(encoded) <= MOST_OCTETS:
        return line
    pieces, start, limit = [], 0, MOST_OCTETS
    while len(encoded) - start > limit:
        end = start + limit
        while encoded[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to its character
            end -= 1
        pieces.append(encoded[start:end].decode())
        start, limit = end, MOST_OCTETS - 1  # the continuation's space takes one
    pieces.append(encoded[start:].decode())
    return (CRLF + " ").join(pieces)


def content_lines(lines):
    """The lines, each folded and ended by CRLF, as one text."""
    return "".join(fold(line) + CRLF for line in lines)
