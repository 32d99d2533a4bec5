"""Mixins for the Secretariat's admin pages."""

from base.record.protection import describe, rows_linking_to

from .widgets import (
    SharedLabelsAutocompleteSelect,
    SharedLabelsAutocompleteSelectMultiple,
    SharedLabelsFormSet,
    label_pool,
)


class SelectRelatedAdminMixin:
    """Selects `list_select_related` in every query of the admin, not only the changelist's.

    A model whose __str__ names its relations needs them in the autocomplete's results and the
    change page's title too; and the changelist ignores `list_select_related` once the queryset
    selects anything, so they are selected here, once.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)


class SharedLabelsInlineMixin:
    """For an inline: autocomplete fields whose labels load once for the whole formset."""

    formset = SharedLabelsFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.label_pool = label_pool(request)
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            widget = SharedLabelsAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs.setdefault("widget", widget)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                SharedLabelsAutocompleteSelectMultiple(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class LinkedRowsAdminMixin:
    """For a model that many-to-many fields point at: the delete confirmation lists the rows that
    link to it as protected, and so refuses (base.record.protection refuses it in the ORM)."""

    def get_deleted_objects(self, objs, request):
        to_delete, counts, permissions, protected = super().get_deleted_objects(objs, request)
        linking = [describe(row) for obj in objs for row in rows_linking_to(obj)]
        return to_delete, counts, permissions, [*protected, *linking]
