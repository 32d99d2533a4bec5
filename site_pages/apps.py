from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitePagesConfig(AppConfig):
    """What the portal says about itself: about, contact, privacy, how to take part (pages the
    Secretariat edits), the contact form, and the sitemap."""

    name = "site_pages"
    verbose_name = _("About the portal")
