"""Selects that draw their options in Python: the same HTML as Django's templates, in a fraction
of the time.

Django renders a select through select.html and includes select_option.html (and attrs.html
inside it) once per option; a filter offering hundreds of organisations or countries spent most
of a list page's time there. These widgets take Django's own context (`get_context`: optgroups,
selected state, ids, `required`, aria and every other attribute stay Django's) and write what
those three templates would write, escaping each value as the template engine does. The markup
goes through format_html with literal formats only: nothing is marked safe by hand
(docs/security.md, S13; tests/security/test_s13_xss.py). A subclass that names templates of its
own is drawn by them, as Django would.
"""

from django import forms
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, SafeString

from base.web.html import format_html, format_html_join

# No attributes: already safe, so that format_html passes it by without escaping it (most options
# have none, and a list page offers some 250 of them).
_NO_ATTRS = SafeString("")

# What the forms renderer's templates render in: autoescaped, localized, in the current time zone.
_TEMPLATE_CONTEXT = Context(autoescape=True)


def _text(value):
    """`{{ value }}` in a template, for format_html to escape. A plain string, the usual label,
    is only escaped there, and format_html does that; anything else is converted as the
    template engine converts it (localised, lazy text translated) and escaped now."""
    if type(value) is str:
        return value
    return render_value_in_context(value, _TEMPLATE_CONTEXT)


def _string_text(value):
    """`{{ value|stringformat:'s' }}`, for format_html to escape: a string, never localised; a
    safe value stays unescaped, as the filter is `is_safe`."""
    if isinstance(value, SafeData):
        return value
    return "%s" % (str(value) if isinstance(value, tuple) else value)


def _attrs(attrs):
    """django/forms/widgets/attrs.html: in the attrs' own order, False left out, True bare."""
    if not attrs:
        return _NO_ATTRS
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", _text(name)),)
            if value is True
            else (format_html(' {}="{}"', _text(name), _string_text(value)),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _options(options):
    """select_option.html for each option, on its own line of select.html (the option file's
    closing line end included)."""
    return format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>\n',
        (
            (_string_text(option["value"]), _attrs(option["attrs"]), _text(option["label"]))
            for option in options
        ),
    )


def _groups(optgroups):
    """select.html's optgroups. Django gives each option outside a group a nameless group of its
    own: a run of those is drawn as one, rather than option by option."""
    loose = []
    for name, options, _index in optgroups:
        if not name:
            loose.extend(options)
            continue
        if loose:
            yield _options(loose)
            loose = []
        yield format_html(
            '\n  <optgroup label="{}">{}\n  </optgroup>', _text(name), _options(options)
        )
    if loose:
        yield _options(loose)


class QuickSelectMixin:
    def _render(self, template_name, context, renderer=None):
        if (
            template_name != forms.Select.template_name
            or self.option_template_name != forms.Select.option_template_name
        ):
            return super()._render(template_name, context, renderer)
        widget = context["widget"]
        # django/forms/widgets/select.html, stripped as the renderer strips it.
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            _text(widget["name"]),
            _attrs(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in _groups(widget["optgroups"]))),
        )


class QuickSelect(QuickSelectMixin, forms.Select):
    """A `forms.Select` drawn without a template per option."""


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    """A `forms.SelectMultiple` drawn without a template per option."""


# The quick widget standing in for each of Django's.
QUICK_WIDGETS = {forms.Select: QuickSelect, forms.SelectMultiple: QuickSelectMultiple}
