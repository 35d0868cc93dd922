"""The `yhdyspinta` console command.

Pure computations (`readiness report`, `integration analyse`, ...) run without Django so they
work on any file a user has; every other sub-command is a Django management command.
"""

import os
import sys
from importlib import import_module

# sub-command -> module with main(argv) -> int, run without a database
PURE_COMMANDS = {
    "readiness": "yhdyspinta.readiness.cli",
    "integration": "yhdyspinta.integration.cli",
    "funding": "yhdyspinta.funding.cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        try:
            module = import_module(PURE_COMMANDS[argv[0]])
        except ModuleNotFoundError:
            module = None
        if module is not None:
            return module.main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yhdyspinta", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
