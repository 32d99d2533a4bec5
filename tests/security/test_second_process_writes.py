"""S25, a second process writing: `make serve` with its pages and the record's version in a Redis
(REDIS_URL), two workers; an edit made by a `manage.py shell` given the database and nothing of
the server's cache (no REDIS_URL, a RECORD_VERSION_DIR of its own) retires the kept page within
RECORD_VERSION_DATABASE_SECONDS (1 s by default) of its commit, through the version kept in the
database (base/web/page_cache.py): the version in Redis is left as it was."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.redis_server import own_redis

from .conftest import Served, copy_of_the_checkout, get, make_serve

pytestmark = pytest.mark.process

BOUND = 1.0  # RECORD_VERSION_DATABASE_SECONDS's default, which the server runs with
PAGE = "/organizations/kept-organisation/"
HTTPS = {"X-Forwarded-Proto": "https"}
CREATE_ORGANISATION = (
    "from partners.models import Organization, OrganizationKind; "
    "Organization.objects.create(name='Kept Organisation', slug='kept-organisation', "
    "kind=OrganizationKind.values[0])"
)
# Committed (autocommit) when update() returns: the time printed is the commit's, or just after.
RENAME_AND_SAY_WHEN = (
    "import time; from partners.models import Organization; "
    "Organization.objects.filter(slug='kept-organisation').update(name='Renamed elsewhere'); "
    "print(time.time())"
)


@pytest.fixture(scope="module")
def served_with_redis(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-redis")
    checkout = copy_of_the_checkout(folder)
    with own_redis(folder) as redis:
        port, env, serving = make_serve(folder, checkout, WEB_CONCURRENCY="2", REDIS_URL=redis.url)
        with serving:
            yield Served(port, folder, checkout, env), redis


def names_served(port):
    """The organisation's name as 16 requests, 8 at a time (so both workers), are served it."""
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: get(port, PAGE, HTTPS), range(16)))
    assert {status for status, _, _ in answers} == {200}
    return {name for _, _, body in answers for name in re.findall(rb"<h1[^>]*>([^<]*)<", body)}


def test_a_write_from_a_process_without_the_servers_cache_retires_its_kept_pages(
    served_with_redis, tmp_path
):
    served, redis = served_with_redis
    served.manage_shell(CREATE_ORGANISATION)
    assert names_served(served.port) == {b"Kept Organisation"}
    store = redis.client()
    assert store.keys("*page:*")  # kept, in Redis
    version_in_redis = store.get(":1:record-version")
    assert version_in_redis is not None

    # The shell shares nothing of the server's cache: no REDIS_URL, a version folder of its own.
    committed = float(
        served.manage_shell(
            RENAME_AND_SAY_WHEN, REDIS_URL=None, RECORD_VERSION_DIR=str(tmp_path / "elsewhere")
        ).split()[-1]
    )
    assert store.get(":1:record-version") == version_in_redis  # the server's cache heard nothing

    # Only a request begun within the bound of the commit may still be served the kept page.
    served_stale = 0
    while True:
        begun = time.time()
        names = names_served(served.port)
        if names == {b"Renamed elsewhere"}:
            break
        assert begun < committed + BOUND + 0.1, names
        served_stale += 16
        time.sleep(0.05)
    retired_after = begun - committed
    # Once retired, by every worker, for good.
    for _ in range(3):
        assert names_served(served.port) == {b"Renamed elsewhere"}
    print(
        f"\nA write from a second process: the kept page retired {retired_after:.2f} s after the "
        f"commit (bound {BOUND} s; {served_stale} requests served it in between)"
    )
