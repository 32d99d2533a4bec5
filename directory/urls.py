from django.urls import path

from base.web.page_cache import cache_page_per_audience

from . import exports, member_page, open_data, views
from .filters import OrganizationFilter, PeopleFilter

# The query parameters each cached page reads (base/web/page_cache.py): the others are dropped.
PAGE = ["page"]
# The old parameters of the searched filters, which links made before them still carry.
PEOPLE = [*PeopleFilter.base_filters, *PeopleFilter.old_params(), "page"]

app_name = "directory"

urlpatterns = [
    path(
        "organizations/",
        cache_page_per_audience(
            views.OrganizationListView.as_view(), params=[*OrganizationFilter.base_filters, "page"]
        ),
        name="organization_list",
    ),
    path(
        "organizations/<slug:slug>/",
        cache_page_per_audience(
            views.OrganizationDetailView.as_view(),
            params=[f"{section}_page" for section in views.OrganizationDetailView.SECTIONS],
        ),
        name="organization_detail",
    ),
    path(
        "organizations.json",
        cache_page_per_audience(open_data.organization_list_json, params=PAGE),
        name="organization_list_json",
    ),
    path(
        "directory/",
        cache_page_per_audience(views.PeopleView.as_view(), params=PEOPLE),
        name="people",
    ),
    # Not cached for members: their JSON carries addresses, which json_response marks private.
    path(
        "directory.json",
        cache_page_per_audience(open_data.people_json, params=PEOPLE, members=False),
        name="people_json",
    ),
    path("directory.csv", exports.DirectoryCSV.as_view(), name="people_csv"),
    path("directory.vcf", exports.DirectoryVCard.as_view(), name="people_vcard"),
    path("me/", member_page.my_page, name="me"),
    path(
        "action-groups/",
        cache_page_per_audience(views.ActionGroupListView.as_view()),
        name="action_group_list",
    ),
    path(
        "action-groups.json",
        cache_page_per_audience(open_data.action_group_list_json, params=PAGE),
        name="action_group_list_json",
    ),
    path(
        "action-groups/<slug:slug>/",
        cache_page_per_audience(views.ActionGroupDetailView.as_view(), params=PAGE),
        name="action_group_detail",
    ),
]
