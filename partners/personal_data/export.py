"""Everything the portal holds about one person, for the Secretariat to send them (a subject
access request): as JSON and as a readable page (admin_pages), from one list of sections.

The person and their addresses; their account (never its password hash), its sessions and its
sign-in records; every row that refers to them (attendance, interventions with the follow-ups
arising from them, meetings chaired, offices held, invitations with their answers and the
e-mails sent about them, the e-mails they declined, the comment rounds they took part in with
their comments, the answers to them and their confirmations: `REFERRING`, which
tests/directory/test_personal_data_export.py keeps whole); every row whose text names them, or
whose e-mail column holds their address (a delegate's, typed in someone's answer); the e-mails
sent to their addresses; every history row about them or naming them; the admin's log of their
rows. A fixed number of queries, whatever the number of rows (a few per table).
"""

from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.plugins.webauthn.models import WebauthnDevice

from base.audit.history import history_model, tracked_fields
from base.audit.recently_deleted import history_models
from base.portal_apps import portal_app_configs

from ..models import EmailAddress, Person
from . import account
from .mentions import Mentions, history_text_fields, rows_naming, text_fields

# The rows that refer to a person, by their relation's name on Person.
REFERRING = (
    "emails",
    "attendances",
    "interventions",
    "meetings_chaired",
    "focal_point_of",
    "office_terms",
    "invitations",
    "email_opt_outs",
    "reviews",
)
# Of these, those whose own rows others hang off with a history of their own (a reviewer's
# comments): that history is about them too.
HUNG_OFF = ("reviews",)


@dataclass
class Section:
    key: str
    title: str
    columns: list  # [(key, label)]
    rows: list = field(default_factory=list)  # [{key: value}]

    @property
    def table(self):
        """The rows as lists of values, in the columns' order (for the page)."""
        return [[row.get(key) for key, _label in self.columns] for row in self.rows]


def _rows_of(name):
    return Person._meta.get_field(name).related_model._base_manager


def for_export(people):
    """`people` with what refers to them, in a fixed number of queries."""
    return people.select_related("organization", "user").prefetch_related(
        Prefetch("emails", EmailAddress.objects.order_by("position", "pk")),
        "user__groups",
        Prefetch(
            "attendances",
            _rows_of("attendances").select_related("meeting", "organization"),
        ),
        Prefetch(
            "interventions",
            _rows_of("interventions")
            .select_related("agenda_item__meeting", "organization")
            .prefetch_related("on_behalf_of", "action_points"),
        ),
        Prefetch("meetings_chaired", _rows_of("meetings_chaired").all()),
        Prefetch("focal_point_of", _rows_of("focal_point_of").order_by("name", "pk")),
        Prefetch(
            "office_terms", _rows_of("office_terms").select_related("country", "source_meeting")
        ),
        Prefetch(
            "invitations",
            _rows_of("invitations")
            .select_related("meeting", "organization")
            .order_by("invited_at", "pk"),
        ),
        Prefetch("email_opt_outs", _rows_of("email_opt_outs").order_by("kind")),
        Prefetch(
            "reviews",
            _rows_of("reviews")
            .select_related("round__meeting", "organization")
            .order_by("round__opened_at", "pk"),
        ),
    )


def mentions_of(person):
    """The person's name and addresses, to look for (the wording is the erasure's affair)."""
    return Mentions(
        name=person.name,
        position=person.position,
        wording="",
        addresses=[email.address for email in person.emails.all()],
        address_wording="",
    )


