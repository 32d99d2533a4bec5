"""Partner organisations, the people who speak for them, and the GCG's offices over time."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliance87.partial_dates import DatePrecision, format_partial_date, precision_check
from alliance87.slugs import SlugFromMixin


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERGOVERNMENTAL = "intergovernmental", _("UN and intergovernmental")
    WORKERS = "workers", _("Workers' organisation")
    EMPLOYERS = "employers", _("Employers' organisation and business")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    RESEARCH = "research", _("Research and academia")
    REGIONAL_BODY = "regional_body", _("Regional body")
    ALLIANCE = "alliance", _("Alliance 8.7 body")
    OTHER = "other", _("Other or not yet classified")


class OrganizationQuerySet(models.QuerySet):
    def with_people(self):
        return self.prefetch_related(
            models.Prefetch("people", queryset=Person.objects.order_by("name"))
        )


class Organization(SlugFromMixin, models.Model):
    """A partner organisation: a ministry, mission, UN agency, union, company or NGO."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind)
    country = models.ForeignKey(
        "pathfinders.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text=_("For a government body or a permanent mission."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("E.g. a permanent mission belongs to its government."),
    )

    objects = OrganizationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganizationKind.values),
                name="partners_organization_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="partners_organization_not_own_parent",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:organization_detail", kwargs={"slug": self.slug})

    @property
    def short_name(self):
        return self.acronym or self.name


class ContactVisibility(models.TextChoices):
    MEMBERS = "members", _("Signed-in members")
    SECRETARIAT = "secretariat", _("Secretariat only")
    HIDDEN = "hidden", _("Hidden from the directory")


class Person(SlugFromMixin, models.Model):
    """Someone who took part in the GCG's work, with the organisation they came for."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    contact_visibility = models.CharField(
        _("contact details shown to"),
        max_length=20,
        choices=ContactVisibility,
        default=ContactVisibility.MEMBERS,
        help_text=_("Set from what the person agreed to."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_visibility__in=ContactVisibility.values),
                name="partners_person_contact_visibility_valid",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="partners_person_name_given"),
        ]

    def __str__(self):
        return self.name


class EmailAddress(models.Model):
    """One of a person's e-mail addresses, exactly as the Secretariat received it."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="emails"
    )
    address = models.EmailField(_("address"), max_length=254)
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "position", "pk"]
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")
        constraints = [
            models.UniqueConstraint(Lower("address"), name="partners_emailaddress_unique_address"),
        ]

    def __str__(self):
        return self.address


class Office(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy Chair")


class OfficeTermQuerySet(models.QuerySet):
    def current(self):
        return self.filter(end_date__isnull=True).select_related("country", "person")


class OfficeTerm(models.Model):
    """A country holding one of the GCG's offices, from when to when as far as the record says."""

    office = models.CharField(_("office"), max_length=20, choices=Office)
    country = models.ForeignKey(
        "pathfinders.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="office_terms",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("represented by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_terms",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    start_precision = models.CharField(
        _("from: known to the"), max_length=20, choices=DatePrecision, blank=True
    )
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_precision = models.CharField(
        _("until: known to the"), max_length=20, choices=DatePrecision, blank=True
    )
    source_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("recorded at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_terms",
    )

    objects = OfficeTermQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "start_date", "pk"]
        verbose_name = _("office term")
        verbose_name_plural = _("office terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(office__in=Office.values),
                name="partners_officeterm_office_valid",
            ),
            precision_check("start_date", "start_precision"),
            precision_check("end_date", "end_precision"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="partners_officeterm_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_office_display()}: {self.country}"

    @property
    def start_display(self):
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def end_display(self):
        return format_partial_date(self.end_date, self.end_precision)
