from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    """Following a country, an action group, an organisation or all meetings: what changed there,
    the daily or weekly e-mail of it, and its Atom feed."""

    name = "following"
    verbose_name = _("Following")