def personal_data(person):
    """(the person's own facts as {key: value}, [Section]) for `person` from `for_export`."""
    mentions = mentions_of(person)
    user = person.user
    addresses = mentions.addresses
    facts = {
        "exported_at": timezone.now(),
        "id": person.pk,
        "name": person.name,
        "sort_name": person.sort_name,
        "position": person.position,
        "organization": person.organization.name,
        "organization_acronym": person.organization.acronym,
        "contact_details_shown_to": person.get_contact_visibility_display(),
        "erased_at": person.erased_at,
    }
    sections = [
        _addresses(person),
        _account(user),
        _sessions(user),
        _second_factors(user),
        *_kept_for_the_account(user),
        *[_sign_ins(model, user, addresses) for model in account.SIGN_IN_RECORDS],
        _attendance(person),
        _interventions(person),
        _meetings_chaired(person),
        _focal_point_of(person),
        _office_terms(person),
        _invitations(person),
        _opt_outs(person),
        _comment_rounds(person),
        _comments(person),
        _confirmations(person),
        _named_in_the_record(person, mentions),
        _their_addresses_in_the_record(addresses),
        _sent_to_their_addresses(addresses),
        _history(person, mentions),
        _admin_log(person, mentions),
    ]
    return facts, sections


def as_json(facts, sections):
    return {**facts, **{section.key: section.rows for section in sections}}


# The sections ------------------------------------------------------------------------------------


def _addresses(person):
    return Section(
        "email_addresses",
        _("E-mail addresses"),
        [("address", _("address")), ("order", _("order"))],
        [{"address": email.address, "order": email.position} for email in person.emails.all()],
    )


def _account(user):
    columns = [
        ("username", _("username")),
        ("first_name", _("first name")),
        ("last_name", _("last name")),
        ("email", _("e-mail address")),
        ("date_joined", _("account made")),
        ("last_login", _("last signed in")),
        ("is_active", _("active")),
        ("is_staff", _("staff")),
        ("is_superuser", _("superuser")),
        ("groups", _("groups")),
    ]
    rows = []
    if user is not None:
        row = {key: getattr(user, key) for key, _label in columns if key != "groups"}
        row["groups"] = [group.name for group in user.groups.all()]
        rows.append(row)
    return Section(
        "account", _("Account (the password is kept only as a hash, not shown)"), columns, rows
    )


def account_models():
    """The portal's models that keep rows for an account (a member's follows): those with a
    foreign key to it. Each says what of its rows the export shows (`PERSONAL_DATA`, its
    `personal_data_rows(user)`); an account's deletion deletes them with it."""
    user_model = get_user_model()
    return [
        model
        for config in portal_app_configs()
        for model in config.get_models()
        if any(
            field.many_to_one and field.related_model is user_model
            for field in model._meta.concrete_fields
        )
        and not model.__name__.startswith("Historical")
    ]


def _kept_for_the_account(user):
    """A section for each of account_models(), one query each."""
    sections = []
    for model in account_models():
        key, title, columns = model.PERSONAL_DATA
        rows = model.personal_data_rows(user) if user is not None else []
        sections.append(Section(key, title, columns, rows))
    return sections


def _sessions(user):
    return Section(
        "sessions",
        _("Sessions open"),
        [("expires", _("ends at the latest"))],
        [{"expires": session.expire_date} for session in account.sessions_of(user)],
    )


def _second_factors(user):
    """What kinds of second factor the account has, never their secrets (an app's key, the
    recovery codes themselves, a passkey's public key)."""
    columns = [
        ("kind", _("kind")),
        ("name", _("name")),
        ("confirmed", _("confirmed")),
        ("last_used", _("last used")),
        ("recovery_codes_left", _("recovery codes left")),
    ]
    rows = []
    if user is not None:
        for kind, devices in [
            ("authenticator app", TOTPDevice.objects.filter(user=user)),
            ("passkey", WebauthnDevice.objects.filter(user=user)),
            (
                "recovery codes",
                StaticDevice.objects.filter(user=user).annotate(left=Count("token_set")),
            ),
        ]:
            for device in devices.order_by("pk"):
                rows.append(
                    {
                        "kind": kind,
                        "name": device.name,
                        "confirmed": device.confirmed,
                        "last_used": device.last_used_at,
                        "recovery_codes_left": getattr(device, "left", None),
                    }
                )
    return Section(
        "second_factors", _("Second factors (their secrets are not shown)"), columns, rows
    )


