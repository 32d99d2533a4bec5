"""Reading the Secretariat's admin pages as a browser would post them back."""


def page_data(response):
    """The POST data of an admin add or change page as rendered: main form, inlines and all,
    the inlines nested in each row (an agenda item's interventions) included."""
    forms = [response.context["adminform"].form]
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    while formsets:
        formset = formsets.pop(0)
        forms += [formset.management_form, *formset.forms]
        formsets += [n for form in formset.forms for n in getattr(form, "nested_formsets", [])]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None and value is not False:  # unticked boxes, empty fields
                data[field.html_name] = value
    return data
