"""What a browser posts from an admin change page, as the page rendered it (in the meeting
workspace, with every row opened: devtools/html_form.py reads a page as it is)."""

import html
import re

from django.forms import CheckboxInput


def posted_data(response, **changes):
    """The main form's and every inline's fields with the values shown, the inlines' management
    forms, and the hidden state of base.admin.locking; `changes` override by field name."""
    context = response.context
    forms = [context["adminform"].form]
    data = {}
    formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
    while formsets:
        formset = formsets.pop(0)
        management = formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
        forms += [_opened(formset, i, form) for i, form in enumerate(formset.forms)]
        # The inlines nested in each row (django-nested-admin: an agenda item's interventions).
        formsets += [n for form in formset.forms for n in getattr(form, "nested_formsets", [])]
    for form in forms:
        for field in form:
            widget = getattr(field.field.widget, "widget", field.field.widget)
            value = field.value()
            if isinstance(widget, CheckboxInput):
                if value:  # an unticked box is not posted
                    data[field.html_name] = "on"
            elif getattr(widget, "allow_multiple_selected", False):
                data[field.html_name] = [str(v) for v in value or [] if v not in (None, "")]
            else:
                data[field.html_name] = "" if value is None else str(value)
    if context.get("edit_state"):
        data[context["edit_state_field"]] = context["edit_state"]
    data.update(changes)
    return data


def _opened(formset, index, form):
    """A row the meeting workspace shows as a line (meetings.admin.workspace_rows: a form with its
    order alone), as its Edit button opens it: the form with every field. Any other form as it
    is."""
    if not getattr(form, "compact", False):
        return form
    opened = formset.form(
        auto_id=formset.auto_id,
        prefix=form.prefix,
        instance=form.instance,
        renderer=formset.renderer,
    )
    formset.add_fields(opened, index)
    opened.nested_formsets = getattr(form, "nested_formsets", [])
    return opened


def page_text(response):
    """The page's words, as a person reads them: tags stripped, entities decoded, white space
    collapsed."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", content))
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def inline_prefix(data, formset_prefix, pk):
    """The prefix ("attendances-3") of the inline row holding the object `pk` in posted data."""
    for key, value in data.items():
        if key.startswith(f"{formset_prefix}-") and key.endswith("-id") and str(value) == str(pk):
            return key.removesuffix("-id")
    raise LookupError(pk)


def changes_nothing(model_admin):
    """Whether an admin only lists its rows: no add, change or delete, even for a superuser (such
    an admin needs neither history nor locking)."""
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return not (
        model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
        or model_admin.has_delete_permission(request)
    )
