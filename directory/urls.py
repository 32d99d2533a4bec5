from django.urls import path

from base.web.page_cache import cache_page_per_audience

from . import exports, member_page, open_data, views

app_name = "directory"

urlpatterns = [
    path(
        "organizations/",
        cache_page_per_audience(views.OrganizationListView.as_view()),
        name="organization_list",
    ),
    path(
        "organizations/<slug:slug>/",
        cache_page_per_audience(views.OrganizationDetailView.as_view()),
        name="organization_detail",
    ),
    path(
        "organizations.json",
        cache_page_per_audience(open_data.organization_list_json),
        name="organization_list_json",
    ),
    path(
        "directory/",
        cache_page_per_audience(views.PeopleView.as_view()),
        name="people",
    ),
    # Not cached for members: their JSON carries addresses, which json_response marks private.
    path(
        "directory.json",
        cache_page_per_audience(open_data.people_json, members=False),
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
        cache_page_per_audience(open_data.action_group_list_json),
        name="action_group_list_json",
    ),
    path(
        "action-groups/<slug:slug>/",
        cache_page_per_audience(views.ActionGroupDetailView.as_view()),
        name="action_group_detail",
    ),
]
