"""What the tests of following share: a follower (an account with an address) and their follow."""

import itertools

import pytest
from django.contrib.auth import get_user_model

from following.models import Follow, Frequency

_n = itertools.count(1)


def make_follower(target=None, frequency=Frequency.DAILY, language="en-gb", email=None, **kwargs):
    """An account following `target` (a country, action group or organisation; None: all
    meetings); the Follow."""
    n = next(_n)
    user = get_user_model().objects.create_user(
        f"follower{n}", email=email or f"follower{n}@example.org", password=None
    )
    return follow(user, target, frequency, language, **kwargs)


def follow(user, target=None, frequency=Frequency.DAILY, language="en-gb", **kwargs):
    if target is None:
        return Follow.objects.create(
            user=user, target_kind="meetings", frequency=frequency, language=language, **kwargs
        )
    field = {"Country": "country", "ActionGroup": "action_group", "Organization": "organization"}[
        type(target).__name__
    ]
    return Follow.objects.create(
        user=user,
        target_kind=field,
        frequency=frequency,
        language=language,
        **{field: target},
        **kwargs,
    )


@pytest.fixture
def sent_today(mailoutbox):
    """The e-mails sent since the last call."""
    seen = []

    def new():
        fresh = mailoutbox[len(seen) :]
        seen.extend(fresh)
        return fresh

    return new
