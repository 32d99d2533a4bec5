"""The directory as a member reads it: the visitors' directory page (kept, base/page_cache.py)
with the member's own parts filled in, namely the introduction with the downloads, the e-mail
column and, in each row, the addresses this member may read.

The page marks those parts (directory/people.html); for a visitor they are empty or say "sign
in", and the kept page never holds an address. The addresses are read for the people on the
page, in one query, through `EmailAddress.objects.shown_to`, the rule for who reads which.
"""

import functools
import re
from collections import defaultdict

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext

from partners import names
from partners.models import EmailAddress

# A member's own part of the page, by name: <!--member:NAME-->...<!--/member:NAME-->, each drawn
# by directory/partials/member_NAME.html for the reader.
PART = re.compile(rb"<!--member:(\w+)-->.*?<!--/member:\1-->", re.DOTALL)
# A row's e-mail cell: <!--emails PK-->...<!--/emails-->.
EMAILS = re.compile(rb"<!--emails (\d+)-->.*?<!--/emails-->", re.DOTALL)


@functools.cache
def _cell_labels(language):
    """The cell's card label and its "Not shown", in `language` (the active one): read once per
    language, not once a row."""
    return gettext("E-mail"), gettext("Not shown")


def email_cell(emails):
    """The row's e-mail cell: each address a mailto link, one a line, or "Not shown"."""
    label, not_shown = _cell_labels(get_language())
    if not emails:
        return format_html(
            '<td data-label="{}"><span class="meta">{}</span></td>', label, not_shown
        )
    first, *rest = emails
    return format_html(
        '<td data-label="{}"><a href="mailto:{}">{}</a>{}</td>',
        label,
        first.address,
        first.address,
        format_html_join("", '<br><a href="mailto:{0}">{0}</a>', ((e.address,) for e in rest)),
    )


class AddressesFilledIn:
    """`members_own` for the directory's view (see `cached_for_visitors`)."""

    def serves(self, request):
        # Members search addresses and domains, which visitors may not: the view answers that.
        terms = (word for value in request.GET.getlist("q") for word in names.words(value))
        return not any(names.EMAIL_LIKE.search(term) for term in terms)

    def fill(self, request, content):
        people = [int(pk) for pk in EMAILS.findall(content)]
        shown = defaultdict(list)
        addresses = EmailAddress.objects.shown_to(request.user).filter(person__in=people)
        for email in addresses.order_by("position", "pk").only("person_id", "address"):
            shown[email.person_id].append(email)

        def part(found):
            name = found[1].decode()
            drawn = render_to_string(f"directory/partials/member_{name}.html", request=request)
            return b"<!--member:%s-->%s<!--/member:%s-->" % (found[1], drawn.encode(), found[1])

        def cell(found):
            drawn = email_cell(shown[int(found[1])])
            return b"<!--emails %s-->%s<!--/emails-->" % (found[1], drawn.encode())

        return EMAILS.sub(cell, PART.sub(part, content))
