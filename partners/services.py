"""Writes to organisations and people, for the apps that record who took part."""

from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from base.record.slugs import unique_slugs

from . import names
from .models import EmailAddress, Organization, Person


def person_create(name, organization):
    return Person.objects.create(name=name, organization=organization)


# Many rows at once (a pasted list) in a fixed number of queries whatever their number, each row
# with its slug and its history as save() would give it.


def organizations_create(organizations):
    """Save new, unsaved Organization rows (the import gives them kind "other", for the
    Secretariat to classify)."""
    for organization in organizations:
        organization.search_name = names.search_name(organization.name)
    return _create_with_slugs(Organization, organizations)


def people_create(people, reason=None):
    """Save new, unsaved Person rows, with their sort name and search keys (bulk_create sends
    no pre_save); `reason`, if given, is their history's."""
    for person in people:
        person.derive_names()
    return _create_with_slugs(Person, people, reason)


def emails_add(pairs, reason=None):
    """Add each (person, address) after that person's other addresses, in the order given;
    `reason`, if given, is their history's."""
    if not pairs:
        return []
    last = dict(
        EmailAddress.objects.filter(person__in={person.pk for person, _address in pairs})
        .values("person")
        .annotate(last=Max("position"))
        .values_list("person", "last")
    )
    rows = []
    for person, address in pairs:
        last[person.pk] = last.get(person.pk, 0) + 1
        rows.append(EmailAddress(person=person, address=address, position=last[person.pk]))
    return bulk_create_with_history(rows, EmailAddress, default_change_reason=reason)


def _create_with_slugs(model, rows, reason=None):
    if not rows:
        return []
    texts = [getattr(row, row.slug_source) for row in rows]
    for row, slug in zip(rows, unique_slugs(model, texts), strict=True):
        row.slug = slug
    return bulk_create_with_history(rows, model, default_change_reason=reason)
