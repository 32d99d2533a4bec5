from django.views.generic import DetailView, ListView

from .models import Organization, Person


class OrganizationListView(ListView):
    model = Organization


class OrganizationDetailView(DetailView):
    model = Organization


class DirectoryView(ListView):
    model = Person
