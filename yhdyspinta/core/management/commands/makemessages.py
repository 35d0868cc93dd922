"""`makemessages` that also extracts `reason("…")` (see `core.reasons`).

Django documents overriding `xgettext_options` for extra keywords.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=reason"]
