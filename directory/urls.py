from django.urls import path

from base.page_cache import cached_for_visitors

from . import exports, member_page, open_data, views
from .people_for_members import AddressesFilledIn

app_name = "directory"

urlpatterns = [
    path(
        "organizations/",
        cached_for_visitors(views.OrganizationListView.as_view(), same_for_members=True),
        name="organization_list",
    ),
    path(
        "organizations/<slug:slug>/",
        cached_for_visitors(views.OrganizationDetailView.as_view(), same_for_members=True),
        name="organization_detail",
    ),
    path(
        "organizations.json",
        cached_for_visitors(open_data.organization_list_json, same_for_members=True),
        name="organization_list_json",
    ),
    path(
        "directory/",
        cached_for_visitors(views.PeopleView.as_view(), members_own=AddressesFilledIn()),
        name="people",
    ),
    path("directory.json", cached_for_visitors(open_data.people_json), name="people_json"),
    path("directory.csv", exports.DirectoryCSV.as_view(), name="people_csv"),
    path("directory.vcf", exports.DirectoryVCard.as_view(), name="people_vcard"),
    path("me/", member_page.my_page, name="me"),
    path(
        "action-groups/",
        cached_for_visitors(views.ActionGroupListView.as_view(), same_for_members=True),
        name="action_group_list",
    ),
    path(
        "action-groups.json",
        cached_for_visitors(open_data.action_group_list_json, same_for_members=True),
        name="action_group_list_json",
    ),
    path(
        "action-groups/<slug:slug>/",
        cached_for_visitors(views.ActionGroupDetailView.as_view(), same_for_members=True),
        name="action_group_detail",
    ),
]
