"""A person erased on request, in one transaction, with the meeting record kept readable.

- their e-mail addresses are deleted, and their account with its sessions and sign-in records;
- their name, wherever the record's text writes it (summaries, narratives, decisions,
  follow-ups... in every model of the record), is replaced by their role and organisation ("a
  representative of Walk Free Foundation"), and their addresses by "(address erased)";
- their row stays, so that the meetings they attended and the interventions they made still
  read, named by that role and left out of the directory;
- the history keeps nothing of them: their row's and their addresses' earlier versions are
  deleted, every other version's text is rewritten as above, and the admin's log of their rows
  is deleted (others' entries rewritten); one version of their row remains, the erasure's own,
  saying when it was made and by whom ("Erased on request"), without the name;
- the organisations they were the focal point of have none;
- the digests sent to their addresses are forgotten;
- their invitations (with their answers, the delegate they named, the e-mails sent about them)
  and the e-mails they declined are deleted, with the invitations' history: they are not the
  record, which their attendance keeps, and a person erased is invited to nothing more, so
  nothing is left that an anonymised copy would serve. Where someone else's answer names them
  as a delegate, their name is replaced as in any text, and their address emptied;
- their part in comment rounds on draft records (their reviews, with their comments, the
  Secretariat's answers to them, their confirmations and the e-mails sent about them) is
  deleted, with their comments' history, for the same reason: the published record keeps what
  was applied of a comment, not the comment, and its round's counts then leave them out (as a
  comment anonymised would still be theirs, in their words). Where someone else's comment names
  them, their name is replaced as in any text.

Every write goes through the database, so the search's index (PostgreSQL's triggers) follows
and the page cache retires every kept page (base/web/page_cache.py).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from base.audit.history import history_model, tracked_fields
from base.audit.recently_deleted import history_models
from base.record.slugs import unique_slug

from ..models import ContactVisibility, EmailAddress, Organization, Person
from . import account
from .export import admin_log_about, rows_holding, rows_sent_to
from .mentions import Mentions, record_tables, replace_everywhere, rows_naming

# The rows about them that are not the record: deleted, with their history (see the module).
DELETED_WITH_THEM = ("invitations", "email_opt_outs", "reviews")
# In the history's "reason" column, as the restore's "Restored" (base.audit.recently_deleted).
ERASED_REASON = "Erased on request"


# Sent in the erasing transaction, once the record's rows are rewritten: a store that keeps its
# own copy of their text (SQLite's search index, search.fts) purges what it still holds of the old.
person_erased = Signal()


class AlreadyErased(Exception):
    pass


def role_wording(person):
    """The words that stand for the person in the record, in the record's language: their
    position and organisation (every person has an organisation)."""
    position = person.position.strip()
    organization = person.organization.name
    with translation.override(settings.LANGUAGE_CODE):
        if position:
            return gettext("the %(position)s of %(organization)s") % {
                "position": position,
                "organization": organization,
            }
        return gettext("a representative of %(organization)s") % {"organization": organization}


def mentions_to_erase(person):
    with translation.override(settings.LANGUAGE_CODE):
        address_wording = gettext("(address erased)")
    return Mentions(
        name=person.name,
        position=person.position,
        wording=role_wording(person),
        addresses=list(person.emails.values_list("address", flat=True)),
        address_wording=address_wording,
    )


@dataclass
class Preview:
    """What an erasure would do, for the confirmation page."""

    wording: str
    addresses: list
    username: str
    named_in: dict = field(default_factory=dict)  # {verbose name plural: rows}
    # Other people whose own name holds theirs: kept, but a text naming one of them could be
    # taken for a mention of this person ("Mary Ann Smith" holds "Ann Smith").
    namesakes: list = field(default_factory=list)


def erasure_preview(person):
    mentions = mentions_to_erase(person)
    named_in = {}
    for model, fields in record_tables():
        rows = model._base_manager.all()
        if model is Person:
            rows = rows.exclude(pk=person.pk)
        if model is history_model(Person):
            rows = rows.exclude(id=person.pk)
        found = rows_naming(mentions, model, fields, rows)
        if found:
            named_in[str(capfirst(model._meta.verbose_name_plural))] = len(found)
    namesakes = [
        other.name
        for other in Person.objects.exclude(pk=person.pk).filter(
            name__icontains=mentions.family_name
        )
        if mentions.found_in(other.name)
    ]
    return Preview(
        wording=mentions.wording,
        addresses=mentions.addresses,
        username=person.user.get_username() if person.user_id else "",
        named_in=named_in,
        namesakes=namesakes,
    )


@transaction.atomic
def person_erase(person_pk, by):
    """Erase the person (see the module's docstring); `by`: the user who asked. Raises
    AlreadyErased for a person erased before, and Person.DoesNotExist."""
    # The person's row alone is locked (the account's side of the join may be empty): a second
    # erasure waits for this one, then finds it done.
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("organization", "user")
        .get(pk=person_pk)
    )
    if person.erased_at is not None:
        raise AlreadyErased
    mentions = mentions_to_erase(person)
    user = person.user
    email_ids = list(person.emails.values_list("pk", flat=True))
    log_entries = [
        entry.pk for entry in admin_log_about(person, mentions, user) if entry.is_about_their_rows
    ]

    account.account_erase(user, mentions.addresses)
    EmailAddress.objects.filter(person=person).delete()
    # Their row's and their addresses' versions, the deletions just made included.
    history_model(Person).objects.filter(id=person.pk).delete()
    history_model(EmailAddress).objects.filter(id__in=email_ids).delete()
    history_model(EmailAddress).objects.filter(person_id=person.pk).delete()
    for _model, rows in rows_sent_to(mentions.addresses):
        rows.delete()
    _delete_what_is_not_the_record(person)
    for _table, column, rows in rows_holding(mentions.addresses):
        rows.update(**{column: ""})
    LogEntry.objects.filter(pk__in=log_entries).delete()
    _rewrite_admin_log(mentions)
    replace_everywhere(mentions, excluded={Person: Person.objects.filter(pk=person.pk)})

    _no_longer_focal_point(person, by)

    person.name = capfirst(mentions.wording)[: Person._meta.get_field("name").max_length]
    person.sort_name = ""
    person.slug = unique_slug(Person, person.name)
    person.user = None
    person.contact_visibility = ContactVisibility.HIDDEN
    person.erased_at = timezone.now()
    person._change_reason = ERASED_REASON
    person._history_user = by
    person.save()
    person_erased.send(sender=Person, person=person)
    return person


def _no_longer_focal_point(person, by):
    """Their row stays, so the key's SET_NULL does not apply: the organisations they were the
    focal point of have none, each saved with its history saying why."""
    for organization in Organization.objects.filter(focal_point=person):
        organization.focal_point = None
        organization._change_reason = ERASED_REASON
        organization._history_user = by
        organization.save(update_fields=["focal_point"])


def _delete_what_is_not_the_record(person):
    for name in DELETED_WITH_THEM:
        rows = getattr(person, name).all()
        hung_off = _histories_hanging_off(rows.model)
        pks = list(rows.values_list("pk", flat=True)) if hung_off else []
        rows.delete()
        history = history_model(rows.model)
        if history is not None:
            history.objects.filter(person_id=person.pk).delete()
        # The versions of the rows deleted with theirs (a review's comments), deletions included.
        for rows_history, column in hung_off:
            rows_history.objects.filter(**{f"{column}__in": pks}).delete()


def _histories_hanging_off(model):
    """[(history model, column)] of the histories whose rows refer to a row of `model`."""
    return [
        (history_model(other), reference.attname)
        for other in history_models()
        for reference in tracked_fields(other)
        if reference.many_to_one and reference.related_model is model
    ]


def _rewrite_admin_log(mentions):
    """The admin's log entries of other rows that name them (an attendance names its person)."""
    entries = [
        entry
        for entry in LogEntry.objects.filter(
            mentions.candidates([LogEntry._meta.get_field("object_repr")])
        )
        if mentions.found_in(entry.object_repr)
    ]
    for entry in entries:
        entry.object_repr = mentions.replaced(entry.object_repr)[:200]
    LogEntry.objects.bulk_update(entries, ["object_repr"])
