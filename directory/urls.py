from django.urls import path

from . import exports, member_page, open_data, views

app_name = "directory"

urlpatterns = [
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("organizations.json", open_data.organization_list_json, name="organization_list_json"),
    path("directory/", views.PeopleView.as_view(), name="people"),
    path("directory.json", open_data.people_json, name="people_json"),
    path("directory.csv", exports.DirectoryCSV.as_view(), name="people_csv"),
    path("directory.vcf", exports.DirectoryVCard.as_view(), name="people_vcard"),
    path("me/", member_page.my_page, name="me"),
    path("action-groups/", views.ActionGroupListView.as_view(), name="action_group_list"),
    path("action-groups.json", open_data.action_group_list_json, name="action_group_list_json"),
    path(
        "action-groups/<slug:slug>/",
        views.ActionGroupDetailView.as_view(),
        name="action_group_detail",
    ),
]
