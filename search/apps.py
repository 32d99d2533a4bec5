from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site-wide search: one page over the whole record, as far as the visitor may see it.
    Above `meetings` and the directory, so it can read every part of the record."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from partners.personal_data.erasure import person_erased

        from . import fts, vocabulary

        post_migrate.connect(fts.ensure_after_migrate, sender=self)
        person_erased.connect(fts.purge_erased_text, dispatch_uid="search-index-forgets-erased")
        person_erased.connect(
            vocabulary.forget_erased_words, dispatch_uid="search-vocabulary-forgets-erased"
        )
