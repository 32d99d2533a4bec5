from django.views.generic import DetailView, ListView

from .models import ActionGroup


class ActionGroupListView(ListView):
    model = ActionGroup


class ActionGroupDetailView(DetailView):
    model = ActionGroup
