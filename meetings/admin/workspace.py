"""What the admin pages holding the meeting workspace's inlines share (the meeting's page, and an
agenda item's own): rows opened one at a time, deletions checked for the whole page and made
last, and the workspace's own scripts instead of nested_admin's."""

import nested_admin.nested
from django.contrib.admin.helpers import InlineAdminForm
from django.forms import Media
from django.http import QueryDict

from .workspace_deletions import check_deletions, delete_ahead, delete_deferred
from .workspace_rows import WorkspaceRowsAdminMixin

# nested_admin's scripts drive its own templates; the workspace draws its rows itself.
NOT_LOADED = ("nested_admin/",)


class WorkspaceInlineAdminFormSet(nested_admin.nested.NestedInlineAdminFormset):
    """The admin's wrapper of a workspace formset. Its rows are drawn by the workspace's
    templates (meetings.templatetags.workspace.Rows); what else goes through them, the admin's
    script of prepopulated fields, looks at new rows only: a saved row's form need not be made
    for it (a long meeting has hundreds)."""

    def __iter__(self):
        formset = self.formset
        news = range(formset.initial_form_count(), formset.total_form_count())
        for index in news:
            yield self._new_row(formset.forms[index])
        if self.has_add_permission:
            yield self._new_row(formset.empty_form)

    def _new_row(self, form):
        return InlineAdminForm(
            self.formset,
            form,
            self.fieldsets,
            self.prepopulated_fields,
            None,
            self.readonly_fields,
            model_admin=self.opts,
        )

    @property
    def media(self):
        """The inline's media and its form's, with its nested inlines': nested_admin's goes
        through every row's form (and every row nested in it) for the same files."""
        media = self.opts.media + self.formset.media
        nested = zip(
            getattr(self.formset, "nested_formsets", []),
            getattr(self.formset, "nested_inlines", []),
            strict=True,
        )
        for formset, inline in nested:
            media += inline.media + formset.media
        return media


class WorkspaceAdminMixin(WorkspaceRowsAdminMixin):
    inline_admin_formset_helper_cls = WorkspaceInlineAdminFormSet

    def _create_formsets(self, request, obj, change):
        if request.method == "POST":
            request.POST = SharedPostCopy.of(request.POST)
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        if request.method == "POST":
            check_deletions(formsets)
        return formsets, inline_instances

    def save_related(self, request, form, formsets, change):
        delete_ahead(formsets)
        super().save_related(request, form, formsets, change)
        delete_deferred(formsets)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["media"] = without_nested_admin(context["media"])
        context["workspace_index"] = workspace_index(context.get("inline_admin_formsets", []))
        # By keyword: nested_admin's render_change_form() takes `obj` third.
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )


class SharedPostCopy(QueryDict):
    """A POST's mutable copy, which copying gives back as it is.

    nested_admin gives each nested formset a copy of the whole POST (`request.POST.copy()`), to
    write in: ninety copies of some 2,000 values for a long meeting, most of a save's time. Each
    formset writes under its own prefix only, so one copy serves them all."""

    @classmethod
    def of(cls, post):
        shared = cls(mutable=True)
        for key, values in post.lists():
            shared.setlist(key, values)
        return shared

    def copy(self):
        return self


def workspace_index(inline_admin_formsets):
    """The page's sections, for its index: [(anchor, heading, [(count, rows' name)])], the
    rows nested in a section's rows (an agenda item's interventions) counted with it."""
    index = []
    for inline_admin_formset in inline_admin_formsets:
        formset = inline_admin_formset.formset
        opts = inline_admin_formset.opts
        counts = {opts.verbose_name_plural: formset.initial_form_count()}
        nested_names = {}
        # Only the forms of rows with nested rows (agenda items) need be made.
        for form in formset.forms if getattr(opts, "inlines", None) else []:
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