def _sign_ins(model, user, addresses):
    columns = [
        ("attempt_time", _("time")),
        ("username", _("username typed")),
        ("ip_address", _("IP address")),
        ("user_agent", _("browser")),
        ("path_info", _("page")),
    ]
    names = {field.name for field in model._meta.concrete_fields}
    if "logout_time" in names:
        columns.append(("logout_time", _("signed out")))
    if "failures_since_start" in names:
        columns.append(("failures_since_start", _("failures")))
    rows = [
        {key: getattr(record, key) for key, _label in columns}
        for record in account.sign_in_records(model, user, addresses).order_by("attempt_time")
    ]
    return Section(
        f"sign_in_records_{model._meta.model_name}",
        capfirst(model._meta.verbose_name_plural),
        columns,
        rows,
    )


def _meeting(meeting):
    return f"{meeting.short_label}: {meeting.title} ({meeting.date.isoformat()})"


def _attendance(person):
    return Section(
        "attendance",
        _("Meetings attended"),
        [
            ("meeting", _("meeting")),
            ("organization", _("organisation")),
            ("listed_as", _("listed as")),
            ("position_held", _("position")),
            ("mode", _("attended")),
        ],
        [
            {
                "meeting": _meeting(row.meeting),
                "organization": row.organization.name,
                "listed_as": row.listed_as,
                "position_held": row.position_held,
                "mode": row.get_mode_display(),
            }
            for row in sorted(person.attendances.all(), key=lambda row: row.meeting.date)
        ],
    )


def _interventions(person):
    return Section(
        "interventions",
        _("What they said (interventions), with the follow-ups arising"),
        [
            ("meeting", _("meeting")),
            ("agenda_item", _("agenda item")),
            ("organization", _("organisation")),
            ("on_behalf_of", _("also on behalf of")),
            ("speaking_as", _("speaking as")),
            ("kind", _("kind")),
            ("summary", _("summary")),
            ("follow_ups", _("follow-ups arising")),
        ],
        [
            {
                "meeting": _meeting(row.agenda_item.meeting),
                "agenda_item": row.agenda_item.number_and_title,
                "organization": row.organization.name,
                "on_behalf_of": [organization.name for organization in row.on_behalf_of.all()],
                "speaking_as": row.speaking_as,
                "kind": row.get_kind_display(),
                "summary": row.summary,
                "follow_ups": [point.text for point in row.action_points.all()],
            }
            for row in person.interventions.all()
        ],
    )


def _meetings_chaired(person):
    return Section(
        "meetings_chaired",
        _("Meetings chaired"),
        [("meeting", _("meeting"))],
        [{"meeting": _meeting(meeting)} for meeting in person.meetings_chaired.all()],
    )


def _focal_point_of(person):
    return Section(
        "focal_point_of",
        _("Focal point of"),
        [("organization", _("organisation"))],
        [{"organization": organization.name} for organization in person.focal_point_of.all()],
    )


def _office_terms(person):
    return Section(
        "office_terms",
        _("Offices held for a country"),
        [
            ("office", _("office")),
            ("country", _("country")),
            ("from", _("from")),
            ("until", _("until")),
        ],
        [
            {
                "office": term.get_office_display(),
                "country": term.country.name,
                "from": term.start_date,
                "until": term.end_date,
            }
            for term in person.office_terms.all()
        ],
    )


def _sent_about(person):
    """{invitation id: ["Reminder to answer, 2019-11-02", ...]}: one query, always (a prefetch
    through the invitations would cost one more only when there are some)."""
    invitations = Person._meta.get_field("invitations").related_model
    sent_emails = invitations._meta.get_field("sent_emails").related_model
    found = {}
    rows = sent_emails._base_manager.filter(invitation__person=person)
    for sent in rows.order_by("sent_on", "kind", "pk"):
        found.setdefault(sent.invitation_id, []).append(
            f"{sent.get_kind_display()}, {sent.sent_on.isoformat()}"
        )
    return found


