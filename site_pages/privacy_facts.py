"""The facts of the privacy page, read from the rules they describe, so that the page cannot say
other than what the portal does: the fields it keeps about people (the models' own labels), who
reads their addresses (`EmailAddress.objects.shown_to`, asked for each kind of reader), how long
sign-in records, sessions and contact messages are kept (the settings), and what the Secretariat
may do with a person's data (the permissions of the person model).

Nothing here reads the database: the page costs no query for its facts.
"""

from dataclasses import dataclass, field

from axes.models import AccessLog
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from invitations.models import Invitation
from partners.models import ContactVisibility, EmailAddress, Person

from .models import ContactMessage


@dataclass
class Section:
    heading: str
    facts: list = field(default_factory=list)


def labels(model, names):
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)


def in_words(items):
    """ "a", "a and b", "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return _("%(some)s and %(last)s") % {"some": ", ".join(items[:-1]), "last": items[-1]}


def duration(seconds):
    """A duration in the largest whole unit it is a number of: days, hours or minutes."""
    if seconds and seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if seconds and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    if seconds and seconds % 60 == 0:
        minutes = seconds // 60
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}


class _Reader:
    """A reader as the address rule sees one: signed in or not, staff or not. Never saved."""

    def __init__(self, is_staff):
        self.is_authenticated = True
        self.is_staff = is_staff


def visibilities_shown_to(user):
    """The contact-visibility choices whose addresses `user` reads, as the rule itself says:
    read from the filter of `EmailAddress.objects.shown_to(user)`, never run."""
    query = EmailAddress.objects.shown_to(user).query
    if query.is_empty():
        return set()
    for condition in query.where.children:
        if getattr(condition.lhs, "target", None) == Person._meta.get_field("contact_visibility"):
            return set(condition.rhs)
    raise ValueError("EmailAddress.objects.shown_to no longer filters on contact visibility")


def readers_of_addresses():
    """{contact-visibility choice: [the kinds of reader who read the addresses of people who
    chose it on the public site]}."""
    readers = [
        (_("visitors who are not signed in"), AnonymousUser()),
        (_("signed-in members"), _Reader(is_staff=False)),
        (_("the Secretariat"), _Reader(is_staff=True)),
    ]
    shown = {name: visibilities_shown_to(user) for name, user in readers}
    return {
        choice: [name for name, _user in readers if choice in shown[name]]
        for choice in ContactVisibility
    }


def people_section():
    kept = labels(Person, ["name", "position", "organization"])
    section = Section(_("People named in the record"))
    section.facts.append(
        _(
            "For each person who took part in the GCG's work the portal keeps: %(fields)s, the "
            "meetings they attended and what they said there, as the meeting reports record it."
        )
        % {"fields": kept}
    )
    section.facts.append(
        _("These are shown to everyone, on the public pages, with the record they belong to.")
    )
    address = capfirst(EmailAddress._meta.verbose_name_plural)
    section.facts.append(
        _(
            "%(address)s: kept for the people who gave them to the Secretariat. Visitors who "
            "are not signed in never see an address, on any page, export or feed."
        )
        % {"address": address}
        if not visibilities_shown_to(AnonymousUser())
        else _("%(address)s: kept, and shown on the public pages.") % {"address": address}
    )
    choice_label = capfirst(Person._meta.get_field("contact_visibility").verbose_name)
    for choice, readers in readers_of_addresses().items():
        # Its own sentence where nobody reads them: "read by nobody" reads badly in every language.
        if readers:
            fact = _("%(field)s “%(choice)s”: the addresses are read on the site by %(readers)s.")
        else:
            fact = _("%(field)s “%(choice)s”: nobody reads the addresses on the site.")
        section.facts.append(
            fact % {"field": choice_label, "choice": choice.label, "readers": in_words(readers)}
        )
    if ContactVisibility.HIDDEN in ContactVisibility:
        section.facts.append(
            _("A person who chose “%(hidden)s” is not listed in the directory.")
            % {"hidden": ContactVisibility.HIDDEN.label}
        )
    return section


def invitations_section():
    return Section(
        _("Invitations and comments"),
        [
            _(
                "%(invitations)s and the answers to them, and the comments made on a draft "
                "record before it is published, are read by the person concerned and by the "
                "Secretariat alone: never on a public page."
            )
            % {"invitations": capfirst(Invitation._meta.verbose_name_plural)},
        ],
    )


def rights_section():
    permissions = dict(Person._meta.permissions)
    return Section(
        _("Your data on request"),
        [
            _("At a person's request, the Secretariat uses these permissions of its own:"),
            *(
                capfirst(str(permissions[code]))
                for code in ("export_personal_data", "erase_person")
            ),
            _(
                "Once a person is erased, their addresses, account and invitations are deleted, "
                "and the record names them by their role and organisation instead of their name."
            ),
        ],
    )


def sign_in_section():
    fields = labels(AccessLog, ["username", "ip_address", "user_agent", "attempt_time"])
    return Section(
        _("Signing in"),
        [
            _(
                "Each sign-in, sign-out and failed attempt is recorded (%(fields)s) and kept "
                "%(days)s, then deleted."
            )
            % {"fields": fields, "days": duration(settings.SIGN_IN_RECORDS_DAYS * 86400)},
            _(
                "After %(limit)s failed attempts for one account or from one network address, "
                "signing in is refused for %(cooloff)s."
            )
            % {
                "limit": settings.AXES_FAILURE_LIMIT,
                "cooloff": duration(int(settings.AXES_COOLOFF_TIME.total_seconds())),
            },
            _(
                "A member's session ends after %(idle)s without a visit and after %(max)s in all; "
                "the Secretariat's after %(staff_idle)s and %(staff_max)s."
            )
            % {
                "idle": duration(settings.MEMBER_SESSION_IDLE_SECONDS),
                "max": duration(settings.MEMBER_SESSION_MAX_SECONDS),
                "staff_idle": duration(settings.STAFF_SESSION_IDLE_SECONDS),
                "staff_max": duration(settings.STAFF_SESSION_MAX_SECONDS),
            },
        ],
    )


def cookies_section():
    return Section(
        _("Cookies"),
        [
            _(
                "“%(session)s”: your session, once you start signing in; “%(csrf)s”: a token "
                "that protects the site's forms from forged requests; “%(language)s”: the "
                "language you chose; “%(messages)s”: a notice for the next page you open. No "
                "other cookie, and nothing from another site."
            )
            % {
                "session": settings.SESSION_COOKIE_NAME,
                "csrf": settings.CSRF_COOKIE_NAME,
                "language": settings.LANGUAGE_COOKIE_NAME,
                "messages": CookieStorage.cookie_name,
            }
        ],
    )


def contact_section():
    fields = labels(ContactMessage, ["name", "email", "subject", "message"])
    return Section(
        _("Messages to the Secretariat"),
        [
            _(
                "A message sent from the contact form keeps %(fields)s and the time it was "
                "received. The Secretariat alone reads it; the address is never shown on the site."
            )
            % {"fields": fields},
            _("Messages and their answers are kept %(days)s, then deleted.")
            % {"days": duration(settings.CONTACT_MESSAGES_DAYS * 86400)},
            _(
                "To limit abuse, %(count)s messages an hour are taken from one e-mail address or "
                "one network address. The network address itself is not kept: only a "
                "fingerprint of it that cannot be turned back into it."
            )
            % {"count": settings.CONTACT_MESSAGES_PER_HOUR},
        ],
    )


def privacy_facts():
    """The privacy page's generated sections, in the active language."""
    return [
        people_section(),
        invitations_section(),
        rights_section(),
        sign_in_section(),
        cookies_section(),
        contact_section(),
    ]
