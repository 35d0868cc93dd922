import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from yhdyspinta.accounts.models import Membership, Role, User
from yhdyspinta.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Creates a user (or updates one) with a role in an organisation: "
        "add_user USERNAME --organisation municipality:837 --role editor"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organisation", help="KIND:CODE, e.g. county:08 or municipality:837")
        parser.add_argument("--role", choices=[r.value for r in Role], default=Role.VIEWER)
        parser.add_argument("--national-reader", action="store_true")
        parser.add_argument("--password", help="Default: a random password, printed once.")
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, username, organisation=None, role=Role.VIEWER, national_reader=False, password=None,
               email="", **options):
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if national_reader:
            user.is_national_reader = True
        if created or password:
            password = password or secrets.token_urlsafe(12)
            user.set_password(password)
            self.stdout.write(f"password: {password}")
        user.save()
        if organisation:
            kind, _sep, code = organisation.partition(":")
            org = Organisation.objects.filter(kind=kind, code=code).first()
            if org is None:
                raise CommandError(f"no organisation {organisation!r} (use KIND:CODE, e.g. municipality:837)")
            Membership.objects.update_or_create(user=user, organisation=org, defaults={"role": role})
            self.stdout.write(f"{username}: {role} in {org}")
        self.stdout.write(f"user {'created' if created else 'updated'}: {username}")
