"""The visibility kept on the rows of people, organisations, countries and action groups
(base/record/kept_visibility.py) is the rule's answer (base/record/visibility.py), whatever wrote
the record and however: checked against the rule derived all the way down, after each of random
writes, each committed as the portal commits them (in a transaction, or outside any)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actiongroups.models import ActionGroup
from base.record.kept_visibility import models_in_order
from base.record.visibility import PublicationStatus, derived_seen_by_visitors
from meetings.models import Attendance, Document, Intervention, Meeting
from partners.models import Country, Organization, Person
from pathfinders.models import Milestone
from tests.factories import (
    make_action_group,
    make_agenda_item,
    make_attendance,
    make_country,
    make_document,
    make_intervention,
    make_meeting,
    make_milestone,
    make_organization,
    make_person,
)

KEPT = [Person, Organization, Country, ActionGroup]


def kept(model):
    """The rows whose kept visibility says visitors see them, read past the ORM's visible_to."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE visible_to_visitors = %s", [True])
        return {pk for (pk,) in cursor.fetchall()}


def derived(model):
    rows = model._base_manager.filter(derived_seen_by_visitors(model, from_kept=False))
    return set(rows.values_list("pk", flat=True))


def assert_kept_is_derived():
    for model in KEPT:
        assert kept(model) == derived(model), model.__name__


def test_every_model_that_keeps_its_visibility_is_kept():
    assert set(models_in_order()) == set(KEPT)
    # A person's visibility is read to derive their organisation's, and so on.
    order = models_in_order()
    assert order.index(Person) < order.index(Organization) < order.index(Country)


def pick(model, index):
    rows = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return model.objects.get(pk=rows[index % len(rows)]) if rows else None


def person(index):
    return pick(Person, index) or make_person(
        organization=pick(Organization, index) or make_organization()
    )


def meeting(index):
    return pick(Meeting, index) or make_meeting(status=PublicationStatus.DRAFT)


def new_meeting(index):
    status = [PublicationStatus.DRAFT, PublicationStatus.PUBLISHED][index % 2]
    make_meeting(status=status)


def new_person(index):
    organization = pick(Organization, index) if index % 3 else None
    make_person(**({"organization": organization} if organization else {}))


def new_organization(index):
    make_organization(country=pick(Country, index) if index % 2 else make_country())


def attend(index):
    chosen, who = meeting(index), person(index)
    if not Attendance.objects.filter(meeting=chosen, person=who).exists():
        make_attendance(meeting=chosen, person=who)


def speak(index):
    speaker = person(index)
    groups = [pick(ActionGroup, index) or make_action_group()] if index % 2 else []
    make_intervention(make_agenda_item(meeting(index)), speaker=speaker, action_groups=groups)


def milestone(index):
    country, source = pick(Country, index) or make_country(), meeting(index)
    if not Milestone.objects.filter(country=country, source_meeting=source).exists():
        make_milestone(country=country, source_meeting=source)


def publish_or_withdraw(index):
    found = meeting(index)
    found.status = PublicationStatus.DRAFT if found.is_published else PublicationStatus.PUBLISHED
    found.save()


def withdraw_all_by_update(index):
    Meeting.objects.filter(pk=meeting(index).pk).update(status=PublicationStatus.DRAFT)


def publish_by_raw_sql(index):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE meetings_meeting SET status = %s WHERE id = %s",
            [PublicationStatus.PUBLISHED, meeting(index).pk],
        )


def delete_an_attendance(index):
    found = pick(Attendance, index)
    if found:
        found.delete()


def delete_an_intervention(index):
    found = pick(Intervention, index)
    if found:
        found.delete()


def bulk_attend(index):
    chosen, who = meeting(index), person(index)
    Attendance.objects.bulk_create(
        [Attendance(meeting=chosen, person=who, organization=who.organization, listed_as="x")],
        ignore_conflicts=True,  # INSERT OR IGNORE / ON CONFLICT DO NOTHING
    )


def delete_a_milestone(index):
    found = pick(Milestone, index)
    if found:
        found.delete()


# Updates of one row by its key (save(), .filter(pk=).update()): those that change a column the
# rule reads are writes to it; those that change none (a title, a summary) are not.
def rename_a_meeting(index):
    found = meeting(index)
    found.title = f"Renamed {index}"
    found.save()


