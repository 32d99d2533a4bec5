"""The page where the Secretariat resolves a round's comments: in the record's order
(resolve_rows), each with its author, its text, its proposed wording beside the record's current
one, and a form to answer it (accepted, partly accepted, declined; a reply its author reads) or to
apply its wording (comment_rounds.resolving). Fifty comments a page, in the same queries
whatever their number."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import COMMENT_MAX_LENGTH, Comment, Resolution
from ..resolving import AnswerRefused, WordingRefused, apply_wording, resolve, wording_refused
from ..speaker_answers import LABELS, statuses
from .resolve_rows import comments_in_record_order, grouped

TEMPLATE = "admin/comment_rounds/commentround/resolve.html"
PER_PAGE = 50
APPLY = "apply"
METHODS = ["GET", "HEAD", "POST"]


class AnswerForm(forms.Form):
    resolution = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=Resolution.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reply = forms.CharField(
        label=gettext_lazy("Reply to the commenter"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy("Its author reads it, with your answer."),
    )

    def clean(self):
        cleaned = super().clean()
        if not self.data.get(APPLY) and not cleaned.get("resolution"):
            self.add_error(
                "resolution", _("Choose an answer: accepted, partly accepted or declined.")
            )
        return cleaned


@dataclass
class Row:
    comment: Comment
    form: AnswerForm
    may_apply: bool
    refusal: str = ""
    current: str | None = None
    original: str | None = None


def _initial(comment):
    return {"resolution": comment.resolution, "reply": comment.reply}


def resolve_page(model_admin, request, object_id):
    if request.method not in METHODS:
        return HttpResponseNotAllowed(METHODS)
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    comment_round = model_admin.get_object(request, unquote(object_id))
    if comment_round is None:
        raise Http404
    may_answer = model_admin.has_change_permission(request, comment_round)
    page_number = request.GET.get("page")
    posted = None  # (the comment's pk, its bound form, what was refused)
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied
        answered = _answer(request, comment_round)
        if answered is None:
            return redirect(_page_url(comment_round, page_number, request.POST.get("comment")))
        posted = answered

    paginator = Paginator(comments_in_record_order(comment_round), PER_PAGE)
    page = paginator.get_page(page_number)
    comments = list(page.object_list)
    interventions = [c.intervention_id for c in comments if c.intervention_id is not None]
    answers = statuses(comment_round, sorted(set(interventions)))
    rows = [_row(comment, posted, may_answer) for comment in comments]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": comment_round,
        "title": _("Resolve the comments on the draft record of %(meeting)s")
        % {"meeting": comment_round.meeting},
        "groups": grouped(rows, answers, LABELS),
        "page": page,
        "paginator": paginator,
        "may_answer": may_answer,
        "apply": APPLY,
        "change_url": reverse("admin:comment_rounds_commentround_change", args=[comment_round.pk]),
        "page_url": _page_url(comment_round, page.number),
    }
    return TemplateResponse(request, TEMPLATE, context)


def _row(comment, posted, may_answer):
    refusal = wording_refused(comment)
    row = Row(comment, AnswerForm(initial=_initial(comment)), may_apply=may_answer and not refusal)
    if posted is not None and posted[0] == comment.pk:
        row.form, refused = posted[1], posted[2]
        if refused is not None:
            row.refusal = str(refused)
            row.current = getattr(refused, "current", None)
            row.original = getattr(refused, "original", None)
    return row


def _answer(request, comment_round):
    """Saves the answer posted, and applies the wording if asked: None when done (with a
    message), else (comment pk, the bound form, the refusal or None) to show again."""
    pk = request.POST.get("comment", "")
    comment = None
    if pk.isascii() and pk.isdigit() and len(pk) < 19:
        comment = (
            Comment.objects.filter(round=comment_round, pk=int(pk))
            .select_related("reviewer__person")
            .first()
        )
    if comment is None:
        messages.error(request, _("That comment is not one of this round's: nothing was saved."))
        return None
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return comment.pk, form, None
    reply = form.cleaned_data["reply"]
    try:
        if APPLY in request.POST:
            comment = apply_wording(comment)
            if reply:
                resolve(comment, Resolution.ACCEPTED, reply)
            messages.success(
                request,
                _("Comment #%(number)d accepted, and its wording applied to the record.")
                % {"number": comment.pk},
            )
        else:
            resolve(comment, form.cleaned_data["resolution"], reply)
            messages.success(request, _("Comment #%(number)d answered.") % {"number": comment.pk})
    except (WordingRefused, AnswerRefused) as refused:
        return comment.pk, form, refused
    return None


def _page_url(comment_round, page_number=None, comment=None):
    url = reverse("admin:comment_rounds_commentround_resolve", args=[comment_round.pk])
    number = str(page_number or "")
    if number.isascii() and number.isdigit() and len(number) < 10:
        url += f"?page={number}"
    if comment and comment.isascii() and comment.isdigit() and len(comment) < 19:
        url += f"#comment-{comment}"
    return url
