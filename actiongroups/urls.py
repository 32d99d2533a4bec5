from django.urls import path

from . import views

app_name = "actiongroups"

urlpatterns = [
    path("", views.ActionGroupListView.as_view(), name="list"),
    path("<slug:slug>/", views.ActionGroupDetailView.as_view(), name="detail"),
]
