"""A member's follows, each of one target, and the digests sent for them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .changes import ALL_MEETINGS, Target, TargetKind

# The column that names each kind's row (all meetings: none).
TARGET_FIELDS = {
    TargetKind.COUNTRY: "country",
    TargetKind.ACTION_GROUP: "action_group",
    TargetKind.ORGANIZATION: "organization",
}


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


def _only(kind):
    """The condition that a follow of `kind` names its own kind's row and no other."""
    return models.Q(target_kind=kind) & models.Q(
        **{f"{field}__isnull": field != TARGET_FIELDS.get(kind) for field in TARGET_FIELDS.values()}
    )


class Follow(models.Model):
    """A member's follow of one target (a country, an action group, an organisation, or all
    meetings), with how often they are e-mailed what changed there, and in which language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    target_kind = models.CharField(_("follows"), max_length=20, choices=TargetKind)
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    action_group = models.ForeignKey(
        "actiongroups.ActionGroup",
        verbose_name=_("action group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    frequency = models.CharField(
        _("e-mail"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    followed_at = models.DateTimeField(_("followed since"), default=timezone.now)

    class Meta:
        ordering = ["user", "target_kind", "pk"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=_only(TargetKind.COUNTRY)
                | _only(TargetKind.ACTION_GROUP)
                | _only(TargetKind.ORGANIZATION)
                | _only(TargetKind.MEETINGS),
                name="following_follow_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values),
                name="following_follow_frequency_valid",
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", field],
                    condition=models.Q(**{f"{field}__isnull": False}),
                    name=f"following_follow_once_per_{field}",
                )
                for field in TARGET_FIELDS.values()
            ],
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(target_kind=TargetKind.MEETINGS),
                name="following_follow_all_meetings_once",
            ),
        ]

    # What a person's export shows of their account's follows (partners.personal_data.export).
    PERSONAL_DATA = (
        "follows",
        _("What they follow"),
        [
            ("follows", _("follows")),
            ("frequency", _("e-mail")),
            ("language", _("language")),
            ("followed_at", _("followed since")),
            ("digests_sent", _("digests sent")),
        ],
    )

    def __str__(self):
        return f"{self.user} → {self.target_label}"

    @classmethod
    def personal_data_rows(cls, user):
        """The account's follows as its export shows them (PERSONAL_DATA): one query."""
        follows = (
            cls.objects.filter(user=user)
            .select_related("country", "action_group", "organization")
            .annotate(sent=models.Count("digests_sent"))
            .order_by("followed_at", "pk")
        )
        return [
            {
                "follows": follow.target_label,
                "frequency": follow.get_frequency_display(),
                "language": follow.language,
                "followed_at": follow.followed_at,
                "digests_sent": follow.sent,
            }
            for follow in follows
        ]

    @property
    def target(self):
        field = TARGET_FIELDS.get(self.target_kind)
        return Target(self.target_kind, getattr(self, f"{field}_id")) if field else ALL_MEETINGS

    @property
    def target_row(self):
        """The country, action group or organisation followed (None for all meetings)."""
        field = TARGET_FIELDS.get(self.target_kind)
        return getattr(self, field) if field else None

    @property
    def target_label(self):
        row = self.target_row
        return str(row) if row is not None else str(TargetKind.MEETINGS.label)


class FollowDigestSent(models.Model):
    """A digest e-mailed for a follow (following.digests): what it told, up to when. The next
    digest of that follow tells what changed after `up_to`, and none goes twice on one day."""

    follow = models.ForeignKey(
        Follow, verbose_name=_("follow"), on_delete=models.CASCADE, related_name="digests_sent"
    )
    sent_on = models.DateField(_("sent on"))
    up_to = models.DateTimeField(_("changes up to"))
    changes = models.PositiveIntegerField(_("changes told"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("follow digest sent")
        verbose_name_plural = _("follow digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["follow", "sent_on"], name="following_digest_once_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.follow_id} {self.sent_on}"
