"""Lists, adds, relabels and removes the reporting regions of a roadmap, as its regions page does."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.commands import user_named
from yhdyspinta.organisations.models import Organisation
from yhdyspinta.readiness import actions
from yhdyspinta.readiness.models import ReportingRegion, Roadmap


def organisation_named(spec: str) -> Organisation:
    """KIND:CODE (county:08, municipality:837, joint_authority:HUS) or an organisation id."""
    kind, _sep, code = spec.partition(":")
    qs = Organisation.objects.filter(pk=int(spec)) if spec.isdigit() else Organisation.objects.filter(
        kind=kind, code=code)
    org = qs.first()
    if org is None:
        raise CommandError(f"no organisation {spec!r} (give KIND:CODE, e.g. municipality:837, or an id)")
    return org


class Command(BaseCommand):
    help = ("List the reporting regions of a roadmap, or add, relabel or remove one; the user's rights "
            "apply (the roadmap owner's editors) and every change is audited in the user's name.")

    def add_arguments(self, parser):
        parser.add_argument("--roadmap", type=int, required=True, help="roadmap id")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--add", metavar="ORG", help="add KIND:CODE (e.g. municipality:837) or organisation id")
        group.add_argument("--change", metavar="ORG", help="change the label or order of this region")
        group.add_argument("--remove", metavar="ORG", help="remove this region (refused once it has reports)")
        parser.add_argument("--label", help="label in the tables")
        parser.add_argument("--order", type=int, help="place in the tables")
        parser.add_argument("--user", help="username the change is made as (needed to change)")

    def handle(self, *args, roadmap, add=None, change=None, remove=None, label=None, order=None, user=None,
               **options):
        target = Roadmap.objects.filter(pk=roadmap).first()
        if target is None:
            raise CommandError(f"no roadmap {roadmap}")
        if add or change or remove:
            if not user:
                raise CommandError("--user is needed to change the reporting regions")
            actor = user_named(user)
            try:
                if add:
                    actions.add_reporting_region(roadmap=target, organisation=organisation_named(add),
                                                 label=label or "", order=order, actor=actor)
                else:
                    org = organisation_named(change or remove)
                    region = ReportingRegion.objects.filter(roadmap=target, organisation=org).first()
                    if region is None:
                        raise CommandError(f"{org} is not a reporting region of roadmap {roadmap}")
                    if change:
                        actions.change_reporting_region(region, label=label, order=order, actor=actor)
                    else:
                        actions.remove_reporting_region(region, actor=actor)
            except ValidationError as exc:
                raise CommandError(f"refused: {' '.join(exc.messages)}") from None
            except PermissionDenied:
                raise CommandError(f"refused: {user} may not change roadmap {roadmap}") from None
        for region in target.reporting_regions.select_related("organisation").order_by("order", "label"):
            org = region.organisation
            self.stdout.write(f"{region.order}\t{org.kind}:{org.code}\t{org.name}\t{region.label}")
