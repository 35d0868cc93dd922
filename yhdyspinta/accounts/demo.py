"""Demo users: one per role, all in Pirkanmaa's cooperation area. Password for all: see DEMO_PASSWORD."""

from yhdyspinta.organisations.models import Organisation

from .models import Membership, Role, User

DEMO_PASSWORD = "yhdyspinta-demo"

# username, first, last, organisation code (kind), role, national reader
DEMO_USERS = [
    ("koordinaattori", "Kaisa", "Koordinaattori", ("county", "08"), Role.COUNTY_COORDINATOR, False),
    ("tampere-editori", "Eero", "Editori", ("municipality", "837"), Role.EDITOR, False),
    ("tampere-katselija", "Kati", "Katselija", ("municipality", "837"), Role.VIEWER, False),
    ("nokia-admin", "Noora", "Nokia", ("municipality", "536"), Role.ORG_ADMIN, False),
    ("oulu-editori", "Olli", "Oulu", ("municipality", "564"), Role.EDITOR, False),
    ("ministerio", "Minna", "Ministeriö", None, None, True),
]


def ensure_admin(username="admin", password=DEMO_PASSWORD):
    user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True, "is_superuser": True})
    if created:
        user.set_password(password)
        user.save()
    return user


def load(stdout):
    ensure_admin()
    load_identity_providers(stdout)
    for username, first, last, org_key, role, national in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "is_national_reader": national}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if org_key:
            org = Organisation.objects.get(kind=org_key[0], code=org_key[1])
            Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})


def load_identity_providers(stdout):
    """OIDC_PROVIDERS from the environment: the login page offers these (docs/accounts.md)."""
    from django.core.management.base import CommandError
    from django.utils import translation

    from .sso_config import ConfigError, load_from_environment

    try:
        with translation.override("en"):
            providers = load_from_environment()
    except ConfigError as exc:
        raise CommandError(str(exc.args[0])) from exc
    for provider in providers:
        stdout.write(f"single sign-on: {provider.name}")
