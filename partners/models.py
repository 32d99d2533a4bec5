"""Partner organisations, the people who speak for them, and the countries and regional bodies
the record names."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import PortalHistory
from base.record.slugs import SlugFromMixin
from base.record.visibility import KeptVisibility, VisibleQuerySet

from . import geography, names
from .geography import Region


class CountryKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    REGIONAL_BODY = "regional_body", _("Regional body")


def validate_iso_code(value):
    if not geography.is_iso_code(value):
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 two-letter country code."),
            params={"value": value},
            code="invalid",
        )


# A website is linked from public pages: only the web's own schemes, never javascript:, data:,
# ftp: or a file.
WEB_SCHEMES = ["http", "https"]
validate_web_address = URLValidator(
    schemes=WEB_SCHEMES,
    code="not_a_web_address",  # not "invalid", which a form field words as "Enter a valid URL."
    message=_(
        "Enter a web address that starts with https:// or http://, e.g. https://www.ilo.org."
    ),
)


class WebAddressFormField(forms.URLField):
    default_validators = [validate_web_address]


class WebAddressField(models.URLField):
    """A URL field that accepts http(s) addresses only, in the model and in its forms (Django's
    URLField also takes ftp:// and answers a javascript: link with "Enter a valid URL")."""

    default_validators = [validate_web_address]

    def formfield(self, **kwargs):
        # Typed without a scheme ("www.ilo.org"), an address is taken as https.
        return super().formfield(
            **{"form_class": WebAddressFormField, "assume_scheme": "https", **kwargs}
        )


class Country(SlugFromMixin, KeptVisibility):
    """A country, or a regional body such as the African Union, as the GCG's record names it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CountryKind, default=CountryKind.COUNTRY
    )
    iso_code = models.CharField(
        _("ISO 3166-1 code"),
        max_length=2,
        blank=True,
        validators=[validate_iso_code],
        help_text=_(
            "Two letters, e.g. FR. Left empty, it is found from the name. A regional body has none."
        ),
    )
    region = models.CharField(
        _("region (UN M49)"),
        max_length=30,
        choices=Region,
        blank=True,
        help_text=_("A country's follows from its ISO code; set it only for a regional body."),
    )

    objects = VisibleQuerySet.as_manager()

    # The tables keep the names they had when countries belonged to the pathfinders app.
    history = HistoricalRecords(
        bases=[PortalHistory],
        excluded_fields=["visible_to_visitors"],
        table_name="pathfinders_historicalcountry",
    )

    class Meta:
        db_table = "pathfinders_country"
        ordering = ["name"]
        verbose_name = _("country or regional body")
        verbose_name_plural = _("countries and regional bodies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CountryKind.values),
                name="pathfinders_country_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(region__in=[*Region.values, ""]),
                name="partners_country_region_m49",
            ),
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~models.Q(iso_code=""),
                name="partners_country_iso_code_unique",
                violation_error_message=_("Another country already has this ISO 3166-1 code."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind=CountryKind.COUNTRY) | models.Q(iso_code=""),
                name="partners_country_regional_body_has_no_iso_code",
                violation_error_message=_("A regional body has no ISO 3166-1 code."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pathfinders:country_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.iso_code = self.iso_code.strip().upper()
        if self.kind == CountryKind.REGIONAL_BODY and self.iso_code:
            raise ValidationError({"iso_code": _("A regional body has no ISO 3166-1 code.")})
        if self.kind == CountryKind.COUNTRY:
            self.derive_code_and_region()
            if not self.iso_code:
                raise ValidationError(
                    {
                        "iso_code": _(
                            "ISO 3166-1 names no country “%(name)s”: enter its two-letter code."
                        )
                        % {"name": self.name}
                    }
                )

    def derive_code_and_region(self):
        """A country's code from its name when it has none, and its region from its code; a
        regional body keeps the region the Secretariat gave it (M49 classifies countries)."""
        if self.kind != CountryKind.COUNTRY:
            return
        if not self.iso_code:
            self.iso_code = geography.iso_code_for(self.name)
        self.region = geography.region_of(self.iso_code)


@receiver(models.signals.pre_save, sender=Country)
def derive_code_and_region(sender, instance, **kwargs):
    # On every save, also the raw ones of `load_record` and `restore`, which skip Country.save().
    instance.derive_code_and_region()


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


DESCRIPTION_MAX_LENGTH = 500


class Organization(SlugFromMixin, KeptVisibility):
    """A partner organisation: a ministry, mission, UN agency, union, company or NGO."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    # Kept from the name on every save, for the directory's search (partners.names).
    search_name = models.CharField(max_length=400, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind)
    country = models.ForeignKey(
        Country,
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
    website = WebAddressField(
        _("website"),
        max_length=300,
        blank=True,
        help_text=_("Its own site, starting with https:// or http://."),
    )
    description = models.TextField(
        _("short description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
        help_text=_("Plain text, at most 500 characters: what the organisation is and does."),
    )
    focal_point = models.ForeignKey(
        "Person",
        verbose_name=_("focal point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="focal_point_of",
        help_text=_("One of the organisation's people in the record."),
    )

    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory], excluded_fields=["visible_to_visitors"])

    # The focal point is shown only when its person is seen anyway: naming someone focal point
    # does not make them seen (base.record.visibility), nor would it let people's and
    # organisations' visibility depend on each other in a cycle.
    keys_not_followed_by_visibility = ("focal_point",)

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
            models.CheckConstraint(
                condition=models.Q(website="")
                | models.Q(website__istartswith="http://")
                | models.Q(website__istartswith="https://"),
                name="partners_organization_website_http",
                violation_error_message=_("A website starts with https:// or http://."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:organization_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.focal_point_id is not None and (
            self.pk is None or self.focal_point.organization_id != self.pk
        ):
            raise ValidationError(
                {
                    "focal_point": _(
                        "The focal point must be one of this organisation's people: add "
                        "%(name)s to it first, or choose someone who is."
                    )
                    % {"name": self.focal_point.name}
                }
            )

    @property
    def short_name(self):
        return self.acronym or self.name


class ContactVisibility(models.TextChoices):
    MEMBERS = "members", _("Signed-in members")
    SECRETARIAT = "secretariat", _("Secretariat only")
    HIDDEN = "hidden", _("Hidden from the directory")


LISTED = [ContactVisibility.MEMBERS, ContactVisibility.SECRETARIAT]


class PersonQuerySet(VisibleQuerySet):
    def listed(self):
        """People listed in the directory: all but those who asked to be left out."""
        return self.filter(contact_visibility__in=LISTED)


class Person(SlugFromMixin, KeptVisibility):
    """Someone who took part in the GCG's work, with the organisation they came for."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_(
            "How the directory sorts this person by family name, e.g. “Guzmán Graciela”. "
            "Left empty, it is the name with its last word first."
        ),
    )
    # Kept from the name and the sort name on every save (partners.names).
    search_name = models.CharField(max_length=400, blank=True, editable=False)
    sort_key = models.CharField(max_length=200, blank=True, editable=False)
    position = models.CharField(_("position"), max_length=200, blank=True)
    contact_visibility = models.CharField(
        _("contact details shown to"),
        max_length=20,
        choices=ContactVisibility,
        default=ContactVisibility.MEMBERS,
        help_text=_("Set from what the person agreed to."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("The member's account: signed in, they see their own page (“My page”)."),
    )
    # Set when the person was erased on request (partners.erasure): the row stays, named by
    # their role and organisation, so the meeting record still reads.
    erased_at = models.DateTimeField(_("erased on request at"), null=True, editable=False)

    objects = PersonQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory], excluded_fields=["visible_to_visitors"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # The Secretariat's, with every permission on the portal's models (base.accounts.roles).
        permissions = [
            ("export_personal_data", _("Can export everything held about a person")),
            ("erase_person", _("Can erase a person on request")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_visibility__in=ContactVisibility.values),
                name="partners_person_contact_visibility_valid",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="partners_person_name_given"),
        ]
        # The directory's order: a page deep in it is read from the index, not sorted from all.
        indexes = [
            # With the columns a visitor's directory filters on, so that the keys of a page
            # deep in it are read from the index alone (directory.views.PeopleView).
            models.Index(
                fields=["sort_key", "id", "visible_to_visitors", "contact_visibility"],
                name="partners_person_directory",
            ),
            # A member's own person (/me/). The one-to-one's unique index holds every person,
            # nearly all without an account: SQLite's statistics (ANALYZE) then count ~every row
            # under one key and it plans a scan (45 ms at a thousand times the record); this one
            # holds only the people with an account.
            models.Index(
                fields=["user"], condition=models.Q(user__isnull=False), name="person_of_an_account"
            ),
        ]

    def __str__(self):
        return self.name

    def derive_names(self):
        """Fill the sort name when empty, and the search and sort keys, from the name."""
        if not self.sort_name.strip():
            self.sort_name = names.default_sort_name(self.name)
        self.search_name = names.search_name(self.name)
        self.sort_key = names.sort_key(self.sort_name)


@receiver(models.signals.pre_save, sender=Person)
def derive_person_names(sender, instance, **kwargs):
    # Also on the raw saves of `load_record` and `restore`; bulk_create calls derive_names itself.
    instance.derive_names()


@receiver(models.signals.pre_save, sender=Organization)
def derive_organization_search_name(sender, instance, **kwargs):
    instance.search_name = names.search_name(instance.name)


class EmailAddressQuerySet(models.QuerySet):
    def shown_to(self, user):
        """The addresses `user` may read: none for an anonymous visitor; for a member, those of
        people who agreed to members seeing them; for staff, also the Secretariat-only ones."""
        if not user.is_authenticated:
            return self.none()
        shown = [ContactVisibility.MEMBERS]
        if user.is_staff:
            shown.append(ContactVisibility.SECRETARIAT)
        return self.filter(person__contact_visibility__in=shown)


class EmailAddress(models.Model):
    """One of a person's e-mail addresses, exactly as the Secretariat received it."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="emails"
    )
    address = models.EmailField(_("address"), max_length=254)
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    objects = EmailAddressQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["person", "position", "pk"]
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")
        constraints = [
            models.UniqueConstraint(Lower("address"), name="partners_emailaddress_unique_address"),
        ]

    def __str__(self):
        return self.address
