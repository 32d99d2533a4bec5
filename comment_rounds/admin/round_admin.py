"""The Secretariat's comment rounds (issue 22): opening one on a draft meeting (the add form,
through comment_rounds.opening), its facts and its deadline (the change page), closing it by hand
and re-circulating it (round_changes_page), and resolving its comments (resolve_page)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from base.admin.model_admin import PortalModelAdmin
from base.record.partial_dates import format_moment
from base.web.html import format_html, format_html_join

from ..models import Comment, CommentRound, Reviewer
from ..opening import RoundRefused, close_round, open_round
from . import resolve_page, round_changes_page
from .email_action import send_round_emails_due
from .round_forms import RoundForm

REVIEWERS_LISTED = 50
ADD_FIELDS = ["meeting", "audience", "deadline", "shares_comments"]
FACTS = [
    "meeting",
    "audience",
    "shares_comments",
    "opened_at",
    "deadline",
    "state",
    "closed_at",
    "recirculated_at",
    "times_recirculated",
    "reviewers_shown",
    "comments_shown",
]


def _count(model, **filters):
    rows = model.objects.filter(round=models.OuterRef("pk"), **filters).order_by()
    counted = rows.values("round").annotate(count=models.Count("pk")).values("count")
    return Coalesce(models.Subquery(counted), 0)


def round_url(view, comment_round):
    return reverse(f"admin:comment_rounds_commentround_{view}", args=[comment_round.pk])


@admin.register(CommentRound)
class CommentRoundAdmin(PortalModelAdmin):
    form = RoundForm
    list_display = [
        "meeting",
        "audience",
        "opened_at",
        "deadline",
        "state",
        "times_recirculated",
        "reviewer_count",
        "comment_count",
        "unanswered_count",
    ]
    list_filter = ["audience"]
    search_fields = ["meeting__title"]
    actions = ["close_action", "recirculate_action", send_round_emails_due]
    change_form_template = "admin/comment_rounds/commentround/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("meeting")
            .annotate(
                reviewer_count=_count(Reviewer),
                comment_count=_count(Comment),
                unanswered_count=_count(Comment, resolution=""),
            )
        )

    # The page's fields: all on the add form; facts once open, the deadline editable while open.

    def get_fields(self, request, obj=None):
        return ADD_FIELDS if obj is None else FACTS

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [name for name in FACTS if not (name == "deadline" and obj.is_open())]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        opened = open_round(
            data["meeting"], data["audience"], data["deadline"], data["shares_comments"]
        )
        obj.pk = opened.pk
        obj.opened_at = opened.opened_at
        taking_part = opened.reviewers.count()
        self.message_user(
            request,
            ngettext(
                "The draft record of %(meeting)s is circulated for comments until %(deadline)s: "
                "%(count)d person takes part. Send the e-mail with their personal link with the "
                "list's action “Send the e-mails due to their reviewers”.",
                "The draft record of %(meeting)s is circulated for comments until %(deadline)s: "
                "%(count)d people take part. Send the e-mail with their personal links with the "
                "list's action “Send the e-mails due to their reviewers”.",
                taking_part,
            )
            % {
                "meeting": opened.meeting,
                "deadline": format_moment(opened.deadline),
                "count": taking_part,
            },
            messages.SUCCESS,
        )

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except RoundRefused as refused:
            # Another officer opened it between the form's check and the save.
            self.message_user(request, str(refused), messages.ERROR)
            return redirect(reverse("admin:comment_rounds_commentround_changelist"))

    # The facts ---------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj):
        if obj.is_open():
            return _("Open: comments are taken until %(deadline)s.") % {
                "deadline": format_moment(obj.deadline)
            }
        return _("Closed on %(closed)s.") % {"closed": format_moment(obj.closes_at())}

    @admin.display(description=gettext_lazy("people taking part"), ordering="reviewer_count")
    def reviewer_count(self, obj):
        return obj.reviewer_count

    @admin.display(description=gettext_lazy("comments"), ordering="comment_count")
    def comment_count(self, obj):
        return obj.comment_count

    @admin.display(description=gettext_lazy("not yet answered"), ordering="unanswered_count")
    def unanswered_count(self, obj):
        return obj.unanswered_count

    @admin.display(description=gettext_lazy("people taking part"))
    def reviewers_shown(self, obj):
        listed = list(obj.reviewers.select_related("person", "organization")[:REVIEWERS_LISTED])
        names = format_html_join(
            "",
            "<li>{}</li>",
            (
                (
                    f"{reviewer.person}, {reviewer.organization}"
                    if reviewer.organization_id
                    else str(reviewer.person),
                )
                for reviewer in listed
            ),
        )
        more = obj.reviewer_count - len(listed)
        tail = (
            format_html(
                "<p>{}</p>",
                ngettext("and %(count)d more", "and %(count)d more", more) % {"count": more},
            )
            if more > 0
            else ""
        )
        return format_html(
            "<p>{}</p><ul>{}</ul>{}",
            ngettext("%(count)d person", "%(count)d people", obj.reviewer_count)
            % {"count": obj.reviewer_count},
            names,
            tail,
        )

    @admin.display(description=gettext_lazy("comments"))
    def comments_shown(self, obj):
        return format_html(
            '{} <a href="{}">{}</a>',
            _("%(count)d received, %(unanswered)d not yet answered.")
            % {"count": obj.comment_count, "unanswered": obj.unanswered_count},
            round_url("resolve", obj),
            _("Resolve the comments"),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            may_change = self.has_change_permission(request, obj)
            is_open = obj.is_open()
            context["round_tools"] = [
                (round_url("resolve", obj), _("Resolve the comments")),
                *([(round_url("close", obj), _("Close now…"))] if may_change and is_open else []),
                *(
                    [(round_url("recirculate", obj), _("Re-circulate with a new deadline…"))]
                    if may_change and not is_open
                    else []
                ),
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The round's own pages ---------------------------------------------------------------------

    def get_urls(self):
        name = "comment_rounds_commentround"
        return [
            path(
                "for-meeting/<int:meeting_id>/",
                self.admin_site.admin_view(self.for_meeting_view),
                name=f"{name}_for_meeting",
            ),
            path(
                "<path:object_id>/close/",
                self.admin_site.admin_view(self.close_view),
                name=f"{name}_close",
            ),
            path(
                "<path:object_id>/recirculate/",
                self.admin_site.admin_view(self.recirculate_view),
                name=f"{name}_recirculate",
            ),
            path(
                "<path:object_id>/resolve/",
                self.admin_site.admin_view(self.resolve_view),
                name=f"{name}_resolve",
            ),
            *super().get_urls(),
        ]

    def for_meeting_view(self, request, meeting_id):
        """From the meeting's page: its round, or the form that opens one on it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        existing = CommentRound.objects.filter(meeting=meeting_id).first()
        if existing is not None:
            return redirect(round_url("change", existing))
        if not self.has_add_permission(request):
            raise PermissionDenied
        return redirect(reverse("admin:comment_rounds_commentround_add") + f"?meeting={meeting_id}")

    def close_view(self, request, object_id):
        return round_changes_page.close_page(self, request, object_id)

    def recirculate_view(self, request, object_id):
        return round_changes_page.recirculate_page(self, request, object_id)

    def resolve_view(self, request, object_id):
        return resolve_page.resolve_page(self, request, object_id)

    # The list's actions ------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Close the chosen rounds now"), permissions=["change"])
    def close_action(self, request, queryset):
        now = timezone.now()
        for comment_round in queryset.select_related("meeting"):
            try:
                close_round(comment_round, now)
            except RoundRefused as refused:
                self.message_user(request, f"{comment_round.meeting}: {refused}", messages.WARNING)
            else:
                self.message_user(
                    request,
                    _("%(meeting)s: the round is closed.") % {"meeting": comment_round.meeting},
                    messages.SUCCESS,
                )

    @admin.action(
        description=gettext_lazy("Re-circulate the chosen round with a new deadline…"),
        permissions=["change"],
    )
    def recirculate_action(self, request, queryset):
        chosen = list(queryset[:2])
        if len(chosen) != 1:
            self.message_user(
                request,
                _("Choose one round to re-circulate: each has its own deadline."),
                messages.WARNING,
            )
            return None
        return redirect(round_url("recirculate", chosen[0]))
