"""How a meeting's invitees answered: counted per answer ("no answer yet" included) and per
stakeholder group, for the Secretariat's list of registrations.

An invitee counts in the stakeholder group of the organisation they answered for, or, until they
say, of their own organisation (partners.stakeholder_groups). Everything is counted in one
aggregate query, grouped by answer and organisation kind, whatever the number of invitees.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from partners.stakeholder_groups import StakeholderGroup, group_of

from .models import Answer, Invitation

NO_ANSWER = ""
# The columns of the counts, in the order the list shows them: who comes first, then who does
# not, then who has not said.
ANSWERS = [
    Answer.IN_PERSON,
    Answer.REMOTE,
    Answer.DELEGATE,
    Answer.NOT_ATTENDING,
    NO_ANSWER,
]
NO_ANSWER_LABEL = _("No answer yet")


def answer_label(answer):
    return Answer(answer).label if answer else NO_ANSWER_LABEL


def organization_counted(invitation):
    """The organisation the invitee answered for, or, until they say, their own (what
    KIND_COUNTED reads in SQL)."""
    return invitation.organization or invitation.person.organization


KIND_COUNTED = Coalesce("organization__kind", "person__organization__kind")


@dataclass
class CountsRow:
    """One line of the counts: a stakeholder group's invitees (or all of them) per answer."""

    label: str
    per_answer: dict = field(default_factory=lambda: dict.fromkeys(ANSWERS, 0))

    @property
    def cells(self):
        """The counts in the order of ANSWERS."""
        return [self.per_answer[answer] for answer in ANSWERS]

    @property
    def invited(self):
        return sum(self.per_answer.values())

    @property
    def attending(self):
        """In person, remotely, or through someone they send."""
        return sum(self.per_answer[a] for a in (Answer.IN_PERSON, Answer.REMOTE, Answer.DELEGATE))


@dataclass
class RegistrationCounts:
    """A meeting's invitees per answer (`total`), and per stakeholder group and answer
    (`groups`, only the groups that have invitees, in the groups' own order)."""

    total: CountsRow
    groups: list[CountsRow]

    @property
    def headings(self):
        return [answer_label(answer) for answer in ANSWERS]


def registration_counts(meeting):
    """The counts of `meeting`'s invitations: one query."""
    rows = (
        Invitation.objects.filter(meeting=meeting)
        .annotate(kind=KIND_COUNTED)
        .values("answer", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    total = CountsRow(_("All invitees"))
    by_group = {}
    for row in rows:
        group = group_of(row["kind"])
        counted = by_group.setdefault(group, CountsRow(StakeholderGroup(group).label))
        counted.per_answer[row["answer"]] += row["count"]
        total.per_answer[row["answer"]] += row["count"]
    groups = [by_group[group] for group in StakeholderGroup if group in by_group]
    return RegistrationCounts(total, groups)
