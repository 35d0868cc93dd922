"""Per-app modules found by name, so core needs no list of the apps that contribute.

`app_modules("demo")` gives the `demo` module of every installed Yhdyspinta app that has one, in
the order of `settings.YHDYSPINTA_APPS`. Used by `load_demo` (`<app>/demo.py`), `generate_national`
(`<app>/synthetic.py`) and `trust_load_plan` (`<app>/loadplan.py`); docs/architecture.md, "Layers".
"""

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings

CORE = "yhdyspinta.core"


def app_modules(name: str) -> list[tuple[str, ModuleType]]:
    """(app label, module) for each installed app with a module `<app>.<name>`, in settings order.

    Core itself is left out: a core module of that name is the framework the apps plug into."""
    found = []
    for app in settings.YHDYSPINTA_APPS:
        if app != CORE and find_spec(f"{app}.{name}"):
            found.append((app.rsplit(".", 1)[1], import_module(f"{app}.{name}")))
    return found
