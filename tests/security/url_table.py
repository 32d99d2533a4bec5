"""The S1 table: every URL the URL configuration declares, with the answer each role gets; and
the walk of its public pages that S2, S6 and the drafts test share.

A page added without an entry in the table fails `test_s1_every_url_has_an_entry`; a public
entry added to the table is walked by every test that walks the public pages (a feed, an export,
a JSON view: S2 searches it for addresses as soon as it is here). Admin pages of a registered
model follow `admin_model_expectation` (a new model is checked as soon as it is registered); any
other admin page (a custom view such as the participant-list import) needs its own entry.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from comment_rounds.links import make_token as make_reviewer_token
from following.unsubscribe_links import make_unsubscribe_token as make_follow_unsubscribe_token
from invitations.links import make_token
from invitations.models import EmailKind
from invitations.unsubscribe_links import make_unsubscribe_token
from tests.responses import read_streaming

ROLES = ["anonymous", "member", "staff", "secretariat", "superuser"]
PORTAL_APPS = {
    "partners",
    "pathfinders",
    "actiongroups",
    "meetings",
    "invitations",
    "comment_rounds",
    "site_pages",
    "following",
}

LOGIN = "302 to sign-in"
ADMIN_LOGIN = "302 to admin sign-in"
REDIRECT = "302 on the site"


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def by_role(anonymous, member, staff, secretariat, superuser):
    return dict(zip(ROLES, [anonymous, member, staff, secretariat, superuser], strict=True))


PUBLIC = everyone(200)
SIGNED_IN = by_role(LOGIN, 200, 200, 200, 200)
ADMIN_STAFF = by_role(ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200)
ADMIN_SECRETARIAT = by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 200, 200)
ADMIN_SUPERUSER = by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200)


@dataclass(frozen=True)
class EveryObject:
    """A detail page, by slug: S1 asks it for one object, the public walk for every one."""

    model_label: str
    # Whether the walk may find no row (the 2019 record has none of them).
    may_be_empty = False

    def __call__(self, data):
        return self.url_kwargs(self.rows().first())

    def url_kwargs(self, obj):
        return {"slug": obj.slug}

    def rows(self):
        # Every row, drafts included: what a visitor may not see must answer 404.
        return apps.get_model(self.model_label)._base_manager.order_by("pk")


def a_deleted_row(data):
    """A row deleted just now: the restore page's arguments for it."""
    objective = apps.get_model("meetings.Objective").objects.create(
        meeting=data.meeting, position=99, text="Deleted by mistake."
    )
    deleted = objective.history.model.objects.filter(id=objective.pk)
    objective.delete()
    row = deleted.get(history_type="-")
    return {"label": "meetings.objective", "history_id": row.history_id}


def a_deleting_save(data):
    """A save that deleted a row just now: its restore page's argument."""
    row = a_deleted_row(data)
    history = apps.get_model("meetings.Objective").history
    return {"save": history.get(history_id=row["history_id"]).history_save}


def a_registration():
    return apps.get_model("invitations.Registration").objects.order_by("pk").first().pk


def a_row_of(model_name, app_label="comment_rounds"):
    model = apps.get_model(app_label, model_name)
    return {"object_id": model.objects.order_by("pk").first().pk}


def a_round():
    return {"object_id": apps.get_model("comment_rounds.CommentRound").objects.first().pk}


def a_person():
    return {"object_id": apps.get_model("partners.Person").objects.order_by("pk").first().pk}


@dataclass(frozen=True)
class EveryFile(EveryObject):
    """A document's file, by the document's slug: every document that has one. The 2019 record
    has none (the report links no file), so the walk may find none until a test uploads one."""

    model_label: str = "meetings.Document"
    may_be_empty = True

    def rows(self):
        return super().rows().exclude(file="")


@dataclass(frozen=True)
class EveryPack(EveryObject):
    """A meeting's briefing pack as one ZIP: every meeting whose pack has a document (the 2019
    record's has none, so the walk may find none)."""

    model_label: str = "meetings.Meeting"
    may_be_empty = True

    def rows(self):
        with_pack = apps.get_model("meetings.Document")._base_manager.filter(
            briefing_pack_position__isnull=False
        )
        return super().rows().filter(pk__in=with_pack.values("meeting"))


