from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from base.admin.mixins import LinkedRowsAdminMixin, SelectRelatedAdminMixin, SharedLabelsInlineMixin
from base.admin.model_admin import PortalModelAdmin
from base.record.partial_date_input import PartialDateFormMixin
from base.record.partial_dates import format_partial_date
from partners import geography
from partners.models import Country, CountryKind

from .models import Milestone, Stage, with_stage


class StageFilter(admin.SimpleListFilter):
    """The derived stage, filtered on the `with_stage()` annotation."""

    title = _("stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return [("none", _("No milestone yet")), *Stage.choices]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(stage_rank__isnull=True)
        if self.value() in Stage.values:
            return queryset.filter(stage_rank=Stage.rank(self.value()))
        return queryset


class MilestoneForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"date": "date_precision"}


class MilestoneInline(SharedLabelsInlineMixin, admin.TabularInline):
    model = Milestone
    form = MilestoneForm
    fields = [
        "kind",
        "date",
        "source_meeting",
        "source_agenda_item",
        "source_intervention",
        "note",
    ]
    autocomplete_fields = ["source_meeting", "source_agenda_item", "source_intervention"]
    extra = 1

    def get_queryset(self, request):
        # Each row is titled with its __str__, which names the country.
        return super().get_queryset(request).select_related("country")


class CountryForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        region = data.get("region")
        if data.get("kind") == CountryKind.COUNTRY and region:
            code = data.get("iso_code") or geography.iso_code_for(data.get("name") or "")
            if region != geography.region_of(code):
                # Refused rather than replaced, so what the officer chose is not silently lost.
                self.add_error(
                    "region",
                    _("A country's region follows from its ISO 3166-1 code: leave it empty."),
                )
        return data


@admin.register(Country)
class CountryAdmin(LinkedRowsAdminMixin, PortalModelAdmin):
    form = CountryForm
    fields = ["name", "slug", "kind", "iso_code", "region"]
    list_display = ["name", "kind", "iso_code", "region", "stage"]
    list_filter = [StageFilter, "kind", "region"]
    search_fields = ["name", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MilestoneInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.kind == CountryKind.COUNTRY:
            return ["region"]  # derived from the code on save
        return []

    def get_queryset(self, request):
        return with_stage(super().get_queryset(request), request.user)

    @admin.display(description=_("stage"), ordering="stage_rank")
    def stage(self, obj):
        stage = Stage.from_rank(obj.stage_rank)
        return stage.label if stage else "–"


@admin.register(Milestone)
class MilestoneAdmin(SelectRelatedAdminMixin, PortalModelAdmin):
    form = MilestoneForm
    list_display = ["country", "kind", "date_display", "source_meeting", "source_agenda_item"]
    list_filter = ["kind", "source_meeting"]
    search_fields = ["country__name", "note"]
    list_select_related = ["country", "source_meeting", "source_agenda_item__meeting"]
    autocomplete_fields = [
        "country",
        "source_meeting",
        "source_agenda_item",
        "source_intervention",
    ]

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj):
        return format_partial_date(obj.date, obj.date_precision) or "–"
