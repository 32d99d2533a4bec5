"""Selects that draw their options in Python: the same HTML as Django's templates, in a fraction
of the time.

Django renders a select through select.html and includes select_option.html (and attrs.html
inside it) once per option; a filter offering hundreds of organisations or countries spent most
of a list page's time there. These widgets take Django's own context (`get_context`: optgroups,
selected state, ids, `required`, aria and every other attribute stay Django's) and write what
those three templates would write, escaping each value as the template engine does. A subclass
that names templates of its own is drawn by them, as Django would.
"""

import html

from django import forms
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe

# What the forms renderer's templates render in: autoescaped, localized, in the current time zone.
_TEMPLATE_CONTEXT = Context(autoescape=True)


def _text(value):
    """`{{ value }}` in a template. A plain string, the usual label, is only escaped there: that
    much is done here directly, hundreds of times a page."""
    if type(value) is str:
        return html.escape(value)
    return render_value_in_context(value, _TEMPLATE_CONTEXT)


def _string_text(value):
    """`{{ value|stringformat:'s' }}`: a string, never localised; a safe value stays unescaped,
    as the filter is `is_safe`."""
    formatted = "%s" % (str(value) if isinstance(value, tuple) else value)
    return formatted if isinstance(value, SafeData) else html.escape(formatted)


def _attrs(attrs):
    """django/forms/widgets/attrs.html: in the attrs' own order, False left out, True bare."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_string_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option):
    """django/forms/widgets/select_option.html, with the line end that closes the file."""
    return (
        f'<option value="{_string_text(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


class QuickSelectMixin:
    def _render(self, template_name, context, renderer=None):
        if (
            template_name != forms.Select.template_name
            or self.option_template_name != forms.Select.option_template_name
        ):
            return super()._render(template_name, context, renderer)
        return mark_safe(self._select_html(context["widget"]))

    def _select_html(self, widget):
        """django/forms/widgets/select.html, stripped as the renderer strips it."""
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            parts.extend(f"\n  {_option(option)}" for option in group_options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)


class QuickSelect(QuickSelectMixin, forms.Select):
    """A `forms.Select` drawn without a template per option."""


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    """A `forms.SelectMultiple` drawn without a template per option."""


# The quick widget standing in for each of Django's.
QUICK_WIDGETS = {forms.Select: QuickSelect, forms.SelectMultiple: QuickSelectMultiple}