@dataclass(frozen=True)
class EveryPackFile(EveryObject):
    """A document's file as its meeting's briefing pack gives it: every document of a pack that
    has a file."""

    model_label: str = "meetings.Document"
    may_be_empty = True

    def url_kwargs(self, obj):
        return {"slug": obj.meeting.slug, "document": obj.slug}

    def rows(self):
        rows = super().rows().exclude(file="").select_related("meeting")
        return rows.filter(briefing_pack_position__isnull=False, meeting__isnull=False)


@dataclass(frozen=True)
class EveryInvitationLink(EveryObject):
    """An invitee's personal link, for every invitation (the 2019 record has none; S1's data has
    one, whose invitee has no account)."""

    model_label: str = "invitations.Invitation"
    may_be_empty = True

    def url_kwargs(self, obj):
        return {"token": make_token(obj)}


@dataclass(frozen=True)
class EveryUnsubscribeLink(EveryInvitationLink):
    """The link that stops reminders, in the reminders to every invitee."""

    def url_kwargs(self, obj):
        return {"token": make_unsubscribe_token(obj.person_id, EmailKind.REMINDER)}


@dataclass(frozen=True)
class EveryRound(EveryObject):
    """A comment round, by its number (the 2019 record has none)."""

    model_label: str = "comment_rounds.CommentRound"
    may_be_empty = True

    def url_kwargs(self, obj):
        return {"pk": obj.pk}


@dataclass(frozen=True)
class EveryReviewerLink(EveryObject):
    """A reviewer's personal link to a round's draft record, for every reviewer (the 2019 record
    has none)."""

    model_label: str = "comment_rounds.Reviewer"
    may_be_empty = True

    def url_kwargs(self, obj):
        return {"token": make_reviewer_token(obj)}


@dataclass(frozen=True)
class EveryFollowUnsubscribeLink(EveryObject):
    """The link in a follow's digest that stops that follow, for every follow (the 2019 record
    has none; S1's data has one)."""

    model_label: str = "following.Follow"
    may_be_empty = True

    def url_kwargs(self, obj):
        return {"token": make_follow_unsubscribe_token(obj)}


def a_follow_page(data):
    country = apps.get_model("partners.Country").objects.order_by("pk").first()
    return {"kind": "country", "slug": country.slug}


