"""What the portal says about itself (its About, Contact, Privacy and How to take part pages,
written by the Secretariat in three languages) and the messages written to the Secretariat from
the contact form."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import PortalHistory


class PageKind(models.TextChoices):
    """The site's own pages; each kind has one page, at a fixed address."""

    ABOUT = "about", _("About the portal")
    CONTACT = "contact", _("Contact")
    PRIVACY = "privacy", _("Privacy")
    JOIN = "join", _("How to take part")


# The languages a page is written in, English first: French and Spanish fall back to it.
PAGE_LANGUAGES = ("en", "fr", "es")


class SitePage(models.Model):
    """One of the site's own pages: its title and text in English, and in French and Spanish
    where the Secretariat has written them."""

    kind = models.CharField(_("page"), max_length=20, choices=PageKind, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_en = models.TextField(
        _("text (English)"),
        blank=True,
        help_text=_("Plain text: a blank line between paragraphs. Links and HTML are not read."),
    )
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    body_fr = models.TextField(
        _("text (French)"), blank=True, help_text=_("Left empty, the English is shown.")
    )
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    body_es = models.TextField(
        _("text (Spanish)"), blank=True, help_text=_("Left empty, the English is shown.")
    )

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["kind"]
        verbose_name = _("page about the portal")
        verbose_name_plural = _("pages about the portal")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PageKind.values), name="site_pages_sitepage_kind_valid"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse(f"site_pages:{self.kind}")

    def in_language(self, field, language=None):
        """The title or body (`field`) in `language` (the active one by default), or in English
        where it has none."""
        code = (language or translation.get_language() or "en").split("-")[0]
        if code in PAGE_LANGUAGES:
            written = getattr(self, f"{field}_{code}")
            if written.strip():
                return written
        return getattr(self, f"{field}_en")

    @property
    def title(self):
        return self.in_language("title")

    @property
    def body(self):
        return self.in_language("body")


class ContactMessageQuerySet(models.QuerySet):
    def sent_since(self, moment, *, email=None, sender_key=None):
        """The messages received after `moment` from that address (any case) or that network
        address's key."""
        found = self.filter(received_at__gte=moment)
        if email is not None:
            return found.filter(email__iexact=email)
        return found.filter(sender_key=sender_key)


class ContactMessage(models.Model):
    """A message written to the Secretariat from the contact form, and its answer."""

    # Read in the admin alone: a visitor's message leaves the page cache as it was.
    shown_on_no_page = True

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    # A keyed one-way digest of the sender's network address (site_pages.contact.sender_key):
    # enough to limit the messages from one place, without keeping the address itself.
    sender_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    reply = models.TextField(
        _("reply"),
        blank=True,
        help_text=_("Sent to the writer's address by “Send the reply by e-mail”."),
    )
    replied_at = models.DateTimeField(_("reply sent at"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="contact_replies",
    )

    objects = ContactMessageQuerySet.as_manager()

    history = HistoricalRecords(bases=[PortalHistory], excluded_fields=["sender_key"])

    # What an officer's personal-data export shows of the replies they sent (the export reads
    # every model with a key to the account: partners.personal_data.export.account_models).
    PERSONAL_DATA = (
        "contact_replies",
        _("Replies sent to messages to the Secretariat"),
        [("subject", _("subject")), ("replied_at", _("reply sent at"))],
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("message to the Secretariat")
        verbose_name_plural = _("messages to the Secretariat")

    def __str__(self):
        return self.subject

    @classmethod
    def personal_data_rows(cls, user):
        """The replies the account sent, as its export shows them (PERSONAL_DATA): one query."""
        return list(
            cls.objects.filter(replied_by=user)
            .order_by("replied_at", "pk")
            .values("subject", "replied_at")
        )
