"""The portal's own apps, lowest layer first: imports nothing of the portal, so any
module may ask for them (base.apps imports the modules that do)."""

from pathlib import Path


def portal_app_configs():
    """The portal's own apps (those in this repository), lowest layer first."""
    from django.apps import apps
    from django.conf import settings

    return [
        config for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR
    ]
