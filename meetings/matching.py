"""Finding meetings by what someone types: their number, their year, or part of their title or
city (accents and case aside). The directory's and the follow-ups' typed filters ask it."""

import re
from functools import reduce
from operator import and_

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from base.web.searched_filters import SearchedChoiceFilter
from partners import names
from partners.matching import MOST_WORDS

from .models import Meeting

ORDINAL = re.compile(r"^(\d{1,5})(st|nd|rd|th|e|er|re|eme|º|°|o|a)?$")


# A plain letter and its common accented forms, both cases: a meeting's title and city carry no
# accent-free copy to search, so the typed word (accents stripped) is looked for as a pattern
# taking any of them ("geneve" finds "Genève"), with REGEXP on SQLite and PostgreSQL alike.
ACCENTED_FORMS = {}
for _accented in "àáâäãåāçćčèéêëēęěìíîïīłñńòóôöõøōœřśšşùúûüūůýÿźżž":
    ACCENTED_FORMS.setdefault(names.normalised(_accented)[:1], set()).add(_accented)


def accents_aside(term):
    """A regular expression finding `term` (plain lower-case letters) whatever its accents."""
    pattern = []
    for char in term:
        forms = ACCENTED_FORMS.get(char)
        if forms:
            letters = "".join(sorted({char, *forms}))
            pattern.append(f"[{letters}{letters.upper()}]")
        else:
            pattern.append(re.escape(char))
    return "".join(pattern)


def meeting_matching(text):
    """Each word: its number ("5", "5th"), its year ("2019"), or part of its title or city
    (accents and case aside)."""
    conditions = []
    for term in list(dict.fromkeys(names.words(text)))[:MOST_WORDS]:
        pattern = accents_aside(term)
        condition = Q(title__iregex=pattern) | Q(city__iregex=pattern)
        number = ORDINAL.match(term)
        if number:
            condition |= Q(number=int(number.group(1)))
            if len(number.group(1)) == 4 and not number.group(2):
                condition |= Q(date__year=int(number.group(1)))
        conditions.append(condition)
    if not conditions:
        return Q(pk__in=[])
    return reduce(and_, conditions)


def meeting_named(text):
    """Its whole title, or its number alone."""
    exact = Q(title__iexact=text)
    number = ORDINAL.match(names.normalised(text))
    if number:
        exact |= Q(number=int(number.group(1)))
    return exact


def meetings_visible(request):
    return Meeting.objects.visible_to(request.user)


def meeting_choice(*, label, field_name, messages):
    """A filter choosing meetings the visitor may see by typed text (the directory's, the
    follow-ups'); an old link's `?meeting=<id>` chooses that one."""
    return SearchedChoiceFilter(
        label=label,
        help_text=_("Its number, its year, or part of its title or city"),
        field_name=field_name,
        old_param="meeting",
        rows=meetings_visible,
        matching=meeting_matching,
        exact=meeting_named,
        label_field="title",
        order_by=("date",),
        messages=messages,
    )
