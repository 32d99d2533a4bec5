"""What a load balancer or process manager asks a server: is the process up (`/healthz`, which
touches nothing else, so a database outage does not get every server restarted), and can it
serve (`/readyz`: the database answers). The shared cache, when REDIS_URL names one, is asked
too, but the portal serves without it (base/web/page_cache.py renders every page fresh): a cache
that does not answer makes the server "degraded", still ready, so that a Redis outage does not
take every server out at once."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def plain(text, status=200):
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    return plain("ok")


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers():
    cache.set("readyz", "ok", timeout=10)
    return cache.get("readyz") == "ok"


def answers(name, check):
    try:
        return check()
    except Exception:  # whatever the driver raises, the answer is "no"
        logger.exception("readyz: the %s does not answer", name)
        return False


@never_cache
def readyz(request):
    # Which service, not why: the details are in the log, not shown to whoever asks.
    if not answers("database", database_answers):
        return plain("not ready: database", status=503)
    if settings.REDIS_URL and not answers("cache", cache_answers):
        return plain("degraded: cache")
    return plain("ready")
