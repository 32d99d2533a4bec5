from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    """The Atom feeds of the public lists and timelines (Django's syndication framework)."""

    name = "feeds"
    verbose_name = _("Feeds")
