"""What a load balancer or process manager asks a server: is the process up (`/healthz`, which
touches nothing else, so a database outage does not get every server restarted), and can it
serve (`/readyz`: the database answers, and the shared cache when REDIS_URL names one)."""

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


@never_cache
def readyz(request):
    checks = {"database": database_answers}
    if settings.REDIS_URL:
        checks["cache"] = cache_answers
    failed = []
    for name, check in checks.items():
        try:
            answered = check()
        except Exception:  # whatever the driver raises, the answer is "not ready"
            logger.exception("readyz: the %s does not answer", name)
            answered = False
        if not answered:
            failed.append(name)
    if failed:
        # Which service, not why: the details are in the log, not shown to whoever asks.
        return plain("not ready: " + ", ".join(failed), status=503)
    return plain("ready")
