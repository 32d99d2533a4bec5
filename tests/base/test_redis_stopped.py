"""S25, Redis stopped as a process: the portal in its production settings with REDIS_URL naming a
redis-server of the test's own, which serves and keeps pages; then that Redis is killed (SIGKILL,
as a crash or the OOM killer stops it) while visitors, members, a sign-in and the Secretariat's
saves go on: no 5xx, `/readyz` "degraded"; then Redis is started again on the same port, and the
time until pages are kept in it again is measured (base/web/page_cache.py: a process that found
the cache failing leaves it alone for CACHE_RETRY_SECONDS, 5 s). tests/base/test_cache_outage.py
covers a Redis that was never there (a closed port) page by page."""

import time
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from base.web import page_cache
from partners.models import Organization
from tests.admin_forms import posted_data
from tests.redis_server import own_redis
from tests.second_factor import sign_in

from .test_cache_outage import outage_state  # noqa: F401 (a fixture)
from .test_page_cache import as_member, cached_pages, members_pages

pytestmark = pytest.mark.process

MEMBER_PASSWORD = "a-long-test-password-1"  # tests/conftest.py's `member`


@pytest.fixture
def redis(tmp_path, settings, outage_state):  # noqa: F811
    """The production settings' caches in a Redis of the test's own."""
    with own_redis(tmp_path) as server:
        settings.REDIS_URL = server.url
        cache = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": settings.REDIS_TIMEOUTS,
        }
        settings.CACHES = {"default": cache, settings.RECORD_VERSION_CACHE: cache}
        yield server


def pages_kept(redis):
    return len(redis.client().keys("*page:*"))


@pytest.mark.usefixtures("record")
class TestRedisStopped:
    def test_the_portal_stands_while_redis_is_stopped_and_keeps_pages_again_after(
        self, redis, member, staff
    ):
        visitor, reader = Client(), as_member(member)
        officer = Client()
        officer.force_login(staff)
        ilo = Organization.objects.get(acronym="ILO")
        change = reverse("admin:partners_organization_change", args=[ilo.pk])
        answers = Counter()

        def serve(round_number):
            """Every cached page to a visitor and to a member, a member's sign-in and an
            officer's save; each answer counted by its status."""
            for path in cached_pages().values():
                answers["visitor", visitor.get(path).status_code] += 1
            for path in members_pages().values():
                answers["member", reader.get(path).status_code] += 1
            signed_in = sign_in(Client(), "member", MEMBER_PASSWORD)
            answers["sign-in", signed_in.status_code] += 1
            form = officer.get(change)
            answers["admin", form.status_code] += 1
            name = f"International Labour Office {round_number}"
            saved = officer.post(change, posted_data(form, name=name))
            answers["admin", saved.status_code] += 1
            page = visitor.get(ilo.get_absolute_url()).content.decode()
            assert name in page  # the save is on the public page at once

        serve(0)
        assert pages_kept(redis) > 40  # Redis serves and keeps pages
        answers.clear()

        redis.kill()
        began = time.monotonic()
        # Longer than CACHE_RETRY_SECONDS: the portal asks the stopped Redis again, and fails again.
        round_number = 0
        while round_number < 2 or time.monotonic() - began < page_cache.CACHE_RETRY_SECONDS + 1:
            round_number += 1
            serve(round_number)
        ready = Client().get(reverse("readyz"))
        answers["readyz", ready.status_code] += 1
        fault_seconds = time.monotonic() - began
        assert ready.content == b"degraded: cache\n"
        served = sum(answers.values())
        errors = sum(count for (_, status), count in answers.items() if status >= 500)
        assert errors == 0, answers
        assert {status for _, status in answers} <= {200, 302}, answers

        redis.start()
        restarted = time.monotonic()
        page = ilo.get_absolute_url()
        while not pages_kept(redis):
            assert visitor.get(page).status_code == 200
            assert time.monotonic() - restarted < page_cache.CACHE_RETRY_SECONDS + 5
            time.sleep(0.1)
        recovered = time.monotonic() - restarted
        assert f"International Labour Office {round_number}" in visitor.get(page).content.decode()
        assert Client().get(reverse("readyz")).content == b"ready\n"
        print(
            f"\nRedis killed: {served} requests served in {fault_seconds:.1f} s, {errors} 5xx "
            f"({dict(answers)}); pages kept again {recovered:.1f} s after Redis was started "
            f"(CACHE_RETRY_SECONDS = {page_cache.CACHE_RETRY_SECONDS})"
        )
        assert recovered <= page_cache.CACHE_RETRY_SECONDS + 1
