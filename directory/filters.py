"""Filters for the organisations list and the participant directory.

Every choice offered is something the visitor may see. The directory's name search looks at names
only: never at e-mail addresses, so it cannot be used to find out whose address is whose.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from base.filters import OfferedChoicesFilterSet
from meetings.models import Meeting
from partners.models import Country, Organization, OrganizationKind, Person


def countries_with_organizations(request):
    organizations = Organization.objects.visible_to(request.user)
    return Country.objects.filter(organizations__in=organizations).distinct()


class OrganizationFilter(OfferedChoicesFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("Any kind")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=countries_with_organizations, empty_label=_("Any country")
    )

    class Meta:
        model = Organization
        fields = ["kind", "country"]


def listed_people(request):
    return Person.objects.visible_to(request.user).listed()


def organizations_with_listed_people(request):
    return Organization.objects.filter(people__in=listed_people(request)).distinct()


def countries_with_listed_people(request):
    return Country.objects.filter(organizations__people__in=listed_people(request)).distinct()


def meetings_visible(request):
    return Meeting.objects.visible_to(request.user)


class PeopleFilter(OfferedChoicesFilterSet):
    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=organizations_with_listed_people,
        empty_label=_("Any organisation"),
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
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting attended"),
        field_name="attendances__meeting",
        queryset=meetings_visible,
        empty_label=_("Any meeting"),
    )

    class Meta:
        model = Person
        fields = ["q", "organization", "kind", "country", "meeting"]
