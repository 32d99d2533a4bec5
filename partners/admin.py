from django.contrib import admin
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from base.admin.mixins import LinkedRowsAdminMixin, SelectRelatedAdminMixin
from base.admin.model_admin import PortalModelAdmin

from . import names
from .models import EmailAddress, Organization, Person
from .personal_data.admin_pages import PersonalDataAdminMixin


@admin.register(Organization)
class OrganizationAdmin(LinkedRowsAdminMixin, PortalModelAdmin):
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        focal_point = form.base_fields.get("focal_point")
        if focal_point is not None:
            # Offered: the organisation's own people (Organization.clean() refuses anyone else);
            # a new organisation has none yet.
            people = Person.objects.filter(organization=obj) if obj else Person.objects.none()
            focal_point.queryset = people.order_by("sort_key", "pk")
        return form

    @admin.display(description=_("people"), ordering="people_count")
    def people_count(self, obj):
        return obj.people_count


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    fields = ["address", "position"]
    extra = 1


@admin.register(Person)
class PersonAdmin(PersonalDataAdminMixin, PortalModelAdmin):
    list_display = ["name", "organization", "position", "contact_visibility", "addresses"]
    list_filter = ["organization__kind", "contact_visibility"]
    search_fields = ["name", "organization__name", "organization__acronym", "emails__address"]
    list_select_related = ["organization"]
    # The account: searched among users, which only those who may view accounts can do (a
    # superuser); `manage.py invite --person` links it too.
    autocomplete_fields = ["organization", "user"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EmailAddressInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("emails")

    def save_model(self, request, obj, form, change):
        # A sort name that was only the old name's default follows a corrected name; one set by
        # hand stays as it was set.
        if change and "name" in form.changed_data and "sort_name" not in form.changed_data:
            if obj.sort_name == names.default_sort_name(form.initial.get("name", "")):
                obj.sort_name = ""
        super().save_model(request, obj, form, change)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        queryset = queryset.select_related("organization")  # for autocomplete_label()
        organization = _organization_sent(request)
        if organization is None:
            return queryset, may_have_duplicates
        # The speaker picker sends the organisation chosen in its row: its people (and those
        # of its parent body and its parts) come first, everyone else after, still reachable.
        return queryset.annotate(
            outside=Case(
                When(_same_body(organization), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("outside", "name", "pk"), may_have_duplicates

    def autocomplete_label(self, person):
        """A person in the autocomplete: with their organisation, to tell namesakes apart and
        show where the speaker picker's people of the chosen organisation end."""
        return f"{person.name} ({person.organization.short_name})"

    @admin.display(description=_("e-mail addresses"))
    def addresses(self, obj):
        return ", ".join(email.address for email in obj.emails.all())


@admin.register(EmailAddress)
class EmailAddressAdmin(SelectRelatedAdminMixin, PortalModelAdmin):
    list_display = ["address", "person", "position"]
    search_fields = ["address", "person__name"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]


def _organization_sent(request):
    try:
        pk = int(request.GET.get("organization", ""))
    except ValueError:
        return None
    return Organization.objects.filter(pk=pk).only("pk", "parent_id").first()


def _same_body(organization):
    """People Intervention.clean() accepts as speaking for `organization`: of it, its parent
    body, or another part of the same body."""
    spoke_for = {organization.pk, organization.parent_id} - {None}
    return Q(organization_id__in=spoke_for) | Q(organization__parent_id__in=spoke_for)
