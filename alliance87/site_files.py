"""The files robots and security researchers look for at fixed addresses: `/robots.txt` and
`/.well-known/security.txt` (RFC 9116). Both are written from the settings; neither reads the
database."""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

# RFC 9116 asks for an expiry less than a year away. The file is written from the running
# server's settings, so it is as current as the deployment: it always expires this far ahead.
SECURITY_TXT_LIFETIME = datetime.timedelta(days=180)

ROBOTS_TXT = """\
User-agent: *
Disallow: /admin/
Disallow: /accounts/
"""


def text(body):
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
def robots_txt(request):
    # The sitemap's address is absolute (robots.txt asks for it so), on the host asked.
    sitemap = request.build_absolute_uri(reverse("site_pages:sitemap"))
    return text(f"{ROBOTS_TXT}\nSitemap: {sitemap}\n")


def contact_uri(contact):
    """An address as a mailto: URI; a URI (mailto:, https:, tel:) as it is."""
    return contact if ":" in contact else f"mailto:{contact}"


@require_safe
def security_txt(request):
    # No contact configured, no file: an invented address would send reports nowhere.
    if not settings.SECURITY_CONTACT:
        raise Http404
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).replace(microsecond=0)
    lines = [
        f"Contact: {contact_uri(settings.SECURITY_CONTACT)}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        # The language security reports are read in, not the interface's: the default one.
        f"Preferred-Languages: {settings.LANGUAGE_CODE}",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return text("\n".join(lines) + "\n")
