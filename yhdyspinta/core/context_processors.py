from django.apps import apps
from django.conf import settings

from yhdyspinta.core.feedback import may_handle_feedback
from yhdyspinta.core.views.access_log import may_see_access_log


def navigation(request):
    """Main navigation from each domain app's `nav` list [(url name, label[, group])], in settings
    order: `main_nav` flat, `nav_groups` grouped by task (core/navigation.py)."""
    from .navigation import grouped

    items, entries = [], []
    for name in settings.YHDYSPINTA_APPS:
        config = next((c for c in apps.get_app_configs() if c.name == name), None)
        for entry in getattr(config, "nav", []):
            items.append(tuple(entry[:2]))
            entries.append((entry[0], entry[1], entry[2] if len(entry) > 2 else getattr(config, "nav_group", "")))
    user = getattr(request, "user", None)
    anonymous = not getattr(user, "is_authenticated", False)
    return {"main_nav": items, "nav_groups": grouped(entries, anonymous=anonymous),
            "may_see_access_log": lambda: _may_see_access_log(request),
            "may_handle_feedback": lambda: may_handle_feedback(getattr(request, "user", None))}


def _may_see_access_log(request) -> bool:
    """For the user menu's link to the access log (called only when the template asks)."""
    return may_see_access_log(getattr(request, "user", None))