# URL name -> (how to fill its arguments, expected answer per role). Query strings go in "query".
SITE = {
    # For load balancers and process managers (alliance87/health.py); they show no record.
    "healthz": (None, PUBLIC),
    "readyz": (None, PUBLIC),
    "robots_txt": (None, PUBLIC),
    # The test settings name no SECURITY_CONTACT, so there is no file
    # (tests/alliance87/test_site_files.py serves it with one).
    "security_txt": (None, everyone(404)),
    "home": (None, PUBLIC),
    # The meetings of the record, under the planned (announced) meetings still to come.
    "meetings:list": (None, PUBLIC),
    # A meeting's record; an announced draft's announcement alone to anyone but staff
    # (meetings.planned_meetings), any other draft's 404.
    "meetings:detail": (EveryObject("meetings.Meeting"), PUBLIC),
    # The record as a printable report; its participants' addresses for signed-in users only.
    "meetings:report": (EveryObject("meetings.Meeting"), PUBLIC),
    "meetings:events": (None, PUBLIC),
    # The calendar as iCalendar, and the record as JSON: public, addresses for signed-in readers.
    "meetings:events_ics": (None, PUBLIC),
    "meetings:events_json": (None, PUBLIC),
    "meetings:list_json": (None, PUBLIC),
    "meetings:detail_json": (EveryObject("meetings.Meeting"), PUBLIC),
    # A meeting's interventions and attendance as CSV, never with an address.
    "meetings:interventions_csv": (EveryObject("meetings.Meeting"), PUBLIC),
    "meetings:attendance_csv": (EveryObject("meetings.Meeting"), PUBLIC),
    "pathfinders:country_list_json": (None, PUBLIC),
    "directory:organization_list_json": (None, PUBLIC),
    "directory:action_group_list_json": (None, PUBLIC),
    "directory:people_json": (None, PUBLIC),
    # The directory's downloads, with addresses: signed-in users only.
    "directory:people_csv": (None, SIGNED_IN),
    "directory:people_vcard": (None, SIGNED_IN),
    # Every decision and follow-up; a draft meeting's for staff only, as its page.
    "meetings:followups": (None, PUBLIC),
    # Who took the floor, by stakeholder group, over the meetings the visitor may see.
    "meetings:voices": (None, PUBLIC),
    # A document's file, as its page (a draft's file answers 404 to visitors, as its page does).
    "meetings:document_file": (EveryFile(), PUBLIC),
    # A meeting's briefing pack, as a page, one ZIP and each file (invitations.briefing_pack):
    # everyone's once the meeting is published; before, its invitees' and (once it is announced)
    # members'; drafts in the pack staff's alone. A visitor who may not have it: 404.
    "briefing_pack:page": (EveryObject("meetings.Meeting"), PUBLIC),
    "briefing_pack:zip": (EveryPack(), PUBLIC),
    "briefing_pack:document": (EveryPackFile(), PUBLIC),
    # The public lists' Atom feeds (feeds/): what a visitor sees, whoever reads them.
    "feeds:events": (None, PUBLIC),
    "feeds:followups": (None, PUBLIC),
    "feeds:voices": (None, PUBLIC),
    "feeds:milestones": (None, PUBLIC),
    "feeds:action_groups": (None, PUBLIC),
    "feeds:organizations": (None, PUBLIC),
    "feeds:people": (None, PUBLIC),
    "pathfinders:country_list": (None, PUBLIC),
    "pathfinders:country_detail": (EveryObject("partners.Country"), PUBLIC),
    "directory:action_group_list": (None, PUBLIC),
    "directory:action_group_detail": (EveryObject("actiongroups.ActionGroup"), PUBLIC),
    "directory:organization_list": (None, PUBLIC),
    "directory:organization_detail": (EveryObject("partners.Organization"), PUBLIC),
    # Names and organisations are public; the addresses in it are for signed-in users only.
    "directory:people": (None, PUBLIC),
    # A member's own page: their record and their contact details (unlinked: how to be linked),
    # their invitations and the e-mails they receive.
    "directory:me": (None, SIGNED_IN),
    # The invitee's page, by their personal link: to whoever holds it, not signed in; signed in,
    # to the invitee's own account alone (others: 403, the invitation not shown).
    "invitations:answer": (EveryInvitationLink(), by_role(200, 403, 403, 403, 403)),
    # A round's draft record, to its reviewers alone (comment_rounds.access): by its number to a
    # signed-in reviewer (anyone else: 404); by a reviewer's personal link, to whoever holds it,
    # not signed in; signed in, to the reviewer's own account alone (others: 403).
    "comment_rounds:page": (EveryRound(), everyone(404)),
    "comment_rounds:by_link": (EveryReviewerLink(), by_role(200, 403, 403, 403, 403)),
    # Stopping an optional e-mail from its link: a confirmation with a button (a POST stops it).
    "invitations:unsubscribe": (EveryUnsubscribeLink(), PUBLIC),
    # Following (following/): a target's follow page, the member's own (never cached); the link
    # of a digest that stops that follow, to whoever holds it; each followed target's Atom feed.
    "following:follow": (a_follow_page, SIGNED_IN),
    "following:follow_meetings": (None, SIGNED_IN),
    "following:unsubscribe": (EveryFollowUnsubscribeLink(), PUBLIC),
    "following:country_feed": (EveryObject("partners.Country"), PUBLIC),
    "following:action_group_feed": (EveryObject("actiongroups.ActionGroup"), PUBLIC),
    "following:organization_feed": (EveryObject("partners.Organization"), PUBLIC),
    "following:meetings_feed": (None, PUBLIC),
    # The follows are the members' own choices: the Secretariat sees and may stop them, never
    # adds one.
    "admin:following_follow_add": (None, by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403)),
    # The member's choice of e-mails, posted from /me/ (a GET goes back there).
    "invitations:email_preferences": (None, by_role(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    # What the portal says about itself (site_pages): the Secretariat's text, the privacy
    # page's facts, the contact form (a POST sends it) and its thank-you page; the sitemap,
    # the same for everyone (a visitor's: never a draft).
    "site_pages:about": (None, PUBLIC),
    "site_pages:join": (None, PUBLIC),
    "site_pages:privacy": (None, PUBLIC),
    "site_pages:contact": (None, PUBLIC),
    "site_pages:contact_sent": (None, PUBLIC),
    "site_pages:sitemap": (None, PUBLIC),
    # The contact form's messages are written from the form alone, never in the admin.
    "admin:site_pages_contactmessage_add": (None, by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403)),
    # The site-wide search: drafts for staff only; addresses searched and shown for members only.
    "search:results": ({"query": "q=ILO"}, PUBLIC),
    "login": (None, PUBLIC),
    # The same two-step sign-in under the name django-two-factor-auth reverses (an alias).
    "two_factor:login": (None, PUBLIC),
    # The account's second factor: what it has, setting one up (staff here have one: on to the
    # end of the set-up). Recovery codes and the end of the set-up need a session that gave its
    # second factor (members here have none: to sign-in).
    "two_factor:profile": (None, SIGNED_IN),
    "two_factor:setup": (None, by_role(LOGIN, 200, REDIRECT, REDIRECT, REDIRECT)),
    "two_factor:setup_complete": (None, SIGNED_IN | {"member": LOGIN}),
    "two_factor:backup_tokens": (None, SIGNED_IN | {"member": LOGIN}),
    # The QR code of a set-up in progress: none here, so nothing to show.
    "two_factor:qr": (None, by_role(LOGIN, 404, 404, 404, 404)),
    # Turning it off: a member without one, a visitor, and staff (who keep theirs) are sent back.
    "two_factor:disable": (None, everyone(REDIRECT)),
    # A passkey's scripts, for a set-up or a sign-in in progress: none here.
    "two_factor:webauthn:create_credential": (None, by_role(LOGIN, 404, 404, 404, 404)),
    "two_factor:webauthn:get_credential": (None, everyone(404)),
    # Signing out is a POST (a GET could be forged by any page linking here).
    "logout": (None, everyone(405)),
    # The language switcher POSTs here; a GET changes nothing and is sent back to the site.
    "set_language": (None, everyone(REDIRECT)),
    "password_change": (None, SIGNED_IN),
    # Asks the password again before ending every session of the account.
    "sign_out_everywhere": (None, SIGNED_IN),
    # For the admin's forms: whether the reader is still signed in (a visitor: 401, no data).
    "still_here": (None, by_role(401, 200, 200, 200, 200)),
    "password_change_done": (None, SIGNED_IN),
    "password_reset": (None, PUBLIC),
    "password_reset_done": (None, PUBLIC),
    # A made-up link: the page says the link is not valid.
    "password_reset_confirm": (lambda data: {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    "password_reset_complete": (None, PUBLIC),
    "admin:index": (None, ADMIN_STAFF),
    # The portal's two-step sign-in serves the admin too; staff already in go to the index.
    "admin:login": (None, by_role(LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT)),
    # POST only for staff; anyone else is sent to the index (and from there to sign-in).
    "admin:logout": (None, by_role(REDIRECT, REDIRECT, 405, 405, 405)),
    "admin:password_change": (None, ADMIN_STAFF),
    "admin:password_change_done": (None, ADMIN_STAFF),
    "admin:jsi18n": (None, ADMIN_STAFF),
    "admin:autocomplete": (
        {"query": "app_label=meetings&model_name=intervention&field_name=organization"},
        ADMIN_SECRETARIAT,
    ),
    "admin:view_on_site": (
        lambda data: {
            "content_type_id": ContentType.objects.get_for_model(data.meeting).pk,
            "object_id": data.meeting.pk,
        },
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT, REDIRECT, REDIRECT),
    ),
    # Unknown admin addresses: outsiders learn nothing, not even that the page is missing.
    "admin:catch_all": (
        {"path": "/admin/no-such-page/"},
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, 404, 404, 404),
    ),
    # Accounts belong to the superuser alone.
    "admin:auth_user_password_change": (
        lambda data: {"id": data.users["member"].pk},
        ADMIN_SUPERUSER,
    ),
    # Resetting another account's lost second factor.
    "admin:auth_user_reset_second_factor": (
        lambda data: {"object_id": data.users["member"].pk},
        ADMIN_SUPERUSER,
    ),
    # Deleted records, listed and restored (view and add permissions on the models).
    "admin:recently_deleted": (None, ADMIN_SECRETARIAT),
    "admin:recently_deleted_restore": (lambda data: a_deleted_row(data), ADMIN_SECRETARIAT),
    "admin:recently_deleted_restore_save": (lambda data: a_deleting_save(data), ADMIN_SECRETARIAT),
    # The Secretariat's participant-list import (change permission on the meeting).
    "admin:meetings_meeting_import_participants": (
        lambda data: {"object_id": data.meeting.pk},
        ADMIN_SECRETARIAT,
    ),
    # Publishing a meeting and returning it to draft (change permission on the meeting).
    "admin:meetings_meeting_publish": (
        lambda data: {"object_id": data.meeting.pk},
        ADMIN_SECRETARIAT,
    ),
    "admin:meetings_meeting_return_to_draft": (
        lambda data: {"object_id": data.meeting.pk},
        ADMIN_SECRETARIAT,
    ),
    # Everything held about a person, as a page and as JSON, and their erasure's confirmation
    # (partners.export_personal_data, partners.erase_person: the Secretariat's).
    "admin:partners_person_personal_data": (lambda data: a_person(), ADMIN_SECRETARIAT),
    "admin:partners_person_personal_data_json": (lambda data: a_person(), ADMIN_SECRETARIAT),
    "admin:partners_person_erase": (lambda data: a_person(), ADMIN_SECRETARIAT),
    # A meeting's registrations as CSV (view permission on registrations), and its attendance
    # filled from them (that, and adding attendance and people: the Secretariat's).
    "admin:invitations_registration_export": (
        lambda data: {"meeting_id": data.meeting.pk},
        ADMIN_SECRETARIAT,
    ),
    "admin:invitations_registration_fill_attendance": (
        lambda data: {"meeting_id": data.meeting.pk},
        ADMIN_SECRETARIAT,
    ),
    # Nobody is invited or uninvited from the registrations (the invitations' pages do it).
    "admin:invitations_registration_add": (None, by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403)),
    "admin:invitations_registration_delete": (
        lambda data: {"object_id": a_registration()},
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403),
    ),
    # Inviting people to a meeting (add permission on invitations).
    "admin:invitations_invitation_invite": (None, ADMIN_SECRETARIAT),
    # A meeting's comment round from the meeting's page: its round, or the form opening one
    # (view and add permission on rounds); closing, re-circulating and resolving a round (its
    # change permission; the resolve page also to read with its view permission).
    "admin:comment_rounds_commentround_for_meeting": (
        lambda data: {"meeting_id": data.meeting.pk},
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, REDIRECT, REDIRECT),
    ),
    "admin:comment_rounds_commentround_close": (lambda data: a_round(), ADMIN_SECRETARIAT),
    "admin:comment_rounds_commentround_recirculate": (lambda data: a_round(), ADMIN_SECRETARIAT),
    "admin:comment_rounds_commentround_resolve": (lambda data: a_round(), ADMIN_SECRETARIAT),
    # What reviewers wrote is read, never written nor removed, in the admin.
    **{
        f"admin:comment_rounds_{model}_{kind}": (
            None if kind == "add" else lambda data, model=model: a_row_of(model),
            by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403),
        )
        for model in ("comment",)
        for kind in ("add", "delete")
    },
    # A member's follows are theirs: listed in the admin, never added nor deleted there.
    **{
        f"admin:following_follow_{kind}": (
            None if kind == "add" else lambda data: a_row_of("follow", "following"),
            by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403),
        )
        for kind in ("add", "delete")
    },
    # A workspace row's fields (change permission on the meeting or agenda item); without the
    # row named in the query, a bad request.
    "admin:meetings_meeting_workspace_row": (
        lambda data: {"object_id": data.meeting.pk},
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 400, 400),
    ),
    "admin:meetings_agendaitem_workspace_row": (
        lambda data: {"object_id": data.meeting.agenda_items.first().pk},
        by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 400, 400),
    ),
}

