"""What a browser posts from an admin change page, as the page rendered it."""


def posted_data(response, **changes):
    """The main form's and every inline's fields with the values shown, the inlines' management
    forms, and the hidden state of base.admin_concurrency; `changes` override by field name."""
    context = response.context
    forms = [context["adminform"].form]
    data = {}
    for inline in context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
        forms += inline.formset.forms
    for form in forms:
        for field in form:
            value = field.value()
            if value is False:
                continue  # an unticked box is not posted
            if value is True:
                value = "on"
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = "" if value is None else str(value)
    if context.get("edit_state"):
        data[context["edit_state_field"]] = context["edit_state"]
    data.update(changes)
    return data
