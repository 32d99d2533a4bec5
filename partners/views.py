"""Partner organisations, and the participant directory with its contact rules."""

from django.db.models import Case, Count, Prefetch, Q, When
from django.views.generic import DetailView
from django_filters.views import FilterView

from meetings.models import Attendance, Intervention, Meeting, visible

from .filters import LISTED, DirectoryFilter, OrganizationFilter
from .models import ContactVisibility, EmailAddress, Organization, OrganizationKind, Person

KIND_ORDER = Case(
    *[When(kind=kind, then=index) for index, kind in enumerate(OrganizationKind.values)]
)


class OrganizationListView(FilterView):
    filterset_class = OrganizationFilter
    template_name = "partners/organization_list.html"

    def get_queryset(self):
        return (
            Organization.objects.select_related("country")
            .annotate(people_count=Count("people"), kind_order=KIND_ORDER)
            .order_by("kind_order", "name")
        )


class OrganizationDetailView(DetailView):
    template_name = "partners/organization_detail.html"
    context_object_name = "organization"
    queryset = (
        Organization.objects.with_people()
        .select_related("country", "parent")
        .prefetch_related("children")
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization, user = self.object, self.request.user
        context["meetings"] = (
            Meeting.objects.visible_to(user)
            .filter(attendances__organization=organization)
            .distinct()
            .order_by("date")
        )
        context["interventions"] = (
            Intervention.objects.visible_to(user)
            .filter(Q(organization=organization) | Q(on_behalf_of=organization))
            .distinct()
            .select_related("agenda_item__meeting", "organization", "speaker")
            .prefetch_related("on_behalf_of")
            .order_by("agenda_item__meeting__date", "agenda_item__number", "position")
        )
        context["action_points"] = visible(
            organization.action_points.select_related("meeting", "agenda_item__meeting"),
            user,
            "meeting",
        ).prefetch_related("owners")
        context["documents"] = visible(
            organization.documents.select_related("meeting", "agenda_item__meeting"),
            user,
            "meeting",
            "agenda_item__meeting",
        ).prefetch_related("organizations")
        return context


def contact_visibilities_for(user):
    """Whose addresses this user may see: none when anonymous, 'secretariat' ones for staff."""
    if not user.is_authenticated:
        return []
    if user.is_staff:
        return [ContactVisibility.MEMBERS, ContactVisibility.SECRETARIAT]
    return [ContactVisibility.MEMBERS]


class DirectoryView(FilterView):
    filterset_class = DirectoryFilter
    template_name = "partners/directory.html"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        attended = visible(Attendance.objects.select_related("meeting"), user, "meeting")
        people = (
            Person.objects.filter(contact_visibility__in=LISTED)
            .select_related("organization__country")
            .prefetch_related(
                Prefetch(
                    "attendances",
                    queryset=attended.order_by("meeting__date"),
                    to_attr="visible_attendances",
                )
            )
            .order_by("name", "pk")
        )
        shown = contact_visibilities_for(user)
        if shown:
            # Addresses are fetched only for people whose addresses this user may see, so an
            # address the user may not see never even reaches the template.
            people = people.prefetch_related(
                Prefetch(
                    "emails",
                    queryset=EmailAddress.objects.filter(person__contact_visibility__in=shown),
                    to_attr="shown_emails",
                )
            )
        return people

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_emails"] = bool(contact_visibilities_for(self.request.user))
        return context
