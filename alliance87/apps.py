from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, with the portal's site (alliance87.admin_site) as `admin.site`."""

    default_site = "alliance87.admin_site.PortalAdminSite"
