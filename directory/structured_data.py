"""A schema.org `Organization`, as JSON-LD, for an organisation's page
(base.web.structured_data): its name, acronym, the page's URL, its own website as `sameAs`, its
short description and the body it is part of, when the page shows that body. No person, no
address."""

from base.web.structured_data import SCHEMA_ORG, ld_json_script


def organization_data(organization, request):
    """`organization` as its page gives it (selected with its parent and `parent_shown`)."""
    url = request.build_absolute_uri(organization.get_absolute_url())
    data = {"@context": SCHEMA_ORG, "@type": "Organization", "@id": url, "name": organization.name}
    data["url"] = url
    if organization.acronym:
        data["alternateName"] = organization.acronym
    if organization.website:
        data["sameAs"] = [organization.website]
    if organization.description:
        data["description"] = organization.description
    if organization.parent_id and organization.parent_shown:
        parent_url = request.build_absolute_uri(organization.parent.get_absolute_url())
        data["parentOrganization"] = {
            "@type": "Organization",
            "@id": parent_url,
            "name": organization.parent.name,
            "url": parent_url,
        }
    return data


def organization_script(organization, request):
    return ld_json_script(organization_data(organization, request))
