"""Who is who: the organisations, the participant directory and the action groups, each with what
the record says of it, as far as the visitor may see it."""

from itertools import groupby
from operator import itemgetter
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from actiongroups.models import ActionGroup
from meetings import record_html, timeline
from meetings.models import ActionPoint, Attendance, Document, Intervention, Meeting
from partners import names
from partners.models import LISTED, EmailAddress, Organization, OrganizationKind, Person
from partners.stakeholder_groups import GROUP_OF_KIND

from .filters import OrganizationFilter, PeopleFilter
from .row_html import as_partial, organization_rows, people_rows
from .structured_data import organization_script

KIND_ORDER = Case(
    *[When(kind=kind, then=index) for index, kind in enumerate(OrganizationKind.values)]
)

# The stakeholder group of each kind, for the link to how often that group took the floor.
VOICES_GROUP = Case(
    *[When(kind=kind, then=Value(group.value)) for kind, group in GROUP_OF_KIND.items()],
    output_field=CharField(),
)


def count_of(rows, field):
    """How many of `rows` point at the outer query's row through `field`, as a subquery."""
    counted = (
        rows.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(counted, 0, output_field=IntegerField())


# The organisations list's columns, read as `values()` for its rows.
ORGANIZATION_COLUMNS = (
    "name",
    "slug",
    "acronym",
    "kind",
    "voices_group",
    "country__name",
    "country__slug",
    "people_count",
)


class OrganizationListView(FilterView):
    filterset_class = OrganizationFilter
    template_name = "directory/organization_list.html"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        people = Person.objects.visible_to(user)
        return (
            Organization.objects.visible_to(user)
            .select_related("country")
            .annotate(
                people_count=count_of(people, "organization"),
                kind_order=KIND_ORDER,
                voices_group=VOICES_GROUP,
            )
            .order_by("kind_order", "name")
        )

    def paginate_queryset(self, queryset, page_size):
        # The page's rows are columns (directory.row_html.organization_rows), counted before
        # `values()` joins the country to every row.
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = list(rows.values(*ORGANIZATION_COLUMNS))
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = self.kinds_on_page(context["object_list"])
        return context

    def kinds_on_page(self, organizations):
        """The page's organisations by kind: [{label, total, voices_group, rows}], `total`
        counting the kind's organisations on every page (one query), `rows` their HTML."""
        totals = dict(self.object_list.order_by().values_list("kind").annotate(count=Count("pk")))
        labels = dict(OrganizationKind.choices)
        kinds = []
        for kind, rows in groupby(organizations, key=itemgetter("kind")):
            rows = list(rows)
            kinds.append(
                {
                    "label": labels[kind],
                    "total": totals[kind],
                    "voices_group": rows[0]["voices_group"],
                    "rows": organization_rows(rows),
                }
            )
        return kinds


SECTION_PAGE_SIZE = 20


def page_with_total(rows, number, per_page=SECTION_PAGE_SIZE):
    """What `Paginator(rows, per_page).get_page(number)` gives, its rows read together with how
    many there are in all (COUNT(*) OVER ()): one query, not a COUNT and then the page. A number
    past the last page, or below the first, is paged as Django pages it."""
    paginator = Paginator(rows, per_page)
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        return paginator.get_page(number)
    bottom = (number - 1) * per_page
    read = list(rows.annotate(total_rows=Window(Count("pk")))[bottom : bottom + per_page])
    if not read and number > 1:
        return paginator.get_page(number)
    paginator.count = read[0].total_rows if read else 0
    return Page(read, number, paginator)


class OrganizationDetailView(DetailView):
    template_name = "directory/organization_detail.html"
    context_object_name = "organization"
    # Its lists, each paged on its own (`<section>_page=N`).
    SECTIONS = ("meetings", "interventions", "action_points", "documents")

    def get_queryset(self):
        organizations = Organization.objects.visible_to(self.request.user)
        return (
            organizations.select_related("country", "parent")
            .annotate(parent_shown=Exists(organizations.filter(pk=OuterRef("parent"))))
            .prefetch_related(
                Prefetch("people", queryset=Person.objects.visible_to(self.request.user)),
                Prefetch("children", queryset=organizations),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization, user = self.object, self.request.user
        # Each row once without DISTINCT (EXISTS, not a join), so that the count beside it is
        # the count of the rows.
        attended = Attendance.objects.filter(meeting=OuterRef("pk"), organization=organization)
        on_behalf = Intervention.on_behalf_of.through.objects.filter(
            intervention=OuterRef("pk"), organization=organization
        )
        sections = {
            "meetings": Meeting.objects.visible_to(user)
            .filter(Exists(attended))
            .order_by("date", "pk"),
            "interventions": Intervention.objects.visible_to(user)
            .filter(Q(organization=organization) | Exists(on_behalf))
            .select_related("agenda_item__meeting", "organization", "speaker")
            .prefetch_related("on_behalf_of")
            .order_by("agenda_item__meeting__date", "agenda_item__number", "position", "pk"),
            "action_points": ActionPoint.objects.visible_to(user)
            .filter(owners=organization)
            .select_related("meeting", "agenda_item__meeting")
            .order_by("meeting__date", "position", "pk"),
            "documents": Document.objects.visible_to(user)
            .filter(organizations=organization)
            .select_related("meeting", "agenda_item__meeting")
            .order_by("title", "pk"),
        }
        # Each list grows with the record: each is paged on its own, `<list>_page=N`.
        for name, rows in sections.items():
            page_var = f"{name}_page"
            page = page_with_total(rows, self.request.GET.get(page_var))
            page.page_var = page_var
            context[name] = page
        # The rows as the meetings' partials write them (and the line's end their files end
        # with), in Python: meetings.record_html. (Not the interventions: record_html's misses
        # a line's end of its partial's, inside the article.)
        labels = record_html.labels()
        context["action_points_html"] = [
            as_partial(record_html.action_point(labels, row))
            for row in record_html.with_links(context["action_points"], "owners")
        ]
        context["documents_html"] = [
            as_partial(record_html.document(labels, row, with_source=True))
            for row in record_html.with_links(context["documents"], "organizations")
        ]
        context["structured_data"] = organization_script(organization, self.request)
        focal_point = context["focal_point"] = focal_point_of(organization)
        # Linked to their entry if the directory lists them (not if they asked to be left out).
        if focal_point is not None and focal_point.contact_visibility in LISTED:
            context["focal_point_url"] = directory_entry_url(focal_point)
        return context


def focal_point_of(organization):
    """The organisation's focal point among its people the reader may see (prefetched), or
    None: a focal point not seen is not shown."""
    for person in organization.people.all():
        if person.pk == organization.focal_point_id:
            return person
    return None


def directory_entry_url(person):
    """A person's entry: the directory, searched for their name (as the site's search links)."""
    return f"{reverse('directory:people')}?{urlencode({'q': person.name})}"


# The directory's columns, read as `values()` for its rows (directory.row_html.people_rows).
PERSON_COLUMNS = (
    "pk",
    "name",
    "position",
    "organization__name",
    "organization__slug",
    "organization__country__name",
)


class PeopleView(FilterView):
    """The participant directory; addresses only for those who may read them."""

    filterset_class = PeopleFilter
    template_name = "directory/people.html"
    paginate_by = 50

    def get_queryset(self):
        # The page reads its rows as columns (`paginate_queryset`, `_rows`): no instance, no
        # prefetch. The downloads read `people_with_addresses`.
        return self.listed_people()

    def listed_people(self):
        # By family name, unless the `sort` filter says.
        return Person.objects.visible_to(self.request.user).listed().order_by("sort_key", "pk")

    def people_with_addresses(self):
        """The people with their organisation and country, and `shown_emails`: only the
        addresses this user may read are fetched, so no other address ever reaches a download
        (the page reads them itself, `_rows`, the same way)."""
        emails = EmailAddress.objects.shown_to(self.request.user)
        return (
            self.listed_people()
            .select_related("organization__country")
            .prefetch_related(Prefetch("emails", queryset=emails, to_attr="shown_emails"))
        )

    def paginate_queryset(self, queryset, page_size):
        # (Counted before `values()` joins the organisation and its country to every row.)
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        # The page's people are found by their keys alone, then read: OFFSET over the whole row
        # joined every person skipped to their organisation and country (a middle page at a
        # thousand times the record: 240 ms on SQLite; the keys, from the directory's index,
        # 11 ms).
        first = (page.number - 1) * paginator.per_page
        keys = queryset.values("pk")[first : min(first + paginator.per_page, paginator.count)]
        page.object_list = list(queryset.filter(pk__in=keys).values(*PERSON_COLUMNS))
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_emails"] = self.request.user.is_authenticated
        people = context["object_list"]
        if people:
            context["people_rows"] = self._rows(people)
        active = self.filterset.active_filters()
        context["active_filters"] = [
            (label, value, self._query_without(name)) for name, label, value in active
        ]
        if active:
            kept = {"sort": self.request.GET["sort"]} if self.request.GET.get("sort") else {}
            context["clear_filters_url"] = self._url(urlencode(kept))
        context["nearest_names"] = self._nearest_names(context)
        return context

    def _rows(self, people):
        """The page's rows as HTML, with the meetings each attended and the addresses the
        reader may read: two queries at most, whatever the page."""
        user = self.request.user
        pks = [person["pk"] for person in people]
        attended = {}
        for person, title, slug, mode in (
            Attendance.objects.visible_to(user)
            .filter(person__in=pks)
            .order_by("meeting__date")
            .values_list("person", "meeting__title", "meeting__slug", "mode")
        ):
            attended.setdefault(person, []).append((title, slug, mode))
        emails = None
        if user.is_authenticated:
            emails = {}
            shown = EmailAddress.objects.shown_to(user).filter(person__in=pks)
            for person, address in shown.values_list("person", "address"):
                emails.setdefault(person, []).append(address)
        return people_rows(people, attended, emails)

    def _nearest_names(self, context):
        """On no result for a name, [(name, its search URL)] of the names most like it: one
        query, on that page alone."""
        filterset = self.filterset
        query = filterset.form.cleaned_data.get("q") if filterset.form.is_valid() else ""
        if context["object_list"] or not query or filterset.anonymous_email_terms:
            return []
        listed = Person.objects.visible_to(self.request.user).listed()
        found = names.nearest(query, listed.values_list("name", "search_name"))
        return [(name, self._url(urlencode({"q": name}))) for name in found]

    def _query_without(self, name):
        """This page's query string without filter `name` (and back to the first page)."""
        query = self.request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        return self._url(query.urlencode())

    def _url(self, query):
        return f"{self.request.path}?{query}" if query else self.request.path


def action_groups_visible_to(user):
    leads = Organization.objects.visible_to(user)
    return ActionGroup.objects.visible_to(user).prefetch_related(Prefetch("leads", queryset=leads))


class ActionGroupListView(ListView):
    template_name = "directory/action_group_list.html"

    def get_queryset(self):
        return action_groups_visible_to(self.request.user)


class ActionGroupDetailView(DetailView):
    template_name = "directory/action_group_detail.html"
    context_object_name = "group"

    def get_queryset(self):
        return action_groups_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = timeline.concerning(self.request.user, {"action_groups": self.object})
        context["page_obj"] = timeline.page_of(entries, self.request)
        context["timeline"] = timeline.by_meeting(context["page_obj"].object_list)
        return context