def _invitations(person):
    sent = _sent_about(person)
    return Section(
        "invitations",
        _("Invitations to meetings, with their answers and the e-mails sent about them"),
        [
            ("meeting", _("meeting")),
            ("invited_as", _("invited as")),
            ("invited_at", _("invited at")),
            ("language", _("language of the e-mails")),
            ("answer", _("answer")),
            ("organization", _("for the organisation")),
            ("delegate_name", _("delegate's name")),
            ("delegate_email", _("delegate's e-mail address")),
            ("delegate_position", _("delegate's position")),
            ("delegate_mode", _("the delegate attends")),
            ("answered_at", _("answered at")),
            ("emails_sent", _("e-mails sent")),
        ],
        [
            {
                "meeting": _meeting(row.meeting),
                "invited_as": row.invited_as,
                "invited_at": row.invited_at,
                "language": row.language,
                "answer": row.get_answer_display(),
                "organization": row.organization.name if row.organization else "",
                "delegate_name": row.delegate_name,
                "delegate_email": row.delegate_email,
                "delegate_position": row.delegate_position,
                "delegate_mode": row.get_delegate_mode_display(),
                "answered_at": row.answered_at,
                "emails_sent": sent.get(row.pk, []),
            }
            for row in person.invitations.all()
        ],
    )


def _opt_outs(person):
    return Section(
        "email_opt_outs",
        _("E-mails they declined"),
        [("kind", _("e-mail")), ("since", _("since"))],
        [
            {"kind": row.get_kind_display(), "since": row.since}
            for row in person.email_opt_outs.all()
        ],
    )


def _rows_hanging_off_reviews(name):
    reviews = Person._meta.get_field("reviews").related_model
    return reviews._meta.get_field(name).related_model._base_manager


def _comment_rounds(person):
    return Section(
        "comment_rounds",
        _("Draft meeting records they were asked to comment on (comment rounds)"),
        [
            ("meeting", _("meeting")),
            ("organization", _("for the organisation")),
            ("language", _("language of the e-mails")),
            ("added_at", _("added at")),
        ],
        [
            {
                "meeting": _meeting(review.round.meeting),
                "organization": review.organization.name if review.organization else "",
                "language": review.language,
                "added_at": review.added_at,
            }
            for review in person.reviews.all()
        ],
    )


def _comments(person):
    """Their comments with the Secretariat's answers: one query, always (a prefetch through
    their reviews would cost one more only when there are some)."""
    comments = (
        _rows_hanging_off_reviews("comments")
        .filter(reviewer__person=person)
        .select_related("round__meeting")
        .order_by("made_at", "pk")
    )
    return Section(
        "comments",
        _("Their comments on draft meeting records, with the answers"),
        [
            ("meeting", _("meeting")),
            ("place", _("on")),
            ("text", _("comment")),
            ("proposed_wording", _("proposed wording")),
            ("made_at", _("made at")),
            ("answer", _("answer")),
            ("reply", _("reply")),
            ("answered_at", _("answered at")),
            ("wording_applied_at", _("wording applied at")),
        ],
        [
            {
                "meeting": _meeting(comment.round.meeting),
                "place": comment.place,
                "text": comment.text,
                "proposed_wording": comment.proposed_wording,
                "made_at": comment.made_at,
                "answer": comment.get_resolution_display(),
                "reply": comment.reply,
                "answered_at": comment.resolved_at,
                "wording_applied_at": comment.wording_applied_at,
            }
            for comment in comments
        ],
    )


def _confirmations(person):
    """The interventions they confirmed as summarised: one query, always."""
    confirmations = (
        _rows_hanging_off_reviews("confirmations")
        .filter(reviewer__person=person)
        .select_related("round__meeting", "intervention__agenda_item")
        .order_by("confirmed_at", "pk")
    )
    return Section(
        "confirmations",
        _("Interventions they confirmed as summarised"),
        [
            ("meeting", _("meeting")),
            ("agenda_item", _("agenda item")),
            ("summary", _("summary")),
            ("confirmed_at", _("confirmed at")),
        ],
        [
            {
                "meeting": _meeting(row.round.meeting),
                "agenda_item": row.intervention.agenda_item.number_and_title,
                "summary": row.intervention.summary,
                "confirmed_at": row.confirmed_at,
            }
            for row in confirmations
        ],
    )


