"""The meeting workspace as a browser uses it: its form read from the page, a row opened as its
Edit button opens it (meetings/admin/workspace_rows.py), the page posted back."""

from django.urls import reverse

from devtools.html_form import BrowserForm

FORM_ID = "meeting_form"


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def workspace_form(client, meeting):
    response = client.get(change_url(meeting))
    assert response.status_code == 200
    return read_form(response, meeting)


def read_form(response, meeting):
    """The workspace's form on a page answered for `meeting`, knowing where its rows open."""
    form = BrowserForm.from_response(response, FORM_ID)
    form.row_url = reverse("admin:meetings_meeting_workspace_row", args=[meeting.pk])
    return form


def row_of(form, formset_prefix, pk):
    """The prefix ("attendances-3") of the row holding the object `pk`."""
    for f in form.fields:
        name = f.name
        if name.startswith(f"{formset_prefix}-") and name.endswith("-id") and f.value == str(pk):
            row = name.removesuffix("-id")
            if row.count("-") == formset_prefix.count("-") + 1:
                return row
    raise LookupError(pk)


def open_row(client, form, row):
    """Open a row shown compactly: its fields are fetched and put in the form."""
    marker = form.get(f"{row}-COMPACT")
    if marker is None:
        return False
    # As the page's script asks for it: the row's prefix, and its id.
    response = client.get(form.row_url, {"prefix": row, "id": form.value(f"{row}-id")})
    assert response.status_code == 200, (row, response.status_code)
    opened = BrowserForm(response.content.decode(), None)
    form.remove(marker.name)
    for f in opened.fields:
        form.remove(f.name)
        form.fields.append(f)
    return True