MODEL_KINDS = {"changelist", "add", "change", "delete", "history", "simple_history", "redirect"}


def admin_model_expectation(app_label, model_name, kind):
    """The rule for the admin's own pages of a registered model."""
    if kind == "redirect":  # /admin/<app>/<model>/<id>/ forwards to .../change/
        return by_role(ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT, REDIRECT, REDIRECT)
    if app_label in PORTAL_APPS:
        return ADMIN_SECRETARIAT
    if app_label == "axes" and kind == "add":  # the sign-in log is written by sign-ins only
        return by_role(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403)
    return ADMIN_SUPERUSER


def app_list_expectation(app_label):
    # An app with nothing the user may see is "not found" for staff, as Django's admin answers.
    secretariat = 200 if app_label in PORTAL_APPS else 404
    return by_role(ADMIN_LOGIN, ADMIN_LOGIN, 404, secretariat, 200)


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        else:
            assert isinstance(pattern, URLPattern)
            yield namespace, pattern.name, prefix + str(pattern.pattern)


def model_admins():
    return {
        f"{model._meta.app_label}_{model._meta.model_name}": model for model in admin.site._registry
    }


def url_entries():
    """(key, model or None, kind) for every pattern the URL configuration declares."""
    models = model_admins()
    for namespace, name, route in walk(get_resolver().url_patterns):
        if name is None and namespace == "admin":
            if route.endswith("(?P<url>.*)$"):
                yield "admin:catch_all", None, None
                continue
            model_part = route.removeprefix("admin/").removesuffix("/<path:object_id>/")
            app_label, model_name = model_part.split("/")
            yield (
                f"admin:{app_label}_{model_name}_redirect",
                models[f"{app_label}_{model_name}"],
                "redirect",
            )
            continue
        assert name, f"unnamed URL pattern {route!r}: name it and add it to the table"
        key = f"{namespace}:{name}" if namespace else name
        if key == "admin:app_list":
            for app_label in {m._meta.app_label for m in admin.site._registry}:
                yield f"admin:app_list:{app_label}", app_label, "app_list"
            continue
        if namespace == "admin" and key not in SITE:
            for prefix, model in models.items():
                kind = name.removeprefix(f"{prefix}_")
                if name.startswith(f"{prefix}_") and kind in MODEL_KINDS:
                    yield key, model, kind
                    break
            else:
                yield key, None, None
            continue
        yield key, None, None


