"""What reviewers wrote, for the Secretariat to read: never to write.

A comment is its author's words: the Secretariat answers it on its round's resolve page, and may
not write, change or remove one under a reviewer's name here. The reviewers are listed on their
round's page (added by opening or re-circulating it, comment_rounds.reviewers), the speakers'
confirmations on its resolve page; the e-mails sent to them are bookkeeping of the sending, as
the invitations' are."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from base.admin.model_admin import PortalModelAdmin

from ..models import Comment, CommentRound


class RoundFilter(admin.SimpleListFilter):
    """By round, each named by its meeting: the rounds and their meetings in one query."""

    title = _("comment round")
    parameter_name = "round__id__exact"
    path = "round"

    def lookups(self, request, model_admin):
        rounds = CommentRound.objects.select_related("meeting").order_by("-opened_at", "pk")
        return [(str(comment_round.pk), str(comment_round.meeting)) for comment_round in rounds]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isascii() and value.isdigit() and len(value) < 19:
            return queryset.filter(**{self.path: int(value)})
        return queryset


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdminMixin, PortalModelAdmin):
    list_display = ["short_text", "reviewer", "place", "made_at", "resolution", "round"]
    list_filter = [RoundFilter, "resolution"]
    search_fields = ["text", "reviewer__person__name"]
    list_select_related = ["reviewer__person", "round__meeting"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                *self.list_select_related, "agenda_item__meeting", "intervention__organization"
            )
        )

    @admin.display(description=Comment._meta.get_field("text").verbose_name)
    def short_text(self, obj):
        return obj.text[:100]
