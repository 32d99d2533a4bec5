from django.urls import path

from . import member_page, views

app_name = "directory"

urlpatterns = [
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("directory/", views.PeopleView.as_view(), name="people"),
    path("me/", member_page.my_page, name="me"),
    path("action-groups/", views.ActionGroupListView.as_view(), name="action_group_list"),
    path(
        "action-groups/<slug:slug>/",
        views.ActionGroupDetailView.as_view(),
        name="action_group_detail",
    ),
]
