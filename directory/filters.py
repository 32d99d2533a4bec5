"""Filters for the organisations list and the participant directory.

Every choice offered is something the visitor may see. The directory's search looks at names and
organisations; at e-mail addresses only for a signed-in member, and only at the addresses that
member may read. For anonymous visitors an e-mail-like term matches nobody, as a random string
would (docs/security.md, S3): no answer to them tells whether an address exists.
"""

from functools import reduce
from operator import and_

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from base.web.filters import OfferedChoicesFilterSet
from base.web.searched_filters import SearchedChoicesMixin
from meetings.matching import meeting_choice
from partners import names
from partners.matching import MOST_WORDS, organization_choice, starts_a_word
from partners.models import Country, EmailAddress, Organization, OrganizationKind, Person

# A filter's options read only the columns they show (each model's `__str__`): the organisation
# filter offers hundreds, and the rest of each row would be read and built for nothing.
# What they offer is found by EXISTS, row by row of the few offered, rather than by a DISTINCT
# over the join of every person or organisation (on SQLite at factor 100, the directory's
# countries took 3.8 ms that way, 0.4 this way).


def countries_with_organizations(request):
    organizations = Organization.objects.visible_to(request.user)
    return Country.objects.filter(Exists(organizations.filter(country=OuterRef("pk")))).only("name")


class OrganizationFilter(OfferedChoicesFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("Any kind")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=countries_with_organizations, empty_label=_("Any country")
    )

    option_labels = {"country": "name"}

    class Meta:
        model = Organization
        fields = ["kind", "country"]


def listed_people(request):
    return Person.objects.visible_to(request.user).listed()


def with_people(people):
    """Is the organisation the one of some of `people`?"""
    return Exists(people.filter(organization=OuterRef("pk")))


def organizations_with_listed_people(request):
    organizations = Organization.objects.visible_to(request.user)
    return organizations.filter(with_people(listed_people(request)))


def countries_with_listed_people(request):
    organizations = Organization.objects.filter(with_people(listed_people(request)))
    return Country.objects.filter(Exists(organizations.filter(country=OuterRef("pk")))).only("name")


SORT_ORDERS = {"family": ("sort_key", "pk"), "first": ("search_name", "pk")}


ORGANIZATION_MESSAGES = {
    "one": _("Filtered by organisation: %(name)s"),
    "several": _("“%(text)s” matches several organisations; the list shows people of each:"),
    "none": _("No organisation matches “%(text)s”."),
}
MEETING_MESSAGES = {
    "one": _("Filtered by meeting attended: %(name)s"),
    "several": _("“%(text)s” matches several meetings; the list shows who attended any of them:"),
    "none": _("No meeting matches “%(text)s”."),
}


class PeopleFilter(SearchedChoicesMixin, OfferedChoicesFilterSet):
    q = django_filters.CharFilter(label=_("Name or organisation"), method="search")
    organization_search = organization_choice(
        label=_("Organisation"),
        field_name="organization",
        old_param="organization",
        rows=organizations_with_listed_people,
        messages=ORGANIZATION_MESSAGES,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="organization__kind",
        choices=OrganizationKind.choices,
        empty_label=_("Any kind"),
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="organization__country",
        queryset=countries_with_listed_people,
        empty_label=_("Any country"),
    )
    meeting_search = meeting_choice(
        label=_("Meeting attended"), field_name="attendances__meeting", messages=MEETING_MESSAGES
    )

    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[("family", _("Family name")), ("first", _("First name"))],
        empty_label=None,
        method="sort_by",
    )

    offered_whole = ("sort",)
    option_labels = {"country": "name"}
    ordering_fields = ("sort",)
    # The kinds offered are those of the organisations with someone listed.
    choice_sources = {"kind": ("kind", None)}
    # Set by the search: the e-mail-like terms an anonymous visitor typed, which match nobody.
    anonymous_email_terms = ()

    class Meta:
        model = Person
        fields = ["q", "organization_search", "kind", "country", "meeting_search", "sort"]

    def rows_offering_choices(self):
        return Organization.objects.filter(with_people(self.queryset))

    def search(self, queryset, name, value):
        """Each word must start a word of the person's name, or be their organisation's
        acronym, or start a word of its name; an address or domain matches the addresses a
        signed-in member may read."""
        terms = list(dict.fromkeys(names.without_titles(names.words(value))))[:MOST_WORDS]
        user = self.request.user if self.request else None
        signed_in = user is not None and user.is_authenticated
        conditions = []
        refused = []
        for term in terms:
            if names.EMAIL_LIKE.search(term):
                if not signed_in:
                    refused.append(term)
                    continue
                addresses = EmailAddress.objects.shown_to(user).filter(
                    person=OuterRef("pk"), address__icontains=term
                )
                conditions.append(Exists(addresses))
            else:
                conditions.append(
                    starts_a_word("search_name", term)
                    | Q(organization__acronym__iexact=term)
                    | starts_a_word("organization__search_name", term)
                )
        self.anonymous_email_terms = refused
        if refused:
            return queryset.none()
        if not conditions:
            return queryset
        return queryset.filter(reduce(and_, conditions))

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDERS.get(value, SORT_ORDERS["family"]))

    def active_filters(self):
        """[(name, what it is set to)] for each filter the request sets, the sort order aside."""
        if not self.is_bound or not self.form.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if name in self.ordering_fields or value in (None, ""):
                continue
            field = self.form.fields[name]
            if hasattr(field, "choices") and not hasattr(value, "pk"):
                value = dict(field.choices).get(value, value)
            active.append((self.searched_param(name), field.label, value))
        return active
