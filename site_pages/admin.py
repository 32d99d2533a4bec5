from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.admin.model_admin import PortalModelAdmin

from .contact import contact_message_reply
from .models import ContactMessage, SitePage

SEND = "_send_reply"


@admin.register(SitePage)
class SitePageAdmin(PortalModelAdmin):
    list_display = ["kind", "title_en"]
    fieldsets = [
        (None, {"fields": ["kind"]}),
        (_("English"), {"fields": ["title_en", "body_en"]}),
        (_("French"), {"fields": ["title_fr", "body_fr"]}),
        (_("Spanish"), {"fields": ["title_es", "body_es"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Each kind is one page at a fixed address: a page changes its text, never its kind.
        return ["kind"] if obj is not None else []


def send_reply(model_admin, request, message):
    """Sends `message`'s reply and says so; if the mail server refuses it, says that instead
    (the reply stays saved, to be sent again)."""
    if not message.reply.strip():
        model_admin.message_user(
            request,
            gettext("“%(subject)s”: write a reply before sending it.") % {"subject": message},
            messages.WARNING,
        )
        return
    try:
        contact_message_reply(message, request.user)
    except Exception as error:  # whatever the mail server answered: the officer must know
        model_admin.message_user(
            request,
            gettext(
                "The reply to “%(subject)s” was saved but not sent (%(error)s): try again later."
            )
            % {"subject": message, "error": error.__class__.__name__},
            messages.ERROR,
        )
        return
    model_admin.message_user(
        request,
        gettext("The reply to “%(subject)s” was sent to its writer.") % {"subject": message},
        messages.SUCCESS,
    )


@admin.register(ContactMessage)
class ContactMessageAdmin(PortalModelAdmin):
    """The messages from the contact form: read, answered (the reply sent by e-mail from here),
    never written here."""

    list_display = ["subject", "name", "received_at", "replied_at", "replied_by"]
    list_filter = [("replied_at", admin.EmptyFieldListFilter)]
    list_select_related = ["replied_by"]
    search_fields = ["subject", "name", "email", "message"]
    date_hierarchy = "received_at"
    readonly_fields = [
        "name",
        "email",
        "subject",
        "message",
        "language",
        "received_at",
        "replied_at",
        "replied_by",
    ]
    fields = [*readonly_fields[:6], "reply", "replied_at", "replied_by"]
    actions = ["send_replies"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        sent = obj is not None and obj.replied_at is not None
        return [*self.readonly_fields, "reply"] if sent else self.readonly_fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if SEND in request.POST and obj.replied_at is None:
            send_reply(self, request, obj)

    @admin.action(description=_("Send the reply by e-mail"), permissions=["change"])
    def send_replies(self, request, queryset):
        for message in queryset.filter(replied_at__isnull=True).select_related("replied_by"):
            send_reply(self, request, message)
