"""Who an invitation to a group reaches. The record keeps no "membership": each group is defined
from what it holds, and the invite page says so (the `description` of each).

- All GCG members: the people linked to an active account in the Members group.
- The members of an action group: the people of its lead organisations.
- A contact of each member organisation: for every organisation whose attendance at a GCG meeting
  is recorded, its first person in the directory's order.

A group holds only the people the Secretariat may reach by e-mail: not erased, with an address,
and listed (not "Hidden from the directory": as for the follow-up digest, they have not given
their address to be reached). An officer may still invite anyone by name.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actiongroups.models import ActionGroup
from base.accounts.invitations import MEMBERS
from meetings.models import Attendance
from partners.models import LISTED, EmailAddress, Person

GCG_MEMBERS = "gcg_members"
ORGANISATION_CONTACTS = "organisation_contacts"

DESCRIPTIONS = {
    GCG_MEMBERS: _(
        "Everyone whose entry in the record is linked to an active portal account of the "
        "Members group."
    ),
    "action_group": _("The people of the action group's lead organisations."),
    ORGANISATION_CONTACTS: _(
        "For every organisation whose attendance at a GCG meeting is recorded, its first person "
        "in the directory's order."
    ),
    "reachable": _(
        "A group counts only the people the Secretariat may e-mail: with an address, and not "
        "hidden from the directory. Anyone may still be invited by name below."
    ),
}


@dataclass
class Group:
    """People chosen together, and how their invitations will say they were chosen."""

    invited_as: str
    people: list  # primary keys, in order


def reachable():
    """The people a group may hold (see the module)."""
    return Person.objects.filter(
        Exists(EmailAddress.objects.filter(person=OuterRef("pk"))),
        erased_at__isnull=True,
        contact_visibility__in=LISTED,
    )


def _invited_as(text, **values):
    # Kept on the invitation, so written in the record's language whoever invites.
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(text) % values


def gcg_members():
    people = reachable().filter(user__is_active=True, user__groups__name=MEMBERS)
    return Group(
        _invited_as("All GCG members"),
        list(people.order_by("sort_key", "pk").values_list("pk", flat=True).distinct()),
    )


def action_group_members(groups):
    """One Group per action group of `groups` (one query for all of them)."""
    pairs = (
        reachable()
        .filter(organization__led_action_groups__in=groups)
        .order_by("sort_key", "pk")
        .values_list("organization__led_action_groups", "pk")
    )
    members = {}
    for group_pk, person_pk in pairs:
        members.setdefault(group_pk, []).append(person_pk)
    return [
        Group(
            _invited_as("Members of the action group “%(name)s”", name=group.name),
            list(dict.fromkeys(members.get(group.pk, []))),
        )
        for group in groups
    ]


def organisation_contacts():
    attended = Attendance.objects.values("organization")
    people = (
        reachable()
        .filter(organization__in=attended)
        .order_by("organization", "sort_key", "pk")
        .values_list("organization", "pk")
    )
    first = {}
    for organization, person in people:
        first.setdefault(organization, person)
    return Group(_invited_as("Contact of a member organisation"), list(first.values()))


def individuals(people):
    return Group("", [person.pk for person in people])


def sizes():
    """How many each group reaches now, for the invite page: ({key: count}, [(action group,
    count)]). Four queries."""
    counts = {
        GCG_MEMBERS: len(gcg_members().people),
        ORGANISATION_CONTACTS: len(organisation_contacts().people),
    }
    groups = list(ActionGroup.objects.order_by("name"))
    by_group = {
        group.pk: len(members.people)
        for group, members in zip(groups, action_group_members(groups), strict=True)
    }
    return counts, [(group, by_group[group.pk]) for group in groups]
