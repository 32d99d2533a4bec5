"""The follows, for the Secretariat to see (never to add, edit or delete: they are the members'
own choices, made on the follow pages and stopped there or from a digest): listed by target, with
how many follow each target. As it changes nothing, it needs neither history nor locking: a plain
ModelAdmin (tests/admin_forms.changes_nothing)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Follow


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["target_shown", "user", "frequency", "language", "followed_at"]
    list_filter = ["target_kind", "frequency", "language"]
    list_select_related = ["user", "country", "action_group", "organization"]
    search_fields = ["country__name", "action_group__name", "organization__name", "user__username"]
    ordering = ["target_kind", "country__name", "action_group__name", "organization__name"]
    change_list_template = "admin/following/follow/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("follows"))
    def target_shown(self, obj):
        return obj.target_label

    def changelist_view(self, request, extra_context=None):
        """The list, with how many follow each target: one grouped query."""
        extra_context = {**(extra_context or {}), "per_target": _per_target()}
        return super().changelist_view(request, extra_context)


def _per_target():
    rows = (
        Follow.objects.values(
            "target_kind", "country__name", "action_group__name", "organization__name"
        )
        .annotate(followers=Count("pk"))
        .order_by("-followers", "target_kind")
    )
    return [
        {
            "target": row["country__name"]
            or row["action_group__name"]
            or row["organization__name"]
            or _("All meetings"),
            "followers": row["followers"],
        }
        for row in rows
    ]
