"""Reading the admin's pages as a person would, and posting a change form back as rendered."""

import html
import re

from django.utils import formats


def page_text(response):
    """The page's words: tags stripped, entities decoded, white space collapsed."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", content))
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def _add_form(data, form):
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = formats.localize_input(value)


def change_form_data(response):
    """The POST data of an admin change form as shown: its fields and its inlines' saved rows
    (the empty extra rows left out)."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        data[management.add_prefix("TOTAL_FORMS")] = len(formset.initial_forms)
        for form in formset.initial_forms:
            _add_form(data, form)
    return data


def inline_prefix(data, formset_prefix, pk):
    """The prefix ("attendances-3") of the inline row holding the object `pk`."""
    for key, value in data.items():
        if key.startswith(f"{formset_prefix}-") and key.endswith("-id") and str(value) == str(pk):
            return key.removesuffix("-id")
    raise LookupError(pk)
