from django.apps import apps
from django.conf import settings

from yhdyspinta.core.views.access_log import may_see_access_log


def navigation(request):
    """Main navigation from each domain app's `nav` list [(url name, label)], in settings order."""
    items = []
    for name in settings.YHDYSPINTA_APPS:
        config = next((c for c in apps.get_app_configs() if c.name == name), None)
        items.extend(getattr(config, "nav", []))
    return {"main_nav": items, "may_see_access_log": lambda: _may_see_access_log(request)}


def _may_see_access_log(request) -> bool:
    """For the user menu's link to the access log (called only when the template asks)."""
    return may_see_access_log(getattr(request, "user", None))
