"""The participant directory as CSV and as vCard 4.0, for signed-in users only.

Both are the directory page itself (`PeopleView`): its filters, its people and the addresses the
reader may read (`EmailAddress.objects.shown_to`), so what a download holds is exactly what the
page shows the same reader with the same query string, on every page of it at once. An anonymous
visitor is sent to sign in before anything is read.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from base.exports.content_lines import content_lines, escape_text
from base.exports.csv_safety import csv_response

from .views import PeopleView

# A download holds at most this many people: bounded, whatever the record.
MOST_PEOPLE = 2000


class DirectoryExport(LoginRequiredMixin, PeopleView):
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return self.people_with_addresses()

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return HttpResponseBadRequest(
                _("Some filter values are not valid, so nothing is listed."),
                content_type="text/plain; charset=utf-8",
            )
        response = self.export(list(self.filterset.qs[:MOST_PEOPLE]))
        # Addresses: kept by no cache, the browser's included.
        patch_cache_control(response, private=True, no_store=True)
        return response


class DirectoryCSV(DirectoryExport):
    def export(self, people):
        header = [_("Name"), _("Position"), _("Organisation"), _("Country"), _("E-mail")]
        rows = (
            [
                person.name,
                person.position,
                person.organization.name,
                person.organization.country or "",
                "; ".join(email.address for email in person.shown_emails),
            ]
            for person in people
        )
        return csv_response("gcg-directory.csv", header, rows)


def family_and_given(person):
    """(family name, given names) from the sort name when it is the name's words turned round
    ("Guzmán Graciela" for "Graciela Guzmán"); otherwise the sort name as the family name."""
    name, sort_name = person.name.split(), person.sort_name.split()
    for cut in range(1, len(name)):
        if sort_name == name[cut:] + name[:cut]:
            return " ".join(name[cut:]), " ".join(name[:cut])
    return person.sort_name or person.name, ""


def vcard_lines(person):
    family, given = family_and_given(person)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        f"FN:{escape_text(person.name)}",
        f"N:{escape_text(family)};{escape_text(given)};;;",
        f"ORG:{escape_text(person.organization.name)}",
    ]
    if person.position:
        lines.append(f"TITLE:{escape_text(person.position)}")
    lines += [f"EMAIL:{escape_text(email.address)}" for email in person.shown_emails]
    return [*lines, "END:VCARD"]


class DirectoryVCard(DirectoryExport):
    def export(self, people):
        text = content_lines(line for person in people for line in vcard_lines(person))
        response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="gcg-directory.vcf"'
        return response
