"""The action groups: their status and leads, and each one's record across meetings."""

from django.views.generic import DetailView, ListView

from pathfinders import timeline

from .models import ActionGroup


class ActionGroupListView(ListView):
    template_name = "actiongroups/actiongroup_list.html"
    queryset = ActionGroup.objects.prefetch_related("leads")


class ActionGroupDetailView(DetailView):
    template_name = "actiongroups/actiongroup_detail.html"
    context_object_name = "group"
    queryset = ActionGroup.objects.prefetch_related("leads")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = timeline.for_action_group(self.object, self.request.user)
        context["timeline"] = timeline.by_meeting(entries)
        return context
