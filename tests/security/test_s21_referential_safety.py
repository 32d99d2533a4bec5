"""S21: deleting an organisation, person, country or meeting that the record refers to is refused
(PROTECT), with a clear message in the admin, and nothing cascades away.

Tried on every one of them in the 2019 record: whatever refers to it (a foreign key or a
many-to-many link such as the countries an intervention concerns), the row stays and so does
every row of every table.
"""

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError, Q
from django.urls import reverse
from simple_history.models import HistoricalChanges

from actiongroups.models import ActionGroup
from base.record.protection import many_to_many_links
from meetings.models import ActionPoint, Document, Event, Intervention, Meeting, Objective
from partners.models import Country, EmailAddress, Organization, Person
from tests.factories import (
    make_action_group,
    make_action_point,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_organization,
)

from .conftest import client_for

# A person's own addresses and a meeting's own objectives go with them (CASCADE, by design):
# they are parts of the row, not the record referring to it.
PARTS = {(EmailAddress, "person"), (Objective, "meeting")}


def referring(model):
    """The relations by which the record refers to `model`'s rows (not its audit history)."""
    return [
        relation
        for relation in model._meta.related_objects
        if not issubclass(relation.related_model, HistoricalChanges)
        and (relation.related_model, relation.field.name) not in PARTS
    ]


def referred_to(model):
    """The rows of `model` that something in the record refers to."""
    condition = Q()
    for relation in referring(model):
        condition |= Q(**{f"{relation.name}__isnull": False})
    return model.objects.filter(condition).distinct().order_by("pk")


def row_counts():
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    def test_s21_deleting_what_the_record_refers_to_is_refused(self):
        rows = {model: list(referred_to(model)) for model in (Organization, Person, Country)}
        rows[Meeting] = list(referred_to(Meeting))
        # Every organisation but one (UK Modern Slavery Innovation Fund), every person, country
        # and meeting of the record.
        assert {model.__name__: len(found) for model, found in rows.items()} == {
            "Organization": 33,
            "Person": 43,
            "Country": 24,
            "Meeting": 1,
        }
        before = row_counts()
        deleted = []
        for found in rows.values():
            for obj in found:
                try:
                    with transaction.atomic():
                        obj.delete()
                        deleted.append(f"{obj._meta.label} {obj}")
                        transaction.set_rollback(True)
                except ProtectedError:
                    pass
        assert deleted == []
        assert row_counts() == before

    @pytest.mark.parametrize("model", [Organization, Person, Country, Meeting])
    def test_s21_the_admin_refuses_with_a_message(self, users, model):
        obj = referred_to(model).first()
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        client = client_for(users["secretariat"])
        page = client.get(url).content.decode()
        assert "would require deleting the following protected related objects" in page
        client.post(url, {"post": "yes"})
        assert model.objects.filter(pk=obj.pk).exists()


# A many-to-many link has no PROTECT of its own: without base.record.protection, deleting the row
# would drop the link silently. One row per kind that such links point at, and per kind that links.
LINKED = {Organization: make_organization, Country: make_country, ActionGroup: make_action_group}
LINKING = {
    ActionGroup: make_action_group,
    ActionPoint: make_action_point,
    Document: make_document,
    Event: make_event,
    Intervention: make_intervention,
}
LINKS = [(model, relation) for model in LINKED for relation in many_to_many_links(model)]


def test_s21_the_many_to_many_links_are_all_covered():
    assert {model for model, _ in LINKS} == set(LINKED)
    assert {relation.related_model for _, relation in LINKS} == set(LINKING)
    assert len(LINKS) == 12  # every many-to-many field of the portal's models


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, relation", LINKS, ids=[f"{r.related_model.__name__}.{r.field.name}" for _, r in LINKS]
)
def test_s21_a_row_linked_only_many_to_many_is_refused_too(users, model, relation):
    obj = LINKED[model]()
    linking = LINKING[relation.related_model]()
    getattr(linking, relation.field.name).add(obj)

    with pytest.raises(ProtectedError, match="the record links to it"), transaction.atomic():
        obj.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        model.objects.filter(pk=obj.pk).delete()

    opts = model._meta
    client = client_for(users["secretariat"])
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    page = client.get(url).content.decode()
    assert "would require deleting the following protected related objects" in page
    assert str(linking) in page
    client.post(url, {"post": "yes"})
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    action = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    assert "Cannot delete" in client.post(changelist, action, follow=True).content.decode()

    assert model.objects.filter(pk=obj.pk).exists()
    assert getattr(linking, relation.field.name).filter(pk=obj.pk).exists()
