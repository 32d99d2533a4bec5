"""Filters for the organisations list and the participant directory.

The directory's name search looks at names only: never at e-mail addresses, so it cannot be used to
find out whose address is whose.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from pathfinders.models import Country

from .models import ContactVisibility, Organization, OrganizationKind, Person

LISTED = [ContactVisibility.MEMBERS, ContactVisibility.SECRETARIAT]


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("Any kind")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.filter(organizations__isnull=False).distinct(),
        empty_label=_("Any country"),
    )

    class Meta:
        model = Organization
        fields = ["kind", "country"]


def meetings_visible(request):
    return Meeting.objects.visible_to(request.user)


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organization.objects.filter(people__contact_visibility__in=LISTED).distinct(),
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
        queryset=Country.objects.filter(
            organizations__people__contact_visibility__in=LISTED
        ).distinct(),
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
