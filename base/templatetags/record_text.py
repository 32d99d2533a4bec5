"""The report's text as HTML: paragraphs, and its "- " bullet lines as lists, always escaped."""

import re

from django import template
from django.utils.safestring import SafeString

from base.web.html import format_html, format_html_join

register = template.Library()

BULLET = re.compile(r"^[-•]\s+")
LINE_BREAK = SafeString("<br>")  # a constant, never user data


def _blocks(text):
    """Yield ("p", lines) and ("ul", items) for each run of plain or bulleted lines."""
    for block in re.split(r"\n\s*\n", text.strip()):
        kind, run = None, []
        for line in filter(None, (line.strip() for line in block.splitlines())):
            line_kind = "ul" if BULLET.match(line) else "p"
            if line_kind != kind and run:
                yield kind, run
                run = []
            kind = line_kind
            run.append(BULLET.sub("", line))
        if run:
            yield kind, run


def _render(kind, lines):
    if kind == "ul":
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in lines))
        )
    return format_html("<p>{}</p>", format_html_join(LINE_BREAK, "{}", ((line,) for line in lines)))


@register.filter
def record_text(value):
    """Every piece goes through format_html, so the text is escaped whatever it holds."""
    return format_html_join(
        "", "{}", ((_render(kind, lines),) for kind, lines in _blocks(str(value)))
    )
