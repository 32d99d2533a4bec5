from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The public pages of who is who: organisations, the people in the record, the action
    groups, each with what the record says of it. Above `meetings`, so it can read the record."""

    name = "directory"
    verbose_name = _("Directory")