# The public pages ------------------------------------------------------------------------------


# Another name for a page of the table, walked under its first name.
ALIASES = {"two_factor:login"}


def public_entries():
    """The entries of the table an anonymous visitor gets a page from."""
    return [
        key
        for key, (_how, expected) in SITE.items()
        if expected["anonymous"] == 200 and key not in ALIASES
    ]


def entry_urls(key):
    """The entry's URLs: one, or for a detail page one per object of its model."""
    how = SITE[key][0]
    if how is None:
        return [reverse(key)]
    if isinstance(how, EveryObject):
        return [reverse(key, kwargs=how.url_kwargs(obj)) for obj in how.rows()]
    if isinstance(how, dict):
        return [how["path"]] if "path" in how else [f"{reverse(key)}?{how['query']}"]
    return [reverse(key, kwargs=how(None))]


def public_urls():
    """Every public entry's URLs (every object of a detail page), without the filters' choices."""
    return [url for key in public_entries() for url in entry_urls(key)]


class FilterFormParser(HTMLParser):
    """The fields of a page's filter form (`<form class="filters">`): the value of every
    `<option>` of each `<select>`, and the names of its text fields."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.select = None
        self.selects = []
        self.options = []  # (name, value)
        self.text_fields = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "filters" in (attrs.get("class") or "").split():
            self.in_form = True
        elif not self.in_form:
            return
        elif tag == "select":
            self.select = attrs["name"]
            self.selects.append(self.select)
        elif tag == "option" and self.select and attrs.get("value"):
            self.options.append((self.select, attrs["value"]))
        elif tag == "input" and attrs.get("type", "text") in ("text", "search"):
            self.text_fields.append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False


def filter_fields(body):
    """The names of the page's filter fields: ([choice fields], [text fields])."""
    parser = FilterFormParser()
    parser.feed(body)
    return sorted(parser.selects), sorted(parser.text_fields)


