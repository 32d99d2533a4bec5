from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """What every other app builds on: partial dates, slugs, who sees what, the text filters,
    the admin's shared widgets, accounts and the record's management commands."""

    name = "base"
    verbose_name = _("Portal foundations")

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate
        from simple_history.signals import pre_create_historical_record

        from .accounts.account_admin import register_accounts
        from .accounts.roles import grant_the_secretariat_its_permissions
        from .accounts.sessions import stamp_the_session
        from .audit.admin_history import give_the_requests_reason
        from .audit.recently_deleted import keep_links_when_deleted
        from .record.kept_visibility import migrations_begin, migrations_done, watch_writes
        from .record.protection import protect_many_to_many_links
        from .web.page_cache import notice_record_writes

        register_accounts(admin.site)
        protect_many_to_many_links()
        keep_links_when_deleted()
        pre_create_historical_record.connect(
            give_the_requests_reason, dispatch_uid="history-reason-from-the-request"
        )
        post_migrate.connect(grant_the_secretariat_its_permissions, sender=self)
        connection_created.connect(notice_record_writes, dispatch_uid="record-writes-retire-pages")
        connection_created.connect(watch_writes, dispatch_uid="record-writes-keep-visibility")
        pre_migrate.connect(migrations_begin, sender=self)
        post_migrate.connect(migrations_done, sender=self)
        user_logged_in.connect(stamp_the_session, dispatch_uid="sessions-that-end")
