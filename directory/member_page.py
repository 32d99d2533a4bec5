"""A member's own page (/me/): the meetings they attended, what they said, their organisation's
open follow-ups, their contact details with who may see them, which they set themselves, their
invitations with their answers, the draft records circulated to them for comments, and the
optional e-mails they receive.

Their own entry and addresses are theirs to see; the record around them (meetings, what was said,
follow-ups) follows the drafts rule like every other page.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from comment_rounds.access import reviews_of
from comment_rounds.rules import commenting_refused, deadline_text
from invitations.access import invitations_of
from invitations.links import make_token
from invitations.preferences import preferences_form
from invitations.rules import answers_refused
from meetings import record_html
from meetings.models import ActionPoint, ActionPointStatus, Attendance, Intervention
from partners.models import ContactVisibility, Person

from .row_html import as_partial

# The latest rows of each list: a page that does not grow with the record.
ROWS_SHOWN = 50
ROUNDS_SHOWN = 10
STILL_OPEN = [ActionPointStatus.OPEN, ActionPointStatus.IN_PROGRESS]
# Kept with the new version in the person's history (at most 100 characters).
CHANGE_REASON = "Changed by the member on their own page"
SAVED = {
    ContactVisibility.MEMBERS: _(
        "Saved: signed-in members may now see your e-mail addresses in the directory."
    ),
    ContactVisibility.HIDDEN: _(
        "Saved: you are now left out of the directory, and nobody sees your e-mail addresses."
    ),
}


class ContactVisibilityForm(forms.Form):
    """Who may see the member's addresses: the two choices the member has. "Secretariat only" is
    the Secretariat's to set (from what the person agreed to), shown to the member but not offered.
    `seen` is the value the page showed, so a change made meanwhile (another tab, the Secretariat)
    is not silently overwritten."""

    contact_visibility = forms.ChoiceField(
        label=_("Who may see your e-mail addresses"),
        choices=[
            (ContactVisibility.MEMBERS, _("Signed-in members, in the directory")),
            (
                ContactVisibility.HIDDEN,
                _("Nobody: you are left out of the directory, name and addresses"),
            ),
        ],
        widget=forms.RadioSelect,
    )
    seen = forms.ChoiceField(choices=ContactVisibility.choices, widget=forms.HiddenInput)


def latest(rows):
    """(the first ROWS_SHOWN rows, whether there are more): one query."""
    rows = list(rows[: ROWS_SHOWN + 1])
    return rows[:ROWS_SHOWN], len(rows) > ROWS_SHOWN


@login_required
@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "HEAD", "POST"])
def my_page(request):
    person, emails = person_and_addresses(request.user)
    if person is None:
        return render(request, "directory/me_unlinked.html")
    if request.method == "POST":
        form = ContactVisibilityForm(request.POST)
        if form.is_valid():
            change_contact_visibility(request, person, **form.cleaned_data)
            return redirect("directory:me")
    else:
        form = ContactVisibilityForm(
            initial={
                "contact_visibility": person.contact_visibility,
                "seen": person.contact_visibility,
            }
        )
    context = {
        "person": person,
        "emails": emails,
        "form": form,
        **record(request.user, person),
        **invitations_and_emails(request.user, person),
        **rounds(request.user),
    }
    return render(request, "directory/me.html", context)


def person_and_addresses(user):
    """(the person linked to `user`, with their organisation, or None; their addresses): one
    query, the person's row read once for each address (joined, in their order)."""
    rows = list(
        Person.objects.filter(user=user)
        .select_related("organization")
        .annotate(address=F("emails__address"))
        .order_by("emails__position", "emails__pk")
    )
    if not rows:
        return None, []
    return rows[0], [row.address for row in rows if row.address is not None]


def record(user, person):
    """What the record says of `person`, as far as `user` may see it: five queries at most."""
    attendances, more_attendances = latest(
        Attendance.objects.visible_to(user)
        .filter(person=person)
        .select_related("meeting", "organization")
        .order_by("-meeting__date", "-meeting__number")
    )
    interventions, more_interventions = latest(
        Intervention.objects.visible_to(user)
        .filter(speaker=person)
        .select_related("agenda_item__meeting", "organization", "speaker")
        .prefetch_related("on_behalf_of")
        .order_by("-agenda_item__meeting__date", "agenda_item__number", "position")
    )
    follow_ups, more_follow_ups = latest(
        ActionPoint.objects.visible_to(user)
        .filter(owners=person.organization, status__in=STILL_OPEN)
        .select_related("meeting", "agenda_item__meeting")
        .order_by("-meeting__date", "position", "pk")
    )
    labels = record_html.labels()
    return {
        "attendances": attendances,
        "more_attendances": more_attendances,
        "interventions": interventions,
        "more_interventions": more_interventions,
        "follow_ups": follow_ups,
        # As meetings/partials/action_point.html writes them, in Python.
        "follow_ups_html": [
            as_partial(record_html.action_point(labels, point))
            for point in record_html.with_links(follow_ups, "owners")
        ],
        "more_follow_ups": more_follow_ups,
        "rows_shown": ROWS_SHOWN,
    }


def invitations_and_emails(user, person):
    """The member's invitations, latest meeting first, each with its personal link and whether
    answers are still taken; the optional e-mails they receive. Two queries."""
    invitations, more_invitations = latest(
        invitations_of(user)
        .select_related("meeting", "organization")
        .order_by("-meeting__date", "-meeting__number", "pk")
    )
    for invitation in invitations:
        invitation.link = reverse("invitations:answer", args=[make_token(invitation)])
        invitation.closed = answers_refused(invitation.meeting) is not None
    return {
        "invitations": invitations,
        "more_invitations": more_invitations,
        "email_form": preferences_form(person),
    }


def rounds(user):
    """The comment rounds the member takes part in, the latest first, each open (with its
    deadline) or closed: one query."""
    reviews = list(
        reviews_of(user)
        .select_related("round__meeting")
        .order_by("-round__opened_at", "-round__pk")[: ROUNDS_SHOWN + 1]
    )
    for review in reviews[:ROUNDS_SHOWN]:
        review.open = commenting_refused(review.round) is None
        review.deadline = deadline_text(review.round)
    return {
        "rounds": reviews[:ROUNDS_SHOWN],
        "more_rounds": len(reviews) > ROUNDS_SHOWN,
        "rounds_shown": ROUNDS_SHOWN,
    }


@transaction.atomic
def change_contact_visibility(request, person, contact_visibility, seen):
    """Save the member's choice, kept in the person's history with who made it and why; unless it
    changed since the page showed it, then nothing is saved and the member is told."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.contact_visibility != seen:
        messages.error(
            request,
            gettext(
                "Who may see your addresses was changed since you opened this page: it is now "
                "“%(now)s”. Nothing was saved; choose again if you wish."
            )
            % {"now": current.get_contact_visibility_display()},
        )
        return
    if current.contact_visibility == contact_visibility:
        messages.info(request, gettext("Nothing changed: that was already your choice."))
        return
    current.contact_visibility = contact_visibility
    current._change_reason = CHANGE_REASON
    # The history's author: django-simple-history takes it from the request (its middleware).
    current.save(update_fields=["contact_visibility"])
    messages.success(request, SAVED[contact_visibility])
