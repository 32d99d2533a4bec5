from django.views.generic import DetailView, ListView

from .models import Country


class CountryListView(ListView):
    model = Country


class CountryDetailView(DetailView):
    model = Country
