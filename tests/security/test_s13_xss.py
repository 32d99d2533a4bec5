"""S13: names, titles and texts carrying markup are shown escaped on every page that shows them,
the admin included; and nothing in the project can mark data safe: no template applies `safe` or
turns autoescaping off (e-mail bodies, which are plain text, excepted), and no Python code calls
`mark_safe`, `SafeString` or `format_html` on anything but a string written in the code.

The checks read templates through Django's template engine and Python through `ast`, so no
spelling (`|safe`, `| safe`, `{% with y=x|safe %}`, `from ... import mark_safe as trusted`) hides a
use. tests/browser/test_xss_in_browser.py loads the same pages (PAGES) in a real browser.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.template import defaultfilters, engines
from django.template.base import FilterExpression, Node, NodeList
from django.template.defaulttags import AutoEscapeControlNode
from django.template.smartif import TokenBase
from django.test import Client
from django.urls import reverse

from base.portal_apps import portal_app_configs
from invitations.links import make_token
from invitations.models import Answer
from meetings.models import ActionPoint, ActionPointKind, AttendanceMode, KeyFigure, Objective
from tests.factories import (
    make_action_group,
    make_agenda_item,
    make_attendance,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_invitation,
    make_meeting,
    make_milestone,
    make_organization,
    make_person,
)

from .project_code import ROOT, dotted_name, imported_names, parsed, project_modules
from .url_table import public_pages

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# Django's autoescaping of the two payloads, typed out.
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
HOSTILE = f"{SCRIPT} {IMG}"
HOSTILE_ESCAPED = f"{SCRIPT_ESCAPED} {IMG_ESCAPED}"


def build_hostile():
    """One of each thing a visitor can name, each carrying both payloads."""
    country = make_country(name="Xanadu")
    group = make_action_group(name="Action Group on Payloads")
    organization = make_organization(name=f"Organisation {HOSTILE}")
    person = make_person(name=f"Person {HOSTILE}", organization=organization)
    meeting = make_meeting(title=f"Meeting {HOSTILE}")
    item = make_agenda_item(meeting=meeting, title=f"Agenda item {HOSTILE}")
    intervention = make_intervention(
        agenda_item=item,
        organization=organization,
        speaker=person,
        summary=f"Summary {HOSTILE}",
        countries=[country],
        action_groups=[group],
    )
    make_attendance(meeting=meeting, person=person)
    make_event(title=f"Event {HOSTILE}", meeting=meeting).countries.set([country])
    ActionPoint.objects.create(
        meeting=meeting, kind=ActionPointKind.DECISION, text=f"Decision {HOSTILE}"
    )
    make_document(meeting=meeting, title=f"Document {HOSTILE}")
    Objective.objects.create(meeting=meeting, position=1, text=f"Objective {HOSTILE}")
    KeyFigure.objects.create(agenda_item=item, value=1, label=f"Figure {HOSTILE}")
    make_milestone(
        country=country, source_meeting=meeting, source_intervention=intervention, note="Noted."
    )
    # A second, plain meeting, person and organisation: a filter with a single choice is not
    # offered, and the directory's choices are where the hostile names must be escaped too.
    make_attendance(meeting=make_meeting(title="Plain meeting"), person=make_person())
    invitation = make_invitation(
        meeting,
        person,
        invited_as=f"Group {HOSTILE}",
        answer=Answer.DELEGATE,
        delegate_name=f"Delegate {HOSTILE}",
        delegate_mode=AttendanceMode.REMOTE,
    )
    return {
        "invitation": invitation,
        "country": country,
        "group": group,
        "organization": organization,
        "person": person,
        "meeting": meeting,
    }


@pytest.fixture
def hostile(db):
    return build_hostile()


# Each page, with the hostile texts it shows (by their prefix in build_hostile).
PAGES = [
    (
        "invitation",
        lambda h: reverse("invitations:answer", args=[make_token(h["invitation"])]),
        ["Meeting", "Person", "Delegate"],
    ),
    ("home", lambda h: reverse("home"), ["Meeting", "Figure"]),
    ("meetings", lambda h: reverse("meetings:list"), ["Meeting"]),
    (
        "meeting",
        lambda h: h["meeting"].get_absolute_url(),
        [
            "Meeting",
            "Objective",
            "Agenda item",
            "Summary",
            "Organisation",
            "Person",
            "Decision",
            "Document",
            "Figure",
        ],
    ),
    (
        "meeting-report",
        lambda h: reverse("meetings:report", kwargs={"slug": h["meeting"].slug}),
        [
            "Meeting",
            "Objective",
            "Agenda item",
            "Summary",
            "Organisation",
            "Person",
            "Decision",
            "Figure",
        ],
    ),
    (
        "briefing-pack",
        lambda h: reverse("briefing_pack:page", kwargs={"slug": h["meeting"].slug}),
        ["Meeting"],
    ),
    ("country", lambda h: h["country"].get_absolute_url(), ["Meeting", "Summary", "Event"]),
    ("action-group", lambda h: h["group"].get_absolute_url(), ["Meeting", "Summary"]),
    ("organizations", lambda h: reverse("directory:organization_list"), ["Organisation"]),
    (
        "organization",
        lambda h: h["organization"].get_absolute_url(),
        ["Organisation", "Person", "Meeting", "Summary"],
    ),
    ("directory", lambda h: reverse("directory:people"), ["Person", "Organisation", "Meeting"]),
    ("events", lambda h: reverse("meetings:events"), ["Event"]),
    ("follow-ups", lambda h: reverse("meetings:followups"), ["Decision"]),
    # The typed filters name what the text matches: here both hostile organisations and meetings.
    (
        "directory-searched",
        lambda h: reverse("directory:people") + "?organization_search=organisation",
        ["Organisation"],
    ),
    (
        "follow-ups-searched",
        lambda h: reverse("meetings:followups") + "?meeting_search=meeting",
        ["Meeting"],
    ),
]


def assert_escaped(body, where):
    assert SCRIPT not in body, where
    assert "<img src=x" not in body, where
    assert "onerror=alert(1)>" not in body, where


@pytest.mark.parametrize(("name", "path", "shown"), PAGES, ids=[page[0] for page in PAGES])
def test_s13_hostile_text_is_shown_only_escaped(client, hostile, name, path, shown):
    response = client.get(path(hostile))
    assert response.status_code == 200
    body = response.content.decode()
    assert_escaped(body, name)
    for prefix in shown:
        assert f"{prefix} {HOSTILE_ESCAPED}" in body, f"{prefix} on {name}"


def test_s13_no_public_page_shows_hostile_text_unescaped(client, staff, hostile):
    """Every public page of the S1 table, every object, every filter choice (the choices name
    organisations and meetings too)."""
    explorer = Client()
    explorer.force_login(staff)
    urls = [url for found in public_pages(explorer).values() for url in found]
    # The 26 public entries (the search, a meeting's briefing pack, the site's four pages about
    # itself and the contact form's thank-you among them), 4 for servers and robots (/healthz,
    # /readyz, /robots.txt, /sitemap.xml), 10 exports and 7 Atom feeds, the second meeting's page,
    # report, JSON, two CSV files and briefing pack, and organisation's page, and the filters'
    # choices: the directory's name search, its organisation and meeting searches (typed, not
    # listed) and two sort orders; the follow-ups' five statuses and owner and meeting searches;
    # the voices' eight stakeholder groups. Every other filter has a single choice here, and is
    # not offered. And the hostile invitation's personal link and the link that stops its
    # reminders. And the Atom feeds of what changed about its country, action group, two
    # organisations and all meetings (following/).
    feeds = sorted(url for url in urls if url.endswith("/feed/"))
    assert len(feeds) == 7 + 5, feeds
    assert len(urls) == 26 + 4 + 10 + 7 + 7 + (1 + 1 + 1 + 2) + (5 + 1 + 1) + 8 + 2 + 5
    shown = []
    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        if not response["Content-Type"].startswith("text/html"):
            # An export (JSON, CSV, iCalendar) holds the text as it is: no browser runs it as a
            # page, since its type is declared and never sniffed.
            assert response["X-Content-Type-Options"] == "nosniff", url
            continue
        assert_escaped(body, url)
        if HOSTILE_ESCAPED in body:
            shown.append(url)
    # Shown on the 12 public pages of PAGES, on the directory's 2 sorted pages and its meeting
    # search ("a": the meeting it matches), on the follow-ups' filtered pages that list the
    # decision (open ones, and the meeting search), and as the meeting's title on the voices page
    # and its 8 stakeholder groups' pages. (Organisations and meetings are no longer listed in
    # every filtered page's form: they are typed.) And on the hostile invitation's page, by its
    # personal link.
    assert len(shown) == 12 + 3 + 2 + 9 + 1


# The admin's lists whose columns show a hostile text of build_hostile (others show none).
CHANGELISTS_SHOWING_IT = {
    "meetings.Meeting",
    "meetings.AgendaItem",
    "meetings.Intervention",
    "meetings.Attendance",
    "meetings.ActionPoint",
    "meetings.Document",
    "meetings.Event",
    "meetings.KeyFigure",
    "meetings.Objective",
    "partners.Organization",
    "partners.Person",
    "partners.EmailAddress",
    "pathfinders.Milestone",
    "invitations.Invitation",
    "invitations.Registration",
}


def test_s13_the_admin_shows_hostile_text_only_escaped(staff_client, hostile):
    portal = {config.label for config in portal_app_configs()}
    models = [model for model in admin.site._registry if model._meta.app_label in portal]
    # With the invitations and their registrations (issue 21), the comment rounds and their
    # comments (issue 22), the site's pages about itself, the contact form's messages and the
    # follows (23).
    assert len(models) == 23
    showing = set()
    for model in models:
        opts = model._meta
        body = staff_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        ).content.decode()
        assert_escaped(body, opts.label)
        if HOSTILE_ESCAPED in body:
            showing.add(opts.label)
    assert showing == CHANGELISTS_SHOWING_IT
    for obj in (hostile["meeting"], hostile["organization"], hostile["person"]):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        body = staff_client.get(url).content.decode()
        assert_escaped(body, url)
        assert HOSTILE_ESCAPED in body, url


def test_s13_a_hostile_participants_list_is_shown_escaped(staff_client, hostile):
    """The import's preview and its report (with its links) show the pasted names, escaped."""
    meeting = make_meeting()
    url = reverse("admin:meetings_meeting_import_participants", args=[meeting.pk])
    pasted = f"New {HOSTILE}\tNew organisation {HOSTILE}\tnew@example.org"
    preview = staff_client.post(url, {"participants": pasted})
    assert preview.status_code == 200
    body = preview.content.decode()
    assert_escaped(body, "preview")
    assert f"New {HOSTILE_ESCAPED}" in body
    digest = preview.context["form"]["previewed_digest"].value()
    confirmed = staff_client.post(
        url, {"participants": pasted, "previewed_digest": digest, "confirm": "1"}, follow=True
    )
    body = confirmed.content.decode()
    assert_escaped(body, "report")
    # The new person and organisation are linked to their change pages, their names escaped.
    assert "People created: <a href=" in body
    assert f">New {HOSTILE_ESCAPED}</a>" in body
    assert f">New organisation {HOSTILE_ESCAPED}</a>" in body