def _text_columns():
    return [
        ("record", _("record")),
        ("model", _("table")),
        ("id", _("number")),
        ("field", _("column")),
        ("text", _("text")),
    ]


def _named_in_the_record(person, mentions):
    """Rows of the record (not their history) whose text names them: summaries, narratives,
    decisions, follow-ups... The person's own row is in the facts above."""
    rows = []
    for model in history_models():
        fields = text_fields(model)
        if not fields:
            continue
        others = model._base_manager.exclude(pk=person.pk) if model is Person else None
        for row, named in rows_naming(mentions, model, fields, others):
            for name in named:
                rows.append(
                    {
                        "record": str(capfirst(model._meta.verbose_name)),
                        "model": model._meta.label_lower,
                        "id": row.pk,
                        "field": str(model._meta.get_field(name).verbose_name),
                        "text": getattr(row, name),
                    }
                )
    return Section(
        "named_in_the_record", _("Texts of the record that name them"), _text_columns(), rows
    )


def _address_columns():
    """(model, its address columns) for the portal's tables that keep an address they sent to
    (the follow-up digests), not the addresses themselves."""
    histories = {history_model(model) for model in history_models()}
    for config in portal_app_configs():
        for model in config.get_models():
            # A proxy (an invitation seen as a registration) is its model's table again.
            if (
                model is EmailAddress
                or model._meta.proxy
                or model in histories
                or history_model(model) is not None
            ):
                continue
            fields = [f for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]
            if fields:
                yield model, fields


def rows_sent_to(addresses):
    """[(model, queryset)] of the rows that keep one of `addresses` (one query each)."""
    found = []
    for model, fields in _address_columns():
        if not addresses:
            found.append((model, model._base_manager.none()))
            continue
        condition = Q()
        for address_field in fields:
            for address in addresses:
                condition |= Q(**{f"{address_field.name}__iexact": address})
        found.append((model, model._base_manager.filter(condition)))
    return found


def _sent_to_their_addresses(addresses):
    rows = []
    for model, queryset in rows_sent_to(addresses):
        for row in queryset:
            rows.append(
                {
                    "record": str(capfirst(model._meta.verbose_name)),
                    "model": model._meta.label_lower,
                    "details": {
                        f.name: getattr(row, f.attname) for f in model._meta.concrete_fields
                    },
                }
            )
    return Section(
        "sent_to_their_addresses",
        _("What was sent to their addresses"),
        [("record", _("record")), ("model", _("table")), ("details", _("details"))],
        rows,
    )


def _record_address_columns():
    """(model, its e-mail columns) for the record's tables other than the addresses themselves
    whose rows may hold a person's address (an invitation's delegate)."""
    for model in history_models():
        if model is EmailAddress:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]
        if fields:
            yield model, fields


def _holding(table, field_name, addresses):
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(**{f"{field_name}__iexact": address})
    return table._base_manager.filter(condition)


def rows_holding(addresses):
    """[(table, column, queryset)] of the rows of the record and of its history whose e-mail
    column holds one of `addresses` (one query each, when read)."""
    return [
        (table, column.name, _holding(table, column.name, addresses))
        for model, fields in _record_address_columns()
        for table in (model, history_model(model))
        for column in fields
    ]


def _their_addresses_in_the_record(addresses):
    rows = [
        {
            "record": str(capfirst(model._meta.verbose_name)),
            "model": model._meta.label_lower,
            "id": row.pk,
            "field": str(address_field.verbose_name),
            "text": getattr(row, address_field.attname),
        }
        for model, fields in _record_address_columns()
        for address_field in fields
        for row in _holding(model, address_field.name, addresses)
    ]
    return Section(
        "their_addresses_in_the_record",
        _("Rows of the record that hold one of their addresses"),
        _text_columns(),
        rows,
    )


