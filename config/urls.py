"""Root URLs. Each domain app that has a urls.py is mounted at its own prefix."""

from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from yhdyspinta.core.api.root import ApiRootView
from yhdyspinta.core.language import set_language

urlpatterns = [
    # The language switch is on every page; without a CSRF token in it, public pages can be
    # shared from the anonymous page cache. A forged request could only change the language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="core/api_docs.html"), name="api-docs"),
    path("api/v1/", ApiRootView.as_view(), name="api-root"),  # the endpoints the user may use
    path("", include("yhdyspinta.accounts.urls")),  # sign-in, callbacks, own account: no language prefix
    path("api/v1/accounts/", include("yhdyspinta.accounts.api.urls")),
]

# The pages: Finnish at the unprefixed address, Swedish at /sv/…, English at /en/…
# (yhdyspinta/core/language.py: an unprefixed address answers in the visitor's language).
pages = [
    path("", include("yhdyspinta.core.urls")),
    path("", include("yhdyspinta.accounts.members_urls")),  # organisation members, invitation links
]


def _has(module: str) -> bool:
    """find_spec, but False (not an error) when a parent package such as `<app>.api` is absent."""
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False


for app in settings.YHDYSPINTA_APPS:
    label = app.rsplit(".", 1)[1]
    if label == "core":
        continue
    if label != "accounts" and _has(f"{app}.urls"):
        pages.append(path(f"{label}/", include(f"{app}.urls")))
    if label != "accounts" and _has(f"{app}.api.urls"):
        urlpatterns.append(path(f"api/v1/{label}/", include(f"{app}.api.urls")))

urlpatterns += i18n_patterns(*pages, prefix_default_language=False)

# Error pages in the user's language with the site's navigation (core/views/errors.py).
handler400 = "yhdyspinta.core.views.errors.bad_request"
handler403 = "yhdyspinta.core.views.errors.permission_denied"
handler404 = "yhdyspinta.core.views.errors.page_not_found"
handler500 = "yhdyspinta.core.views.errors.server_error"
