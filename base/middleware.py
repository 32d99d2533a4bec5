"""Response headers Django's own settings do not cover."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere, and keeps signed-in pages out of shared caches.

    A page rendered for a signed-in user may carry contact details, so no proxy may store it
    (`private`) and no cache may serve it to anyone sending a different cookie (`Vary: Cookie`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response
