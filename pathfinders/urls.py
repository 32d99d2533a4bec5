from django.urls import path

from . import views

app_name = "pathfinders"

urlpatterns = [
    path("", views.CountryListView.as_view(), name="country_list"),
    path("<slug:slug>/", views.CountryDetailView.as_view(), name="country_detail"),
]
