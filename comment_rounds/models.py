"""After a meeting: its draft record circulated for comments before it is published.

A comment round opens on a draft meeting, for a deadline, to the people it names (its
`audience`, and always the participants of the organisations that took the floor, so that
speakers can confirm their words): each is a `Reviewer`, added when the round opens or is
re-circulated. Reviewers read the draft record in the portal, comment on the whole record, an
agenda item or an intervention (a `Comment`, perhaps proposing a wording), and speakers confirm
how their intervention was summarised (`Confirmation`). The Secretariat answers each comment
(its `resolution` and `reply`), and may apply a proposed wording to the record.

None of this is part of the public record: the round, its reviewers and their comments are seen
by the Secretariat and by the reviewers (comments: their authors, or every reviewer when the
round `shares_comments`), never by visitors; the published record says only that the round took
place and how many comments it received (comment_rounds.round_summary).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import PortalHistory
from invitations.models import ROUND_EMAILS, EmailKind

COMMENT_MAX_LENGTH = 2000
WORDING_MAX_LENGTH = 5000


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", _("The meeting's participants (from its attendance)")
    INVITEES = "invitees", _("The meeting's invitees")
    MEMBERS = "members", _("All GCG members")


class CommentRound(models.Model):
    """A draft meeting record circulated for comments, until a deadline or until closed."""

    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="comment_round",
    )
    audience = models.CharField(_("who may take part"), max_length=20, choices=Audience)
    shares_comments = models.BooleanField(
        _("comments visible to all who take part"),
        default=False,
        help_text=_("Unticked, each comment is seen by its author and the Secretariat alone."),
    )
    opened_at = models.DateTimeField(_("circulated on"), default=timezone.now)
    deadline = models.DateTimeField(_("comments until"))
    closed_at = models.DateTimeField(
        _("closed at"),
        null=True,
        blank=True,
        help_text=_("Empty while it is open; at the deadline, or earlier if closed by hand."),
    )
    recirculated_at = models.DateTimeField(_("last re-circulated on"), null=True, blank=True)
    times_recirculated = models.PositiveSmallIntegerField(_("times re-circulated"), default=0)

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["-opened_at", "pk"]
        verbose_name = _("comment round")
        verbose_name_plural = _("comment rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audience__in=Audience.values),
                name="comment_rounds_round_audience_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gt=models.F("opened_at")),
                name="comment_rounds_round_deadline_after_opening",
                violation_error_message=_("The deadline must come after the round opens."),
            ),
        ]

    def __str__(self):
        return gettext("Comments on the draft record of %(meeting)s") % {"meeting": self.meeting}

    def closes_at(self):
        """When comments stopped, or will stop: closed by hand, or the deadline."""
        return self.closed_at or self.deadline

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.closed_at is None and now < self.deadline


class Reviewer(models.Model):
    """A person taking part in a round: reads the draft, comments, confirms their words."""

    round = models.ForeignKey(CommentRound, on_delete=models.CASCADE, related_name="reviewers")
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("for the organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        help_text=_("The organisation they attended the meeting for, if they did."),
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["round", "person__sort_key", "pk"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"], name="comment_rounds_reviewer_once_per_round"
            ),
        ]

    def __str__(self):
        return str(self.person)


class Resolution(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    DECLINED = "declined", _("Declined")


# Where a comment belongs, read from the comment alone: on a part of the record (an agenda item
# or an intervention); on the record as a whole (no part, and no `place` in words); or on a part
# deleted since (no part left, its `place` kept).
ON_A_PART = models.Q(agenda_item__isnull=False) | models.Q(intervention__isnull=False)
ON_THE_WHOLE = models.Q(agenda_item__isnull=True, intervention__isnull=True, place="")


class Comment(models.Model):
    """A reviewer's comment on the record as a whole, an agenda item or one intervention.

    `place` keeps, in words, what the comment was about when it was made ("3. Pathfinder
    countries · ILO"), so that a comment on an intervention deleted since still says where it
    belonged. `original_wording` keeps the text the comment was made on (the summary or the
    narrative), so that applying a proposed wording never overwrites a change made since.
    """

    round = models.ForeignKey(CommentRound, on_delete=models.CASCADE, related_name="comments")
    reviewer = models.ForeignKey(
        Reviewer, verbose_name=_("by"), on_delete=models.CASCADE, related_name="comments"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("on the agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    intervention = models.ForeignKey(
        "meetings.Intervention",
        verbose_name=_("on the intervention"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    place = models.CharField(_("on"), max_length=400, blank=True)
    text = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    proposed_wording = models.TextField(
        _("proposed wording"), max_length=WORDING_MAX_LENGTH, blank=True
    )
    original_wording = models.TextField(_("wording commented on"), blank=True, editable=False)
    made_at = models.DateTimeField(_("made at"), default=timezone.now)
    resolution = models.CharField(
        _("answer"), max_length=20, choices=Resolution, blank=True, default=""
    )
    reply = models.TextField(_("reply to the commenter"), max_length=COMMENT_MAX_LENGTH, blank=True)
    resolved_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    wording_applied_at = models.DateTimeField(_("wording applied at"), null=True, blank=True)

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["round", "made_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="comment_rounds_comment_not_empty",
                violation_error_message=_("Write your comment."),
            ),
            models.CheckConstraint(
                condition=models.Q(resolution__in=[*Resolution.values, ""]),
                name="comment_rounds_comment_resolution_valid",
            ),
        ]
        indexes = [models.Index(fields=["round", "intervention"])]

    def __str__(self):
        return gettext("Comment by %(person)s on %(place)s") % {
            "person": self.reviewer.person,
            "place": self.place or gettext("the record as a whole"),
        }

    @property
    def is_on_the_whole(self):
        """ON_THE_WHOLE, for a comment in hand."""
        return self.agenda_item_id is None and self.intervention_id is None and self.place == ""


class Confirmation(models.Model):
    """A speaker's confirmation that their intervention's summary is right."""

    round = models.ForeignKey(CommentRound, on_delete=models.CASCADE, related_name="confirmations")
    intervention = models.ForeignKey(
        "meetings.Intervention",
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="confirmations",
    )
    reviewer = models.ForeignKey(
        Reviewer, verbose_name=_("by"), on_delete=models.CASCADE, related_name="confirmations"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        ordering = ["round", "intervention", "pk"]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "reviewer"], name="comment_rounds_confirmation_once"
            ),
        ]

    def __str__(self):
        return gettext("%(person)s confirmed %(intervention)s") % {
            "person": self.reviewer.person,
            "intervention": self.intervention,
        }


class RoundEmail(models.Model):
    """An e-mail sent to a reviewer (invitations.models.ROUND_EMAILS; the opt-outs are the
    invitations' too): the same one never twice on one day, a reply once per comment."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="sent_emails")
    kind = models.CharField(_("e-mail"), max_length=20, choices=EmailKind)
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="sent_emails"
    )
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("e-mail sent")
        verbose_name_plural = _("e-mails sent")
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "kind", "sent_on"],
                condition=models.Q(comment__isnull=True),
                name="comment_rounds_roundemail_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["comment"],
                condition=models.Q(comment__isnull=False),
                name="comment_rounds_roundemail_one_reply_email",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ROUND_EMAILS),
                name="comment_rounds_roundemail_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.sent_on:%Y-%m-%d}"
