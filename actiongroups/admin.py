from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from base.admin.mixins import LinkedRowsAdminMixin
from base.admin.model_admin import PortalModelAdmin

from .models import ActionGroup


@admin.register(ActionGroup)
class ActionGroupAdmin(LinkedRowsAdminMixin, PortalModelAdmin):
    list_display = ["name", "status", "lead_names"]
    list_filter = ["status"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["leads"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("leads")

    @admin.display(description=_("lead organisations"))
    def lead_names(self, obj):
        return ", ".join(lead.short_name for lead in obj.leads.all())
