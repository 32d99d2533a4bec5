"""Response headers Django's own settings do not cover."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere, and keeps signed-in pages out of shared caches.

    A page rendered for a signed-in user may carry contact details, so no proxy may store it
    (`private`) and no cache may serve it to anyone sending a different cookie (`Vary: Cookie`).
    Every page also varies with the cookie and Accept-Language, whoever asks: the language cookie
    or, without it, Accept-Language chooses the page's language (LocaleMiddleware adds the
    latter; a cache must not serve a French page to the next visitor, who reads English).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        return response
