from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("directory/", views.PeopleView.as_view(), name="people"),
    path("action-groups/", views.ActionGroupListView.as_view(), name="action_group_list"),
    path(
        "action-groups/<slug:slug>/",
        views.ActionGroupDetailView.as_view(),
        name="action_group_detail",
    ),
]
