"""Response headers Django's own settings do not cover."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere, lifts Trusted Types from the admin's pages (whose
    scripts cannot run under it: settings.TRUSTED_TYPES_EXEMPT_PATHS), and keeps signed-in
    pages out of every cache.

    Addresses and members-only content reach signed-in users only (drafts are for staff,
    addresses for members: both signed in), so every response to a signed-in user is the one
    rule that covers every such page, present and future: no proxy may store it
    (`private`), nor the browser, which would show it again after sign-out (`no-store`), and no
    cache may serve it to anyone sending a different cookie (`Vary: Cookie`).
    Every page also varies with the cookie and Accept-Language, whoever asks: the language cookie
    or, without it, Accept-Language chooses the page's language (LocaleMiddleware adds the
    latter; a cache must not serve a French page to the next visitor, who reads English).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith(tuple(settings.TRUSTED_TYPES_EXEMPT_PATHS)):
            # Read by csp.middleware.CSPMiddleware, which runs after this on the way out.
            replace = getattr(response, "_csp_replace", None) or {}
            response._csp_replace = {**replace, "require-trusted-types-for": None}
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
