"""Inviting from the admin: the groups as the page defines them, each person invited once however
often chosen, refusals for meetings that take no invitations, the e-mails sent by the list's
actions; in a fixed number of queries."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from actiongroups.models import ActionGroup
from base.accounts.invitations import MEMBERS
from invitations import invitees
from invitations.inviting import INVITED_REASON
from invitations.models import EmailKind, Invitation, SentEmail
from partners.models import ContactVisibility
from tests.factories import (
    make_action_group,
    make_attendance,
    make_invitation,
    make_meeting,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

INVITE = reverse("admin:invitations_invitation_invite")
CHANGELIST = reverse("admin:invitations_invitation_changelist")
# Session, user, second factor, permissions (two: as any admin page); the GCG members, the
# organisations' contacts, the action groups and their members (invitees.sizes); the meetings
# that take invitations, and the one asked for.
INVITE_PAGE_QUERIES = 11


def member_account(django_user_model, person, active=True):
    user = django_user_model.objects.create_user(f"user-{person.pk}", is_active=active)
    user.groups.add(invitees_group())
    person.user = user
    person.save()
    return person


def invitees_group():
    from django.contrib.auth.models import Group

    return Group.objects.get(name=MEMBERS)


@pytest.fixture
def people(roles, django_user_model):
    """Who is in which group, and who is left out of every group and why."""
    lead = make_organization(name="Lead Organisation")
    group = make_action_group(name="Supply Chains")
    group.leads.add(lead)
    attended = make_organization(name="Attending Organisation")
    found = {
        "member": member_account(django_user_model, make_person(name="Mia Member")),
        "inactive member": member_account(
            django_user_model, make_person(name="Ian Inactive"), active=False
        ),
        "hidden member": member_account(
            django_user_model,
            make_person(name="Hal Hidden", contact_visibility=ContactVisibility.HIDDEN),
        ),
        "member without address": member_account(
            django_user_model, make_person(name="Nora Noaddress", email=False)
        ),
        "lead's": make_person(name="Lea Lead", organization=lead),
        "lead's other": make_person(name="Leo Lead", organization=lead),
        "first of attending": make_person(name="Ada Attending", organization=attended),
        "second of attending": make_person(name="Zed Attending", organization=attended),
        "nobody": make_person(name="Ned Nobody"),
    }
    make_attendance(person=found["second of attending"])
    found["group"] = group
    return found


def names(ids):
    from partners.models import Person

    return sorted(Person.objects.filter(pk__in=ids).values_list("name", flat=True))


class TestTheGroups:
    def test_gcg_members_have_an_active_members_account(self, people):
        assert names(invitees.gcg_members().people) == ["Mia Member"]

    def test_an_action_groups_members_are_its_leads_people(self, people):
        [group] = invitees.action_group_members([people["group"]])
        assert names(group.people) == ["Lea Lead", "Leo Lead"]
        assert group.invited_as == "Members of the action group “Supply Chains”"

    def test_an_organisations_contact_is_its_first_person(self, people):
        assert names(invitees.organisation_contacts().people) == ["Ada Attending"]

    def test_sizes(self, people):
        counts, groups = invitees.sizes()
        assert counts == {invitees.GCG_MEMBERS: 1, invitees.ORGANISATION_CONTACTS: 1}
        assert groups == [(people["group"], 2)]


class TestTheInvitePage:
    def test_the_page_says_each_groups_definition_and_size(self, officer_client, people, planned):
        response = officer_client.get(INVITE, {"meeting": planned.pk})
        assert response.status_code == 200
        page = response.content.decode()
        assert "linked to an active portal account of the Members group. Now 1 person." in page
        assert "first person in the directory&#x27;s order. Now 1 person." in page
        assert "Supply Chains (2 people)" in page
        assert "not hidden from the directory" in page
        assert f'<option value="{planned.pk}" selected>' in page
        assert "6th Meeting of the Global Coordinating Group (November 2019, Paris)" in page

    def test_inviting_groups_and_people(self, officer, officer_client, people, planned):
        response = officer_client.post(
            INVITE,
            {
                "meeting": planned.pk,
                "gcg_members": "on",
                "action_groups": [people["group"].pk],
                "organisation_contacts": "on",
                "people": [people["nobody"].pk, people["member"].pk],
                "language": "fr",
            },
            follow=True,
        )
        assert response.redirect_chain[-1][0] == f"{CHANGELIST}?meeting__id__exact={planned.pk}"
        page = response.content.decode()
        assert "5 people newly invited to 6th Meeting of the Global Coordinating Group." in page
        assert "No e-mail has been sent yet" in page
        invited = {i.person.name: i for i in Invitation.objects.select_related("person")}
        assert sorted(invited) == [
            "Ada Attending",
            "Lea Lead",
            "Leo Lead",
            "Mia Member",
            "Ned Nobody",
        ]
        assert invited["Mia Member"].invited_as == "All GCG members"  # named twice: first group
        assert invited["Ada Attending"].invited_as == "Contact of a member organisation"
        assert invited["Ned Nobody"].invited_as == ""
        assert {i.language for i in invited.values()} == {"fr"}
        version = invited["Ned Nobody"].history.get()
        assert (version.history_user, version.history_change_reason) == (officer, INVITED_REASON)
        assert mail.outbox == []

    def test_inviting_twice_is_harmless(self, officer_client, people, planned):
        data = {"meeting": planned.pk, "gcg_members": "on", "language": "en-gb"}
        officer_client.post(INVITE, data)
        data["action_groups"] = [people["group"].pk]
        page = officer_client.post(INVITE, data, follow=True).content.decode()
        assert "2 people newly invited" in page
        assert "1 was invited already, and left as they were." in page
        assert Invitation.objects.count() == 3

    @pytest.mark.parametrize(
        "change, message",
        [
            ("cancelled", "was cancelled: nobody can be invited to it"),
            ("published", "is published: invitations are for meetings still to come"),
            ("held", "has already been held"),
        ],
    )
    def test_a_meeting_that_takes_no_invitations(
        self, officer_client, people, planned, change, message
    ):
        if change == "cancelled":
            planned.cancelled = True
        elif change == "published":
            planned.date_precision, planned.status = "day", "published"
        else:
            planned.date = datetime.date(2019, 9, 1)
        planned.save()
        asked = officer_client.get(INVITE, {"meeting": planned.pk}).content.decode()
        assert message in asked
        response = officer_client.post(
            INVITE, {"meeting": planned.pk, "gcg_members": "on", "language": "en-gb"}
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Invitation.objects.exists()

    def test_nobody_chosen_or_no_meeting(self, officer_client, people, planned):
        page = officer_client.post(INVITE, {"meeting": planned.pk, "language": "en-gb"})
        assert "Choose a group or people to invite." in page.content.decode()
        page = officer_client.post(INVITE, {"meeting": "999999", "gcg_members": "on"})
        assert "Select a valid choice" in page.content.decode()
        assert re.search(
            r'<input type="checkbox" name="gcg_members"[^>]* checked', page.content.decode()
        )
        assert not Invitation.objects.exists()

    @pytest.mark.parametrize("asked", ["abc", "9" * 40, "²"])
    def test_a_meeting_asked_for_that_is_none(self, officer_client, asked):
        assert officer_client.get(INVITE, {"meeting": asked}).status_code == 200

    def test_the_list_filtered_by_a_meeting_links_to_the_page(self, officer_client, planned):
        page = officer_client.get(CHANGELIST, {"meeting__id__exact": planned.pk})
        assert f'href="{INVITE}?meeting={planned.pk}"' in page.content.decode()
        assert f'href="{INVITE}"' in officer_client.get(CHANGELIST).content.decode()

    @pytest.mark.parametrize("times", [1, 10])
    def test_a_fixed_number_of_queries(
        self, officer_client, planned, times, django_assert_num_queries, django_user_model
    ):
        for n in range(times):
            group = make_action_group()
            lead = make_organization()
            group.leads.add(lead)
            make_person(organization=lead)
            member_account(django_user_model, make_person())
            make_attendance(person=make_person())
            make_meeting(title=f"Planned {n}", date=datetime.date(2019, 12, n + 1), status="draft")
            make_invitation(planned)
        officer_client.get(INVITE)
        with django_assert_num_queries(INVITE_PAGE_QUERIES):
            page = officer_client.get(INVITE, {"meeting": planned.pk}).content.decode()
        assert page.count('name="action_groups"') == ActionGroup.objects.count()


class TestTheActions:
    def act(self, client, action, invitations):
        return client.post(
            CHANGELIST,
            {"action": action, "_selected_action": [i.pk for i in invitations]},
            follow=True,
        )

    def test_sending_the_invitations_chosen(self, officer_client, planned):
        chosen = [make_invitation(planned) for _ in range(2)]
        left = make_invitation(planned)
        page = self.act(officer_client, "send_invitation_action", chosen).content.decode()
        assert "E-mails sent: 2." in page
        assert len(mail.outbox) == 2
        assert not SentEmail.objects.filter(invitation=left).exists()
        page = self.act(officer_client, "send_invitation_action", chosen).content.decode()
        assert "E-mails sent: 0." in page and "Not sent: already sent today: 2." in page
        assert "Invitation, 2019-10-01" in page  # the list's column of e-mails sent

    def test_reminding_and_telling_the_date(self, officer_client, planned):
        chosen = [make_invitation(planned), make_invitation(planned, answer="remote")]
        self.act(officer_client, "send_invitation_action", chosen)
        page = self.act(officer_client, "send_reminder_action", chosen).content.decode()
        assert "E-mails sent: 1." in page
        assert "not due (meeting cancelled or held, already answered or already told): 1" in page
        planned.date_precision = "day"
        planned.save()
        page = self.act(officer_client, "send_date_confirmed_action", chosen).content.decode()
        assert "E-mails sent: 2." in page
        kinds = SentEmail.objects.values_list("kind", flat=True)
        assert sorted(kinds) == sorted(
            [EmailKind.INVITATION] * 2 + [EmailKind.REMINDER] + [EmailKind.DATE_CONFIRMED] * 2
        )
