"""Deleting a row that the record links to is refused, also where the link is many-to-many.

A foreign key says PROTECT, but a many-to-many link (an action point's owners, the countries a
document concerns) has no such option: Django would drop the link silently with the row. So the
rows linked this way are refused here, in the ORM (a `pre_delete` receiver raising
ProtectedError, as PROTECT does) and on the admin's confirmation page
(base.admin.mixins.LinkedRowsAdminMixin).
"""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.utils.text import capfirst


def many_to_many_links(model):
    """The portal's many-to-many relations that point at `model` (from the linking model)."""
    from base.portal_apps import portal_app_configs

    portal_apps = {config.label for config in portal_app_configs()}
    return [
        relation
        for relation in model._meta.related_objects
        if relation.many_to_many and relation.related_model._meta.app_label in portal_apps
    ]


def rows_linking_to(obj):
    """The rows that link to `obj` through a many-to-many field (one query per relation)."""
    return [
        row
        for relation in many_to_many_links(type(obj))
        for row in getattr(obj, relation.get_accessor_name()).all()
    ]


def describe(row):
    return f"{capfirst(row._meta.verbose_name)}: {row}"


def refuse_deleting_a_linked_row(sender, instance, **kwargs):
    linked = rows_linking_to(instance)
    if linked:
        links = "; ".join(map(describe, linked))
        raise ProtectedError(f"Cannot delete {instance}: the record links to it ({links}).", linked)


def protect_many_to_many_links():
    """Connect the receiver to each model the portal's many-to-many fields point at (only
    those: a receiver on every model would slow every other deletion)."""
    from base.portal_apps import portal_app_configs

    for config in portal_app_configs():
        for model in config.get_models():
            if many_to_many_links(model):
                pre_delete.connect(
                    refuse_deleting_a_linked_row,
                    sender=model,
                    dispatch_uid=f"protect-links-to-{model._meta.label}",
                )
