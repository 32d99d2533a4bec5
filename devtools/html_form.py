"""A form read from a page's HTML as a browser reads it, and posted as a browser posts it.

The tests that drive the meeting workspace, and the benchmark's save of it
(bench/workspace_save.py), post what the page itself offers: the fields a browser would send (a
ticked box, a select's chosen options, a textarea's text), not the forms of the view's context.
What a `<template>` holds is not part of the form: it is what the page's
script copies in when the officer adds a row.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.datastructures import MultiValueDict

NOT_SENT = {"submit", "button", "image", "reset"}


@dataclass
class Field:
    name: str
    value: str
    kind: str  # "input", "checkbox", "radio", "file", "select", "textarea"
    attrs: dict = field(default_factory=dict)
    options: list = field(default_factory=list)  # a select's (value, text) pairs
    chosen: list = field(default_factory=list)  # a select's chosen values
    checked: bool = False
    multiple: bool = False
    in_template: bool = False


class _Parser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = form_id is None
        self.form_depth = 0
        self.templates = 0
        self.fields = []
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: "" if value is None else value for name, value in attrs}
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.templates += 1
        elif tag == "input":
            self._input(attrs)
        elif tag == "select" and "name" in attrs:
            self._select = Field(
                attrs["name"],
                "",
                "select",
                attrs,
                multiple="multiple" in attrs,
                in_template=bool(self.templates),
            )
            self._select.disabled = "disabled" in attrs
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea" and "name" in attrs:
            self._textarea = Field(
                attrs["name"], "", "textarea", attrs, in_template=bool(self.templates)
            )
            self._textarea.disabled = "disabled" in attrs

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        if "name" not in attrs or kind in NOT_SENT or "disabled" in attrs:
            return
        if kind in ("checkbox", "radio"):
            self.fields.append(
                Field(
                    attrs["name"],
                    attrs.get("value", "on"),
                    kind,
                    attrs,
                    checked="checked" in attrs,
                    in_template=bool(self.templates),
                )
            )
        else:
            self.fields.append(
                Field(
                    attrs["name"],
                    attrs.get("value", ""),
                    "file" if kind == "file" else "input",
                    attrs,
                    in_template=bool(self.templates),
                )
            )

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        elif self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "form" and self.form_id is not None:
            self.in_form = False
        elif tag == "template":
            self.templates -= 1
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._close_option()
            select = self._select
            if not select.multiple and not select.chosen and select.options:
                select.chosen = [select.options[0][0]]  # a browser sends the first option
            select.value = select.chosen[0] if select.chosen else ""
            if not select.disabled:
                self.fields.append(select)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the newline that directly follows <textarea>.
            self._textarea.value = self._textarea.value.removeprefix("\n")
            if not self._textarea.disabled:
                self.fields.append(self._textarea)
            self._textarea = None

    def _close_option(self):
        value, text, selected = self._option
        value = text.strip() if value is None else value
        self._select.options.append((value, text.strip()))
        if selected:
            self._select.chosen.append(value)
        self._option = None


class BrowserForm:
    """The fields of one form of a page; `data()` is what submitting it sends."""

    def __init__(self, page, form_id):
        parser = _Parser(form_id)
        parser.feed(page)
        parser.close()
        self.fields = [f for f in parser.fields if not f.in_template]
        self.template_fields = [f for f in parser.fields if f.in_template]
        self.files = {}

    @classmethod
    def from_response(cls, response, form_id):
        return cls(response.content.decode(), form_id)

    def names(self):
        return [f.name for f in self.fields]

    def get(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def __contains__(self, name):
        return self.get(name) is not None

    def value(self, name):
        """What submitting sends for `name` (None if nothing: an unticked box)."""
        values = self.data().getlist(name)
        return values[0] if values else None

    def set(self, name, value):
        """Type `value` into the field (a select takes it even when it is no option, as a
        forged post would; a box is ticked by a true value)."""
        f = self.get(name)
        if f is None:
            f = Field(name, "", "input")
            self.fields.append(f)
        if f.kind in ("checkbox", "radio"):
            f.checked = bool(value)
        elif f.kind == "select":
            f.chosen = list(value) if isinstance(value, list | tuple) else [str(value)]
            f.value = f.chosen[0] if f.chosen else ""
        else:
            f.value = str(value)

    def add(self, name, value, kind="input"):
        self.fields.append(Field(name, str(value), kind))

    def remove(self, name):
        self.fields = [f for f in self.fields if f.name != name]

    def attach(self, name, upload):
        self.files[name] = upload

    def data(self):
        data = MultiValueDict()
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.appendlist(f.name, f.value)
            elif f.kind == "select":
                for value in f.chosen:
                    data.appendlist(f.name, value)
            elif f.kind == "file":
                continue
            else:
                data.appendlist(f.name, f.value)
        return data

    def post_data(self):
        """For Django's test client: lists for repeated keys, the attached files."""
        data = {name: values for name, values in self.data().lists()}
        data = {name: values[0] if len(values) == 1 else values for name, values in data.items()}
        return {**data, **self.files}
