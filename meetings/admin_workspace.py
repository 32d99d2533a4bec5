"""What the admin pages holding the meeting workspace's inlines share (the meeting's page, and an
agenda item's own): rows opened one at a time, deletions checked for the whole page and made
last, and the workspace's own scripts instead of nested_admin's."""

from django.forms import Media

from .workspace_deletions import check_deletions, delete_deferred
from .workspace_rows import WorkspaceRowsAdminMixin

# nested_admin's scripts drive its own templates; the workspace draws its rows itself.
NOT_LOADED = ("nested_admin/",)


class WorkspaceAdminMixin(WorkspaceRowsAdminMixin):
    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        if request.method == "POST":
            check_deletions(formsets)
        return formsets, inline_instances

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        delete_deferred(formsets)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["media"] = without_nested_admin(context["media"])
        context["workspace_index"] = workspace_index(context.get("inline_admin_formsets", []))
        # By keyword: nested_admin's render_change_form() takes `obj` third.
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )


def workspace_index(inline_admin_formsets):
    """The page's sections, for its index: [(anchor, heading, [(count, rows' name)])], the
    rows nested in a section's rows (an agenda item's interventions) counted with it."""
    index = []
    for inline_admin_formset in inline_admin_formsets:
        formset = inline_admin_formset.formset
        opts = inline_admin_formset.opts
        counts = {opts.verbose_name_plural: formset.initial_form_count()}
        nested_names = {}
        for form in formset.forms:
            for nested in getattr(form, "nested_formsets", []):
                name = nested.model._meta.verbose_name_plural
                nested_names[name] = nested_names.get(name, 0) + nested.initial_form_count()
        counts.update(nested_names)
        index.append(
            (
                f"{formset.prefix}-group",
                opts.verbose_name_plural,
                [(count, name) for name, count in counts.items()],
            )
        )
    return index


def without_nested_admin(media):
    return Media(
        css={
            medium: [path for path in paths if not str(path).startswith(NOT_LOADED)]
            for medium, paths in media._css.items()
        },
        js=[path for path in media._js if not str(path).startswith(NOT_LOADED)],
    )