# Nothing marks data safe ---------------------------------------------------------------------

# Plain-text e-mail bodies: never HTML, so escaping would only garble them.
AUTOESCAPE_OFF_ALLOWED = {
    # Django's PasswordResetForm sends it as the text/plain body (no HTML template is set).
    "registration/password_reset_email.html",
    # base.accounts.invitations sends the invitation as a text/plain body.
    "registration/invitation_email.txt",
    # meetings.followup_digest sends the digest as a text/plain body, with its item partial.
    "meetings/email/followup_digest.txt",
    "meetings/email/followup_digest_item.txt",
    # following.digests sends each follow digest's text/plain part from it (its HTML part from
    # a template that escapes).
    "following/email/digest.txt",
    # invitations.emails sends each e-mail's text/plain part from these (and its HTML part from
    # templates that escape).
    "invitations/email/invitation.txt",
    "invitations/email/reminder.txt",
    "invitations/email/date_confirmed.txt",
    "invitations/email/meeting_facts.txt",
    "invitations/email/link_note.txt",
    "invitations/email/unsubscribe_note.txt",
    # comment_rounds.emails, likewise.
    "comment_rounds/email/round_opened.txt",
    "comment_rounds/email/round_deadline_near.txt",
    "comment_rounds/email/comment_reply.txt",
    "comment_rounds/email/round_closed.txt",
    "comment_rounds/email/link_note.txt",
    # site_pages.emails: the contact form's message to the Secretariat, and the reply.
    "site_pages/email/to_the_secretariat.txt",
    "site_pages/email/reply.txt",
}
# A passkey sign-in's script (django-two-factor-auth's, the form it submits mended): the options
# are JSON the server made (py_webauthn's options_to_json: a challenge, the account's credential
# ids, the host), in a file served as text/javascript, never in HTML.
SAFE_ALLOWED = {
    "two_factor_webauthn/get_credential.js": [
        "|safe in credential_request_options|safe",
    ],
}
SAFE_FILTERS = {defaultfilters.safe, defaultfilters.safeseq}


