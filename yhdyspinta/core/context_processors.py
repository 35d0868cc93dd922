from django.apps import apps
from django.conf import settings


def navigation(request):
    """Main navigation from each domain app's `nav` list [(url name, label)], in settings order."""
    items = []
    for name in settings.YHDYSPINTA_APPS:
        config = next((c for c in apps.get_app_configs() if c.name == name), None)
        items.extend(getattr(config, "nav", []))
    return {"main_nav": items}
