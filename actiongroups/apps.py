from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActiongroupsConfig(AppConfig):
    name = "actiongroups"
    verbose_name = _("Action groups")
