"""The organisations, the participant directory and the action groups as read-only JSON, in
Popolo's shapes (docs/open-data.md). The people are the directory page's, with its filters and
the addresses the reader may read (none for anonymous readers)."""

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from base.exports.open_data import error_response, object_id, paginated_response
from partners.models import Organization, Person
from partners.open_data import membership_json, organization_json, person_json

from .filters import PeopleFilter
from .views import PeopleView, action_groups_visible_to


@require_safe
def organization_list_json(request):
    organizations = Organization.objects.visible_to(request.user)
    # The focal point's slug when the reader may see that person, in the same query.
    focal_points = Person.objects.visible_to(request.user).filter(pk=OuterRef("focal_point"))
    rows = (
        organizations.select_related("country", "parent")
        .annotate(
            parent_shown=Exists(organizations.filter(pk=OuterRef("parent"))),
            focal_point_slug=Subquery(focal_points.values("slug")[:1]),
        )
        .order_by("name", "pk")
    )

    def serialize(organization):
        data = organization_json(organization, request)
        data["country"] = organization.country.name if organization.country else None
        data["parent_id"] = (
            object_id("organization", organization.parent.slug)
            if organization.parent_shown
            else None
        )
        data["focal_point_id"] = (
            object_id("person", organization.focal_point_slug)
            if organization.focal_point_slug
            else None
        )
        return data

    return paginated_response(request, rows, serialize)


@require_safe
def people_json(request):
    """The directory: the page's own people and filters (`PeopleView`, `PeopleFilter`)."""
    page = PeopleView()
    page.setup(request)
    filterset = PeopleFilter(
        request.GET or None, queryset=page.people_with_addresses(), request=request
    )
    if filterset.is_bound and not filterset.is_valid():
        return error_response(_("Some filter values are not valid, so nothing is listed."), 400)

    def serialize(person):
        data = person_json(person, request, person.shown_emails)
        data["memberships"] = [membership_json(person)]
        return data

    signed_in = request.user.is_authenticated
    return paginated_response(request, filterset.qs, serialize, with_addresses=signed_in)


@require_safe
def action_group_list_json(request):
    groups = action_groups_visible_to(request.user).order_by("name", "pk")

    def serialize(group):
        return {
            "id": object_id("action-group", group.slug),
            "name": group.name,
            "classification": "action_group",
            "status": group.status,
            "description": group.description,
            "lead_ids": [object_id("organization", lead.slug) for lead in group.leads.all()],
            "url": request.build_absolute_uri(group.get_absolute_url()),
        }

    return paginated_response(request, groups, serialize)
