from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentRoundsConfig(AppConfig):
    name = "comment_rounds"
    verbose_name = _("Comment rounds on draft records")