def filter_queries(body):
    """One query string per choice of each filter of the page (and one per text field)."""
    parser = FilterFormParser()
    parser.feed(body)
    queries = [urlencode({name: value}) for name, value in parser.options]
    # A text field (the directory's name search): a letter nearly every name holds.
    queries += [urlencode({name: "a"}) for name in parser.text_fields]
    return queries


class NextLinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.next = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("rel") == "next":
            self.next = attrs["href"]


def next_page(url, body):
    """The URL of the page after this one of a paginated list, or None."""
    parser = NextLinkParser()
    parser.feed(body)
    if parser.next is None:
        return None
    assert parser.next.startswith("?"), parser.next  # the pagination keeps the path
    return urlsplit(url).path + parser.next


def text_of(response):
    """The response's body as text: a page, or a file (the tests' files are ASCII; a briefing
    pack's ZIP stores its cover and files as they are, between binary headers), read to the end,
    which closes it (tests/responses.py)."""
    if not response.streaming:
        return response.content.decode()
    return read_streaming(response).decode(errors="replace")


def public_pages(explorer):
    """{entry: {url: page as `explorer` got it}} for every public entry of the table: a detail
    page with every object, a list with every choice of its filters, every page of each.

    Walked as `explorer`: staff find every choice there is (drafts' too), and the tests then
    fetch those URLs as each visitor. Pages that send `explorer` on (staff from a sign-in page)
    are kept as they came. A personal link is walked as its holder is, not signed in (signed in
    as someone else, it is refused).
    """
    pages = {}
    for key in public_entries():
        found = pages[key] = {}
        queue = entry_urls(key)
        how = SITE[key][0]
        assert queue or getattr(how, "may_be_empty", False), f"{key}: nothing to walk it with"
        reader = Client() if isinstance(how, EveryInvitationLink | EveryReviewerLink) else explorer
        while queue:
            url = queue.pop(0)
            if url in found:
                continue
            response = reader.get(url)
            assert response.status_code < 400, (url, response.status_code)
            found[url] = body = text_of(response)  # staff are sent on from sign-in
            if "?" not in url:
                queue += [f"{url}?{query}" for query in filter_queries(body)]
            if following := next_page(url, body):
                queue.append(following)
    return pages


def url_for(key, model, kind, data):
    if kind == "app_list":
        return reverse("admin:app_list", kwargs={"app_label": model})
    if kind in MODEL_KINDS:
        opts = model._meta
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {opts.label} to test its admin pages with: add one"
        base = f"admin:{opts.app_label}_{opts.model_name}"
        if kind in ("changelist", "add"):
            return reverse(f"{base}_{kind}")
        if kind == "redirect":
            return reverse(f"{base}_change", args=[obj.pk]).removesuffix("change/")
        if kind == "simple_history":
            # The historical model's own pk is history_id; the record's id is a plain field there.
            versions = model.history.filter(**{opts.pk.attname: obj.pk})
            version = versions.order_by("history_id").first()
            return reverse(f"{base}_simple_history", args=[obj.pk, version.history_id])
        return reverse(f"{base}_{kind}", args=[obj.pk])
    how = SITE[key][0]
    if isinstance(how, dict):
        if "path" in how:
            return how["path"]
        return f"{reverse(key)}?{how['query']}"
    return reverse(key, kwargs=how(data) if how else None)