def move_a_person(index):
    who = person(index)
    who.organization = pick(Organization, index // 2) or make_organization()
    who.save()


def move_an_attendance(index):
    found, who = pick(Attendance, index), person(index)
    if found and not Attendance.objects.filter(meeting=found.meeting_id, person=who).exists():
        Attendance.objects.filter(pk=found.pk).update(person=who)


def give_the_floor(index):
    found = pick(Intervention, index)
    if found:
        found.speaker, found.summary = person(index), "Spoke."
        found.save()


def name_a_document(index):  # by an organisation; in the briefing pack, as a draft or not
    document = make_document(
        meeting=meeting(index), briefing_pack_position=1, briefing_pack_draft=bool(index % 2)
    )
    document.organizations.add(pick(Organization, index) or make_organization())


def mark_a_pack_draft_by_update(index):  # a draft of the pack is for staff: visibility.py
    found = pick(Document, index)
    if found:
        flag = not found.briefing_pack_draft
        Document.objects.filter(pk=found.pk).update(briefing_pack_draft=flag)


def save_a_stale_person(index):  # read before their visibility changed: save() writes it too
    who = person(index)
    who.visible_to_visitors = not who.visible_to_visitors
    who.save()


WRITES = [
    new_meeting,
    new_person,
    new_organization,
    attend,
    speak,
    milestone,
    publish_or_withdraw,
    withdraw_all_by_update,
    publish_by_raw_sql,
    delete_an_attendance,
    delete_an_intervention,
    bulk_attend,
    delete_a_milestone,
    rename_a_meeting,
    move_a_person,
    move_an_attendance,
    give_the_floor,
    name_a_document,
    mark_a_pack_draft_by_update,
    save_a_stale_person,
]


@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(WRITES), st.integers(0, 50), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_the_kept_visibility_is_the_rules_after_any_committed_write(writes):
    for write, index, in_a_transaction in writes:
        if in_a_transaction:
            with transaction.atomic():
                write(index)
        else:
            write(index)
        assert_kept_is_derived()


@pytest.mark.django_db
def test_an_update_that_keeps_what_the_rule_reads_is_no_write_to_it():
    meeting_ = make_meeting(status=PublicationStatus.PUBLISHED)
    connection.visibility_written = False
    meeting_.title = "Renamed"
    meeting_.save()
    assert not connection.visibility_written
    meeting_.status = PublicationStatus.DRAFT
    meeting_.save()
    assert connection.visibility_written


@pytest.mark.django_db(transaction=True)
def test_a_key_changed_by_save_or_by_update_is_a_write():
    hidden, other = make_person(), make_person()
    draft = make_meeting(status=PublicationStatus.DRAFT)
    attendance = make_attendance(meeting=draft, person=hidden)
    assert hidden.pk not in kept(Person)
    with transaction.atomic():
        attendance.person = other
        attendance.save()
    assert hidden.pk in kept(Person) and other.pk not in kept(Person)
    with transaction.atomic():
        Attendance.objects.filter(pk=attendance.pk).update(person=hidden)
    assert hidden.pk not in kept(Person) and other.pk in kept(Person)
    assert_kept_is_derived()


@pytest.mark.django_db(transaction=True)
def test_withdrawing_a_meeting_hides_who_only_it_named_once_committed():
    draft_only = make_person()
    with transaction.atomic():
        shown = make_meeting(status=PublicationStatus.PUBLISHED)
        make_attendance(meeting=shown, person=draft_only)
    assert draft_only.pk in kept(Person)
    with transaction.atomic():
        shown.status = PublicationStatus.DRAFT
        shown.save()
    assert draft_only.pk not in kept(Person)
    assert draft_only.organization_id not in kept(Organization)
    assert_kept_is_derived()


@pytest.mark.django_db(transaction=True)
def test_a_transaction_rolled_back_leaves_the_kept_visibility_as_committed():
    person_ = make_person()
    meeting_ = make_meeting(status=PublicationStatus.PUBLISHED)
    make_attendance(meeting=meeting_, person=person_)
    with pytest.raises(RuntimeError), transaction.atomic():
        Meeting.objects.filter(pk=meeting_.pk).update(status=PublicationStatus.DRAFT)
        raise RuntimeError
    assert person_.pk in kept(Person)
    assert_kept_is_derived()


@pytest.mark.django_db(transaction=True)
def test_the_record_loaded_raw_by_load_record_is_kept():
    call_command("load_record", verbosity=0)
    assert kept(Person)  # the 2019 record is published: its people are seen
    assert_kept_is_derived()


@pytest.mark.django_db
def test_a_page_read_in_the_writing_transaction_sees_what_will_be_committed():
    """In a test's transaction (or a view that saves and then shows) nothing has committed yet:
    visible_to keeps the visibility current first."""
    meeting_ = make_meeting(status=PublicationStatus.PUBLISHED)
    person_ = make_person()
    make_attendance(meeting=meeting_, person=person_)
    assert Person.objects.visible_to(AnonymousUser()).filter(pk=person_.pk).exists()
    meeting_.status = PublicationStatus.DRAFT
    meeting_.save()
    assert not Person.objects.visible_to(AnonymousUser()).filter(pk=person_.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", KEPT)
def test_a_visitors_query_reads_the_kept_column_not_the_rule(model):
    sql = str(model.objects.visible_to(AnonymousUser()).query)
    assert "visible_to_visitors" in sql
    assert "SELECT" not in sql.split(" WHERE ", 1)[1]  # no subquery left to derive it
