"""Writes to organisations and people, for the apps that record who took part."""

from django.db.models import Max

from .models import EmailAddress, Organization, OrganizationKind, Person


def organization_create(name, kind=OrganizationKind.OTHER, country=None):
    """A new organisation; by default of kind "other", for the Secretariat to classify."""
    return Organization.objects.create(name=name, kind=kind, country=country)


def person_create(name, organization):
    return Person.objects.create(name=name, organization=organization)


def person_add_email(person, address):
    """Add an address after the person's others."""
    last = person.emails.aggregate(last=Max("position"))["last"] or 0
    return EmailAddress.objects.create(person=person, address=address, position=last + 1)
