"""A person's account and what signing in left of it: the sessions it holds and django-axes'
records (sign-ins and sign-outs, failed attempts, lockout counts), which name the account by the
username typed, in any case, or by one of the person's addresses typed as a username."""

from functools import reduce
from importlib import import_module
from operator import or_

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db.models import Q
from django.utils import timezone

SIGN_IN_RECORDS = (AccessLog, AccessFailureLog, AccessAttempt)


def typed_names(user, addresses):
    return [name for name in [user.get_username() if user else "", *addresses] if name]


def sign_in_records(model, user, addresses):
    """The rows of one of axes' tables made by signing in as the account (or with an address)."""
    names = typed_names(user, addresses)
    if not names:
        return model.objects.none()
    return model.objects.filter(reduce(or_, (Q(username__iexact=name) for name in names)))


def sessions_of(user):
    """The account's sessions not yet expired (Django keeps no index by user: each is read and
    decoded, with one query)."""
    if user is None:
        return []
    sessions = Session.objects.filter(expire_date__gt=timezone.now())
    return [
        session for session in sessions if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]


def sessions_end(user):
    """End every session of the account: the rows, and their cached copies where the session
    engine caches them (cached_db)."""
    keys = [session.session_key for session in sessions_of(user)]
    Session.objects.filter(session_key__in=keys).delete()
    if "cache" in settings.SESSION_ENGINE:
        store = import_module(settings.SESSION_ENGINE).SessionStore
        caches[settings.SESSION_CACHE_ALIAS].delete_many([store.cache_key_prefix + k for k in keys])
    return len(keys)


def account_erase(user, addresses):
    """Delete the account with its sessions and its sign-in records; {what: rows deleted}."""
    deleted = {"sessions": sessions_end(user)}
    for model in SIGN_IN_RECORDS:
        deleted[model._meta.model_name] = sign_in_records(model, user, addresses).delete()[0]
    if user is not None:
        user.delete()
    return deleted
