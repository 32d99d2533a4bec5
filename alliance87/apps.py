from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, with the portal's site (alliance87.admin_site) as `admin.site`."""

    default_site = "alliance87.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    """The site as a whole, above every app: commands that need them all (generate_scale_data)."""

    name = "alliance87"