def project_templates():
    """(name, path) of every template of the project: templates/ and each portal app's."""
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(config.path) / "templates" for config in portal_app_configs()]
    return [
        (path.relative_to(folder).as_posix(), path)
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]


def filter_expressions(value):
    """Every FilterExpression in a node's attribute: in lists, dicts and `{% if %}` conditions."""
    if isinstance(value, FilterExpression):
        yield value
    elif isinstance(value, Node | NodeList):
        return  # nodes are walked on their own
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from filter_expressions(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from filter_expressions(item)
    elif isinstance(value, TokenBase):
        for item in vars(value).values():
            yield from filter_expressions(item)


def unsafe_uses(template):
    """What in a compiled template outputs unescaped: `safe`/`safeseq` filters, autoescape off."""
    found = []
    for node in template.nodelist.get_nodes_by_type(Node):
        if isinstance(node, AutoEscapeControlNode) and not node.setting:
            found.append("autoescape off")
        for attribute in vars(node).values():
            for expression in filter_expressions(attribute):
                for function, _args in expression.filters:
                    if function in SAFE_FILTERS or function.__name__ in ("safe", "safeseq"):
                        found.append(f"|{function.__name__} in {expression.token}")
    return found


def test_s13_no_template_outputs_unescaped():
    engine = engines["django"]
    templates = project_templates()
    assert len(templates) >= 45  # 47 when written: every page, partial and e-mail
    unsafe = {}
    for name, path in templates:
        template = engine.get_template(name).template
        assert Path(template.origin.name) == path, f"{name} is shadowed by {template.origin}"
        if uses := unsafe_uses(template):
            unsafe[name] = uses
    assert unsafe == dict.fromkeys(AUTOESCAPE_OFF_ALLOWED, ["autoescape off"]) | SAFE_ALLOWED


def test_s13_the_template_check_finds_each_spelling():
    engine = engines["django"].engine
    for source in [
        "{{ x|safe }}",
        "{{ x | safe }}",
        "{{ x|default:y|safeseq }}",
        "{% autoescape off %}{{ x }}{% endautoescape %}",
        "{% if a %}{% for i in x %}{% with y=i|safe %}{{ y }}{% endwith %}{% endfor %}{% endif %}",
        "{% load i18n %}{% blocktranslate with y=x|safe %}{{ y }}{% endblocktranslate %}",
        "{% include 'partials/links.html' with objects=x|safe %}",
    ]:
        assert unsafe_uses(engine.from_string(source)), source
    assert not unsafe_uses(
        engine.from_string("{{ x|default:'safe' }}{% autoescape on %}{% endautoescape %}")
    )


def is_text_literal(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


# What marks a string safe, and which argument must then be written in the code.
MARKS_SAFE = {
    "mark_safe": 0,
    "SafeString": 0,
    "SafeText": 0,
    "format_html": 0,
    "format_html_join": 1,
}


def marking_safe(tree):
    """(line, what) for every use of MARKS_SAFE that is not a call on a string literal; passing
    the function around (`trusted = mark_safe`) counts as a use."""
    names = imported_names(tree)
    checked, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = (dotted_name(node.func, names) or "").rsplit(".", 1)[-1]
            if name in MARKS_SAFE:
                checked.add(id(node.func))
                position = MARKS_SAFE[name]
                if len(node.args) <= position or not is_text_literal(node.args[position]):
                    found.append((node.lineno, name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.Attribute) and id(node) not in checked:
            name = (dotted_name(node, names) or "").rsplit(".", 1)[-1]
            if name in MARKS_SAFE and isinstance(node.ctx, ast.Load):
                found.append((node.lineno, name))
    return found


# The one module that marks text safe: Django's format_html and format_html_join written again
# without their lazy checks (base/web/html.py), whose templates its callers must write in the
# code, as this test checks of them. What it marks, in the order it is written.
# (And a page's JSON-LD, escaped as Django's json_script escapes: ld_json_script, issue 23.)
MARKING_MODULE = {
    "base/web/html.py": ["SafeString", "format_html", "format_html", "SafeString", "SafeString"]
}


def test_s13_no_python_marks_data_safe():
    modules = project_modules()
    assert 60 <= len(modules) <= 400  # 69 when written, 158 at issue 17, 316 at issue 23
    found = {}
    for path in modules:
        if uses := marking_safe(parsed(path)):
            found[str(path.relative_to(ROOT))] = [name for _, name in sorted(uses)]
    assert found == MARKING_MODULE


def test_s13_the_python_check_finds_each_spelling():
    for source in [
        "from django.utils.safestring import mark_safe\nmark_safe(text)",
        "from django.utils.safestring import mark_safe as trusted\ntrusted(text)",
        "from django.utils import safestring\nsafestring.mark_safe(text)",
        "import django.utils.safestring as s\ns.SafeString(text)",
        "import django.utils.safestring\ndjango.utils.safestring.SafeText(text)",
        "from django.utils.html import format_html\nformat_html(text, 1)",
        "from django.utils.html import mark_safe\ntrusted = mark_safe",
        "from django.utils.safestring import mark_safe\nregister.filter(mark_safe)",
    ]:
        assert marking_safe(ast.parse(source)), source
    literal = "from django.utils.safestring import SafeString\nBR = SafeString('<br>')"
    assert marking_safe(ast.parse(literal)) == []


def test_s13_html_is_formatted_by_the_one_marking_module():
    """Every module that writes HTML with format_html takes it from base/web/html.py, so the
    project formats HTML one way and MARKING_MODULE is the only place that marks it safe."""
    from_django = {}
    for path in project_modules():
        names = imported_names(parsed(path))
        taken = sorted(
            local
            for local, dotted in names.items()
            if dotted in ("django.utils.html.format_html", "django.utils.html.format_html_join")
        )
        if taken:
            from_django[str(path.relative_to(ROOT))] = taken
    assert from_django == {}
