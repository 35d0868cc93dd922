"""The organisations' part of the synthetic national data set (`generate_national`).

The shipped 2021 classification (every county and municipality) as reference data, and the
lists the other parts draw from (`core.synthetic.Context`).
"""

from yhdyspinta.core.synthetic import Part

from . import reference
from .models import Organisation, OrganisationKind


def generate_reference(ctx):
    if Organisation.objects.municipalities().count() < 300:
        reference.load_reference_data()
    ctx.counties = list(Organisation.objects.filter(kind=OrganisationKind.COUNTY).order_by("code"))
    ctx.areas = list(Organisation.objects.organising_areas().order_by("area_code", "code"))
    ctx.municipalities = list(Organisation.objects.municipalities().order_by("code"))
    ctx.members = {}
    for org in ctx.municipalities:
        ctx.members.setdefault(org.area_id, []).append(org)
    ctx.users = []
    ctx.regions = list(dict.fromkeys(ctx.areas + ctx.municipalities))  # Helsinki is both
    return {"organisations": Organisation.objects.count()}


def area_with_members(ctx):
    """An organising area and its member municipalities (Helsinki is its own area: left out)."""
    area = ctx.rng.choice([a for a in ctx.areas if ctx.members.get(a.pk)])
    return area, [m for m in ctx.members[area.pk] if m.pk != area.pk] or [area]


PARTS = [Part("reference", 0, generate_reference, always=True)]
