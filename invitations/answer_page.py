"""The invitee's page, reached by their personal link (working without an account) or from their
own page (/me/): the meeting they are invited to, their answer, and the form to give or change it
while the meeting takes answers. Never kept by any cache; it shows the invitee's own invitation,
never another's."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from .access import link_refused
from .answer_form import AnswerForm
from .answering import AnswersRefused, invitation_answer
from .links import LINK_LIFETIME, LinkExpired, LinkInvalid, invitation_from_token
from .models import Invitation
from .rules import answers_refused, deadline_text

TEMPLATE = "invitations/answer.html"


@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def answer_page(request, token):
    rows = Invitation.objects.select_related("meeting", "person__organization", "organization")
    try:
        invitation = invitation_from_token(token, rows)
    except LinkExpired:
        context = {"link_days": LINK_LIFETIME.days}
        return render(request, "invitations/link_expired.html", context, status=410)
    except LinkInvalid:
        return render(request, "invitations/link_invalid.html", status=404)
    refused = link_refused(request.user, invitation)
    if refused:
        return render(request, "invitations/link_refused.html", {"message": refused}, status=403)
    closed = answers_refused(invitation.meeting)
    form = None
    if closed is None:
        data = request.POST if request.method == "POST" else None
        form = AnswerForm(data, invitation=invitation)
        if request.method == "POST" and form.is_valid():
            try:
                invitation_answer(invitation.pk, **form.cleaned_data)
            except AnswersRefused as refusal:
                closed, form = str(refusal), None
            else:
                messages.success(
                    request,
                    _("Saved. You may change your answer until %(deadline)s.")
                    % {"deadline": deadline_text(invitation.meeting)},
                )
                return redirect(request.path)
    elif request.method == "POST":
        closed = _("%(reason)s Your answer was not changed.") % {"reason": closed}
    context = {
        "invitation": invitation,
        "meeting": invitation.meeting,
        "date": invitation.meeting.when,
        "deadline": deadline_text(invitation.meeting),
        "closed": closed,
        "form": form,
    }
    return render(request, TEMPLATE, context)
