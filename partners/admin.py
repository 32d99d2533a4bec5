from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from base.admin_concurrency import OptimisticLockingAdminMixin
from base.admin_history import HistoryAdminMixin
from base.admin_mixins import LinkedRowsAdminMixin, SelectRelatedAdminMixin

from .models import EmailAddress, Organization, Person


@admin.register(Organization)
class OrganizationAdmin(
    HistoryAdminMixin, OptimisticLockingAdminMixin, LinkedRowsAdminMixin, SimpleHistoryAdmin
):
    list_display = ["name", "acronym", "kind", "country", "parent", "people_count"]
    list_filter = ["kind", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "acronym"]
    # Explicit, so the people_count annotation (GROUP BY) keeps the autocomplete's order.
    ordering = ["name"]
    list_select_related = ["country", "parent"]
    autocomplete_fields = ["country", "parent"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(people_count=Count("people"))

    @admin.display(description=_("people"), ordering="people_count")
    def people_count(self, obj):
        return obj.people_count


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    fields = ["address", "position"]
    extra = 1


@admin.register(Person)
class PersonAdmin(HistoryAdminMixin, OptimisticLockingAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "organization", "position", "contact_visibility", "addresses"]
    list_filter = ["organization__kind", "contact_visibility"]
    search_fields = ["name", "organization__name", "organization__acronym", "emails__address"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EmailAddressInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("emails")

    @admin.display(description=_("e-mail addresses"))
    def addresses(self, obj):
        return ", ".join(email.address for email in obj.emails.all())


@admin.register(EmailAddress)
class EmailAddressAdmin(
    HistoryAdminMixin, OptimisticLockingAdminMixin, SelectRelatedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["address", "person", "position"]
    search_fields = ["address", "person__name"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
