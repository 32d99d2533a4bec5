"""The draft record as a reviewer reads it: reached from their own page (signed in) or by their
personal link (working without an account). Never kept by any cache; never shown to anyone who
is not a reviewer of the round (comment_rounds.access)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from base.record.partial_dates import format_moment

from .access import link_refused, reviews_of
from .comment_forms import (
    COMMENT,
    CONFIRM,
    CORRECTION,
    INTERVENTION,
    ITEM,
    WHOLE,
    WITHDRAW,
    CommentForm,
    TargetForm,
)
from .commenting import CommentRefused, comment_made, comment_withdrawn, summary_confirmed
from .draft_record import draft_record
from .links import LINK_LIFETIME, LinkExpired, LinkInvalid, reviewer_from_token
from .models import Reviewer
from .rules import commenting_refused, deadline_text

TEMPLATE = "comment_rounds/round.html"


def _reviewers():
    return Reviewer.objects.select_related("round__meeting", "person")


@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def round_page(request, pk):
    """The round `pk`, to the signed-in reviewer of it (anyone else: not found)."""
    if not request.user.is_authenticated:
        raise Http404
    reviewer = get_object_or_404(_reviewers().filter(pk__in=reviews_of(request.user)), round=pk)
    return _page(request, reviewer)


@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def round_by_link(request, token):
    try:
        reviewer = reviewer_from_token(token, _reviewers())
    except LinkExpired:
        context = {"link_days": LINK_LIFETIME.days}
        return render(request, "comment_rounds/link_expired.html", context, status=410)
    except LinkInvalid:
        return render(request, "comment_rounds/link_invalid.html", status=404)
    refused = link_refused(request.user, reviewer)
    if refused:
        return render(request, "comment_rounds/link_refused.html", {"message": refused}, status=403)
    return _page(request, reviewer)


def _page(request, reviewer):
    comment_round = reviewer.round
    refused = commenting_refused(comment_round)
    bound, unsaved = None, None
    if request.method == "POST":
        if refused:
            unsaved = _unsaved(
                request.POST, _("%(reason)s Nothing was saved.") % {"reason": refused}
            )
        else:
            outcome = _posted(request, reviewer)
            if isinstance(outcome, str):
                return redirect(request.path + outcome)
            bound, unsaved = outcome
            refused = commenting_refused(comment_round)
    record = draft_record(reviewer)
    if refused is None and not _attach_forms(record, bound) and unsaved is None:
        # Posted for a place the page no longer has: what was typed is given back above.
        unsaved = _unsaved(request.POST, _not_saved(bound))
    context = {
        "reviewer": reviewer,
        "round": comment_round,
        "meeting": comment_round.meeting,
        "published": comment_round.meeting.is_published,
        "refused": refused,
        "deadline": deadline_text(comment_round),
        "closes_at": format_moment(comment_round.closes_at()),
        "unsaved": unsaved,
        "actions": {"confirm": CONFIRM, "withdraw": WITHDRAW},
        **record,
    }
    return render(request, TEMPLATE, context)


def _not_saved(form):
    errors = [str(error) for errors in form.errors.values() for error in errors]
    return " ".join(
        [
            _(
                "Your comment was not saved: the part of the record it was about is no longer "
                "in the draft."
            ),
            *errors,
        ]
    )


def _unsaved(data, message):
    """What the reviewer typed, given back with why it was not saved."""
    return {
        "message": message,
        "text": data.get("text", ""),
        "proposed_wording": data.get("proposed_wording", ""),
    }


def _posted(request, reviewer):
    """Acts on the POST: when done (a message says so), the anchor of the page to go back to;
    else (the bound comment form to show again, or None; what was not saved and why, or None)."""
    action = request.POST.get("action")
    if action in (CONFIRM, WITHDRAW):
        return _acted(request, reviewer)
    correction = action == CORRECTION
    target = request.POST.get("target")
    target = target if target in (WHOLE, ITEM, INTERVENTION) else WHOLE
    try:
        target_pk = int(request.POST.get("target_pk", ""))
    except ValueError:
        target_pk = None
    form = CommentForm(
        request.POST,
        target=target,
        target_pk=None if target == WHOLE else target_pk,
        correction=correction,
    )
    if not form.is_valid():
        return form, None
    try:
        comment_made(reviewer.pk, correction=correction, **_fields(form.cleaned_data))
    except CommentRefused as refusal:
        unsaved = _unsaved(request.POST, str(refusal))
        if target == WHOLE:
            return form, unsaved
        # Its place is gone: the comment goes back to the whole record's form, to send there.
        whole = CommentForm(
            initial={"target": WHOLE, "text": form.cleaned_data["text"], "action": COMMENT}
        )
        return whole, unsaved
    if correction:
        messages.success(request, _("Your correction was sent to the Secretariat."))
    else:
        messages.success(request, _("Your comment was sent to the Secretariat."))
    return _anchor(target, form.cleaned_data.get("target_pk"))


def _anchor(target, pk):
    return "#whole-record" if target == WHOLE else f"#{target}-{pk}"


def _fields(cleaned):
    return {
        "target": cleaned["target"],
        "target_pk": cleaned.get("target_pk"),
        "text": cleaned["text"],
        "proposed_wording": cleaned.get("proposed_wording", ""),
    }


def _acted(request, reviewer):
    form = TargetForm(request.POST)
    if not form.is_valid():
        return None, _unsaved({}, _("That button did not say what to act on: nothing was saved."))
    action, pk = form.cleaned_data["action"], form.cleaned_data["pk"]
    try:
        if action == CONFIRM:
            _confirmation, created = summary_confirmed(reviewer.pk, pk)
        else:
            comment_withdrawn(reviewer.pk, pk)
    except CommentRefused as refusal:
        return None, _unsaved({}, str(refusal))
    if action == WITHDRAW:
        messages.success(request, _("Your comment was withdrawn."))
        return ""
    if created:
        messages.success(request, _("Thank you: you confirmed the summary."))
    else:
        messages.info(request, _("You had confirmed this summary already."))
    return _anchor(INTERVENTION, pk)


def _attach_forms(record, bound):
    """A comment form for each place (the bound one, shown again, where it was posted); whether
    the bound one found its place (or there was none)."""
    placed = bound is None

    def form_for(target, pk=None, correction=False):
        nonlocal placed
        if bound is not None and _same_place(bound, target, pk, correction):
            placed = True
            return bound
        return CommentForm(target=target, target_pk=pk, correction=correction)

    record["whole_form"] = form_for(WHOLE)
    for item in record["items"]:
        item.form = form_for(ITEM, item.pk)
        for intervention in item.interventions.all():
            intervention.form = form_for(INTERVENTION, intervention.pk)
            if intervention.mine:
                intervention.correction_form = form_for(INTERVENTION, intervention.pk, True)
    return placed


def _same_place(form, target, pk, correction):
    initial = form.initial
    if target == WHOLE:
        return initial.get("target") == WHOLE and not form.correction
    return (
        initial.get("target") == target
        and initial.get("target_pk") == pk
        and form.correction == correction
    )
