"""base/web/html.py writes what Django's format_html and format_html_join write, for every kind
of value the pages give them."""

import datetime

from django.utils import html as django_html
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from base.web import html


class Written:
    """A value that writes its own HTML, as markupsafe's Markup does."""

    def __html__(self):
        return "<b>written</b>"


lazy_safe = lazy(lambda: SafeString("<i>lazy &amp; safe</i>"), SafeString)

VALUES = [
    "plain",
    "<script>alert('x')</script> & \"quoted\"",
    "",
    SafeString("<em>kept</em>"),
    mark_safe('<a href="/">marked</a>'),
    gettext_lazy("Countries"),
    lazy_safe(),
    Written(),
    42,
    3.5,
    None,
    datetime.date(2019, 7, 17),
    "l'été <à> Genève",
]


def test_format_html_writes_what_djangos_writes():
    for value in VALUES:
        for template in ["{}", '<a href="{}">{}</a>', "<p>{} · {}</p>\n"]:
            count = template.count("{}")
            args = [value, "<x>"][:count] if count == 2 else [value]
            assert html.format_html(template, *args) == django_html.format_html(template, *args)
            assert isinstance(html.format_html(template, *args), SafeString)


def test_format_html_fills_named_places_as_djangos():
    for value in VALUES:
        written = html.format_html("<p title={name}>{name}</p>", name=value)
        assert written == django_html.format_html("<p title={name}>{name}</p>", name=value)


def test_lazy_text_is_escaped_in_the_active_language():
    with override("fr"):
        assert html.format_html("<b>{}</b>", gettext_lazy("Countries")) == "<b>Pays</b>"


def test_format_html_join_writes_what_djangos_writes():
    rows = [(value, "<&>") for value in VALUES]
    for separator in [", ", "<br>", SafeString("<br>")]:
        ours = html.format_html_join(separator, "<li>{} {}</li>", rows)
        assert ours == django_html.format_html_join(separator, "<li>{} {}</li>", rows)
        assert isinstance(ours, SafeString)
    mappings = [{"name": value} for value in VALUES]
    assert html.format_html_join("", "<i>{name}</i>", mappings) == (
        django_html.format_html_join("", "<i>{name}</i>", mappings)
    )
    assert html.format_html_join(", ", "{}", []) == ""
