"""Before a meeting: who the Secretariat invited, what each invitee answered (their registration),
the e-mails sent to them, and the optional e-mails a person asked not to receive.

None of this is part of the public record: an invitation is personal data, seen by the
Secretariat and by the invitee alone, never by visitors, and it plays no part in who or what
the record shows (base.record.visibility reads only the record's own models).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import PortalHistory
from meetings.models import AttendanceMode


class Answer(models.TextChoices):
    IN_PERSON = "in_person", _("Attending in person")
    REMOTE = "remote", _("Attending remotely")
    NOT_ATTENDING = "not_attending", _("Not attending")
    DELEGATE = "delegate", _("Sending someone else")


ATTENDING = [Answer.IN_PERSON, Answer.REMOTE, Answer.DELEGATE]


class Invitation(models.Model):
    """A person invited to a meeting, and their answer once they give it."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("invitee"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    invited_as = models.CharField(
        _("invited as"),
        max_length=200,
        blank=True,
        help_text=_(
            "The group the invitation went to (“All GCG members”), or empty for one person."
        ),
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    language = models.CharField(
        _("language of the e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # The registration: the invitee's answer.
    answer = models.CharField(_("answer"), max_length=20, choices=Answer, blank=True)
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("for the organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    delegate_name = models.CharField(_("delegate's name"), max_length=200, blank=True)
    delegate_email = models.EmailField(_("delegate's e-mail address"), blank=True)
    delegate_position = models.CharField(_("delegate's position"), max_length=200, blank=True)
    delegate_mode = models.CharField(
        _("the delegate attends"), max_length=20, choices=AttendanceMode, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = HistoricalRecords(bases=[PortalHistory])

    class Meta:
        ordering = ["meeting", "person__sort_key", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="invitations_invitation_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=models.Q(answer__in=[*Answer.values, ""]),
                name="invitations_invitation_answer_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(answer=Answer.DELEGATE) | ~models.Q(delegate_name=""),
                name="invitations_invitation_delegate_named",
                violation_error_message=_("Give the name of the person you are sending."),
            ),
        ]

    def __str__(self):
        return gettext("%(person)s, invited to %(meeting)s") % {
            "person": self.person,
            "meeting": self.meeting,
        }


class EmailKind(models.TextChoices):
    """Every e-mail the portal sends a person about a meeting: before it (this app's, about an
    invitation) and after it (comment_rounds', about its draft record circulated for comments).
    One list, so that one opt-out, one unsubscribe link and one choice on /me/ serve them all."""

    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder to answer")
    DATE_CONFIRMED = "date_confirmed", _("Date confirmed")
    ROUND_OPENED = "round_opened", _("Draft record circulated for comments")
    ROUND_DEADLINE_NEAR = "round_deadline_near", _("Comments deadline near")
    COMMENT_REPLY = "comment_reply", _("Reply to your comment")
    ROUND_CLOSED = "round_closed", _("Comment round closed")


INVITATION_EMAILS = [EmailKind.INVITATION, EmailKind.REMINDER, EmailKind.DATE_CONFIRMED]
ROUND_EMAILS = [
    EmailKind.ROUND_OPENED,
    EmailKind.ROUND_DEADLINE_NEAR,
    EmailKind.COMMENT_REPLY,
    EmailKind.ROUND_CLOSED,
]
# The e-mails a person may decline: each carries a one-click unsubscribe (RFC 8058).
OPTIONAL = [
    EmailKind.REMINDER,
    EmailKind.DATE_CONFIRMED,
    EmailKind.ROUND_DEADLINE_NEAR,
    EmailKind.COMMENT_REPLY,
    EmailKind.ROUND_CLOSED,
]


class SentEmail(models.Model):
    """An e-mail sent about an invitation: the same one is never sent twice on one day."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="sent_emails")
    kind = models.CharField(_("e-mail"), max_length=20, choices=EmailKind)
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("e-mail sent")
        verbose_name_plural = _("e-mails sent")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "kind", "sent_on"], name="invitations_sentemail_once_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=INVITATION_EMAILS),
                name="invitations_sentemail_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.sent_on:%Y-%m-%d}"


class OptOut(models.Model):
    """An optional e-mail a person asked not to receive (from /me/, or one click in the e-mail)."""

    person = models.ForeignKey(
        "partners.Person", on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(_("e-mail"), max_length=20, choices=EmailKind)
    since = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail declined")
        verbose_name_plural = _("e-mails declined")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="invitations_optout_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=OPTIONAL), name="invitations_optout_optional_only"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class Registration(Invitation):
    """An invitation seen as its answer: the Secretariat's list of who is coming."""

    class Meta:
        proxy = True
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
