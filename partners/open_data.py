"""Popolo shapes of partners' rows (docs/open-data.md): Organization, Person, Membership.

A person's addresses are given only to a signed-in reader, and only those
`EmailAddress.objects.shown_to(reader)` holds: for anyone else the keys are not there at all.
"""

from base.exports.open_data import object_id


def organization_json(organization, request):
    return {
        "id": object_id("organization", organization.slug),
        "name": organization.name,
        "classification": organization.kind,
        "other_names": (
            [{"name": organization.acronym, "note": "acronym"}] if organization.acronym else []
        ),
        "url": request.build_absolute_uri(organization.get_absolute_url()),
        "description": organization.description,
        "links": [{"url": organization.website, "note": "website"}] if organization.website else [],
    }


def person_json(person, request, emails=None):
    """`emails`: the addresses the reader may read, for a signed-in reader (else None)."""
    data = {
        "id": object_id("person", person.slug),
        "name": person.name,
        "sort_name": person.sort_name,
    }
    if request.user.is_authenticated:
        addresses = [email.address for email in emails or []]
        data["email"] = addresses[0] if addresses else None
        data["contact_details"] = [{"type": "email", "value": a} for a in addresses]
    return data


def membership_json(person):
    return {
        "person_id": object_id("person", person.slug),
        "organization_id": object_id("organization", person.organization.slug),
        "role": person.position,
    }