def _theirs(person):
    """{model: pks} of the rows of `HUNG_OFF` that refer to the person (prefetched)."""
    return {
        Person._meta.get_field(name).related_model: {row.pk for row in getattr(person, name).all()}
        for name in HUNG_OFF
    }


def history_about(person, model, mentions):
    """The history rows of `model` about the person (theirs, their addresses', those that refer
    to them or to their rows of HUNG_OFF, as their comments' versions) and those whose text names
    them: [(row, named fields)]. One query."""
    history = history_model(model)
    fields = history_text_fields(model)
    theirs = _theirs(person)
    refers = Q(pk__in=[])
    if model is Person:
        refers = Q(id=person.pk)
    for reference in tracked_fields(model):
        if reference.many_to_one and reference.related_model is Person:
            refers |= Q(**{reference.attname: person.pk})
        if reference.many_to_one and reference.related_model in theirs:
            refers |= Q(**{f"{reference.attname}__in": theirs[reference.related_model]})
    if model is EmailAddress and mentions.addresses:
        for address in mentions.addresses:
            refers |= Q(address__iexact=address)
    found = []
    for row in history.objects.filter(refers | mentions.candidates(fields)).order_by(
        "history_date"
    ):
        named = [f.name for f in fields if mentions.found_in(getattr(row, f.attname))]
        if named or _refers(row, model, person, mentions, theirs):
            found.append((row, named))
    return found


def _refers(row, model, person, mentions, theirs):
    if model is Person:
        return row.id == person.pk
    if model is EmailAddress and row.address.lower() in {a.lower() for a in mentions.addresses}:
        return True
    return any(
        reference.many_to_one
        and (
            (reference.related_model is Person and getattr(row, reference.attname) == person.pk)
            or getattr(row, reference.attname) in theirs.get(reference.related_model, ())
        )
        for reference in tracked_fields(model)
    )


def _history(person, mentions):
    rows = []
    for model in history_models():
        for row, _named in history_about(person, model, mentions):
            rows.append(
                {
                    "record": str(capfirst(model._meta.verbose_name)),
                    "model": model._meta.label_lower,
                    "id": getattr(row, model._meta.pk.attname),
                    "history_id": row.history_id,
                    "date": row.history_date,
                    "change": row.get_history_type_display(),
                    "reason": row.history_change_reason or "",
                    "fields": {f.attname: getattr(row, f.attname) for f in tracked_fields(model)},
                }
            )
    return Section(
        "history",
        _("Earlier versions (history) about them or naming them"),
        [
            ("record", _("record")),
            ("id", _("number")),
            ("date", _("date")),
            ("change", _("change")),
            ("reason", _("reason")),
            ("fields", _("values")),
        ],
        rows,
    )


def admin_log_about(person, mentions, user=None):
    """The admin's log entries of their row, their addresses' and their account's (marked
    `is_about_their_rows`), and those naming them. One query (and the content types, cached)."""
    types = ContentType.objects.get_for_models(Person, EmailAddress, get_user_model())
    own = {(types[Person].pk, str(person.pk))}
    own |= {(types[EmailAddress].pk, str(email.pk)) for email in person.emails.all()}
    if user is not None:
        own.add((types[get_user_model()].pk, str(user.pk)))
    about = Q(pk__in=[])
    for content_type, object_id in own:
        about |= Q(content_type_id=content_type, object_id=object_id)
    entries = LogEntry.objects.filter(
        about | mentions.candidates([LogEntry._meta.get_field("object_repr")])
    ).order_by("action_time")
    found = []
    for entry in entries:
        entry.is_about_their_rows = (entry.content_type_id, entry.object_id) in own
        if entry.is_about_their_rows or mentions.found_in(entry.object_repr):
            found.append(entry)
    return found


def _admin_log(person, mentions):
    return Section(
        "admin_log",
        _("The admin's log of changes to their rows"),
        [("time", _("time")), ("object", _("record")), ("change", _("change"))],
        [
            {
                "time": entry.action_time,
                "object": entry.object_repr,
                "change": entry.get_change_message(),
            }
            for entry in admin_log_about(person, mentions, person.user)
        ],
    )
