"""The person's admin page gains "Personal data" (the export, as a page and as JSON) and
"Erase on request…" (a confirmation, then the erasure): for the holders of
`partners.export_personal_data` and `partners.erase_person`, which the Secretariat has with every
permission on the portal's models (base.accounts.roles); a superuser has them too."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .erasure import AlreadyErased, erasure_preview, person_erase
from .export import as_json, for_export, personal_data

ALREADY_ERASED = gettext_lazy("This person was already erased: there is nothing more to do.")
EXPORT_PERMISSION = "partners.export_personal_data"
ERASE_PERMISSION = "partners.erase_person"


class ErasureConfirmation(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I confirm that this person asked to be erased, and that this cannot be undone."
        ),
        required=True,
    )


class PersonalDataAdminMixin:
    """For the person's ModelAdmin: the export's and the erasure's pages and their links."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/personal-data/",
                self.admin_site.admin_view(self.personal_data_view),
                name=f"{name}_personal_data",
            ),
            path(
                "<path:object_id>/personal-data.json",
                self.admin_site.admin_view(self.personal_data_json_view),
                name=f"{name}_personal_data_json",
            ),
            path(
                "<path:object_id>/erase/",
                self.admin_site.admin_view(self.erase_view),
                name=f"{name}_erase",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            tools = []
            if request.user.has_perm(EXPORT_PERMISSION):
                tools.append({"url": self._url("personal_data", obj), "label": _("Personal data")})
            if request.user.has_perm(ERASE_PERMISSION) and obj.erased_at is None:
                tools.append({"url": self._url("erase", obj), "label": _("Erase on request…")})
            context["extra_object_tools"] = [*context.get("extra_object_tools", []), *tools]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _url(self, view, obj):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )

    def _person(self, request, object_id, permission, queryset=None):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        queryset = queryset if queryset is not None else self.model._default_manager.all()
        person = queryset.filter(pk=_pk(object_id)).first()
        if person is None:
            raise Http404
        return person

    def personal_data_view(self, request, object_id):
        person = self._person(
            request, object_id, EXPORT_PERMISSION, for_export(self.model._default_manager)
        )
        facts, sections = personal_data(person)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Everything held about %(person)s") % {"person": person.name},
            "opts": self.opts,
            "original": person,
            "facts": facts,
            "sections": sections,
            "json_url": self._url("personal_data_json", person),
        }
        return TemplateResponse(request, "admin/partners/person/personal_data.html", context)

    def personal_data_json_view(self, request, object_id):
        person = self._person(
            request, object_id, EXPORT_PERMISSION, for_export(self.model._default_manager)
        )
        response = JsonResponse(as_json(*personal_data(person)), json_dumps_params={"indent": 1})
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    def erase_view(self, request, object_id):
        person = self._person(request, object_id, ERASE_PERMISSION)
        change_url = self._url("change", person)
        if person.erased_at is not None:
            messages.info(request, ALREADY_ERASED)
            return redirect(change_url)
        form = ErasureConfirmation(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                erased = person_erase(person.pk, request.user)
            except AlreadyErased:
                messages.info(request, ALREADY_ERASED)
            else:
                messages.success(
                    request,
                    _("Erased on request: the record now names them “%(name)s”.")
                    % {"name": erased.name},
                )
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase %(person)s on request") % {"person": person.name},
            "opts": self.opts,
            "original": person,
            "preview": erasure_preview(person),
            "form": form,
            "cancel_url": change_url,
        }
        return TemplateResponse(request, "admin/partners/person/erase.html", context)


def _pk(object_id):
    try:
        return int(unquote(object_id))
    except ValueError:
        raise Http404 from None
