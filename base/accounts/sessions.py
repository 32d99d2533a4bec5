"""Sessions that end (S24): after a while without a request (idle) and after a while in all since
signing in; shorter for staff, who open every address and every draft, than for members
(settings: STAFF_SESSION_IDLE_SECONDS and the like, README "Sessions").

Signing in stamps the session with its start; each request checks both limits and notes when the
reader was last seen, at most once a minute (so not a session write per request). A session past
either limit is ended, and the reader told why on the next page. "Sign out everywhere" and a
password change end the account's other sessions through Django's own check: the session keeps a
hash of the password's hash, which both change.

An officer typing in an admin form makes no request for a while: the admin's forms ask
`still_here` as they are typed in (static/js/still_here.js, at most every 5 minutes), which keeps
the session while they work; if it has ended all the same, the page says so before anything is
posted, and once they have signed in again in another tab it takes the new CSRF token, so that
what they typed is saved, not lost.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
SEEN_RESOLUTION_SECONDS = 60


def limits(user):
    """(seconds idle, seconds in all) after which a session of `user` ends."""
    if user.is_staff:
        return settings.STAFF_SESSION_IDLE_SECONDS, settings.STAFF_SESSION_MAX_SECONDS
    return settings.MEMBER_SESSION_IDLE_SECONDS, settings.MEMBER_SESSION_MAX_SECONDS


def _now():
    return int(timezone.now().timestamp())


def stamp_the_session(sender, request, user, **kwargs):
    """user_logged_in: the session's start, and a cookie the browser forgets at the limit too."""
    if request is None or not hasattr(request, "session"):
        return
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session.set_expiry(limits(user)[1])


def ended(session, user, now):
    """Why the session has ended ("idle", "in all"), or None while it lasts."""
    idle, in_all = limits(user)
    if now - session.get(SEEN_AT, now) > idle:
        return "idle"
    if now - session.get(SIGNED_IN_AT, now) > in_all:
        return "in all"
    return None


class SessionLifetimeMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            self.check(request, user)
        return self.get_response(request)

    def check(self, request, user):
        session, now = request.session, _now()
        if SIGNED_IN_AT not in session:  # a session from before these limits: it starts now
            session[SIGNED_IN_AT] = session[SEEN_AT] = now
            return
        why = ended(session, user, now)
        if why is not None:
            idle, in_all = limits(user)
            logout(request)
            if why == "idle":
                text = _(
                    "You were signed out after %(minutes)d minutes without activity. "
                    "Sign in again to go on."
                ) % {"minutes": idle // 60}
            else:
                text = _(
                    "You were signed out: a session lasts at most %(hours)d hours. "
                    "Sign in again to go on."
                ) % {"hours": in_all // 3600}
            messages.info(request, text)
        elif now - session[SEEN_AT] >= SEEN_RESOLUTION_SECONDS:
            session[SEEN_AT] = now


@never_cache
@require_GET
def still_here(request):
    """For the admin's forms (static/js/still_here.js): whether the reader is still signed in
    (the middleware has noted the request), and the CSRF token their next post needs."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    return JsonResponse({"signed_in": True, "csrf_token": get_token(request)})
