from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from yhdyspinta.accounts import sso_config
from yhdyspinta.accounts.models import IdentityProvider


class Command(BaseCommand):
    help = (
        "Loads the single sign-on identity providers and their claim mappings from the environment "
        "variable OIDC_PROVIDERS (JSON) or from --file; all or nothing (docs/accounts.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="read the JSON from this file instead of OIDC_PROVIDERS")
        parser.add_argument("--list", dest="list_only", action="store_true", help="only list the stored providers")

    def handle(self, *args, file=None, list_only=False, **options):
        if not list_only:
            with translation.override("en"):  # the command line speaks English, like the other commands
                loaded = self._load(file)
            self.stdout.write(f"loaded {len(loaded)} identity provider(s)")
        for provider in IdentityProvider.objects.order_by("slug"):
            state = "enabled" if provider.enabled else "disabled"
            self.stdout.write(f"{provider.slug}: {provider.name} – {provider.issuer} "
                              f"({provider.mappings.count()} mappings, {state})")

    def _load(self, file):
        try:
            if file is not None:
                return sso_config.load(sso_config.parse(file.read_text(encoding="utf-8")))
            loaded = sso_config.load_from_environment()
        except sso_config.ConfigError as exc:
            raise CommandError(str(exc.args[0])) from exc
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        if not loaded:
            raise CommandError(f"{sso_config.ENV_VAR} is not set; nothing loaded (or give --file)")
        return loaded
