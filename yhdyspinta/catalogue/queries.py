"""Read helpers shared by pages, exports and the API (all through restrict())."""

from collections import defaultdict

from yhdyspinta.organisations.models import Organisation

from . import compute
from .choices import Dimension
from .models import Interface, MaturityAssessment

DIMENSIONS = Dimension.values


def latest_values(interfaces) -> dict:
    """{interface_id: {dimension: latest value}} for the given interfaces, in one query.

    Retracted assessments are history only: they never count as the current value.
    """
    out: dict = defaultdict(dict)
    rows = (MaturityAssessment.objects.filter(interface__in=interfaces, retracted_at__isnull=True)
            .order_by("interface_id", "dimension", "-assessed_on", "-pk")
            .values_list("interface_id", "dimension", "value"))
    for interface_id, dimension, value in rows:
        out[interface_id].setdefault(dimension, value)
    return out


def area_matrix(area, interfaces):
    """The interface × municipality matrix of one county.

    A row is a template (or an interface without one); a column a municipality of the area;
    a cell the latest values of that municipality's interface.
    """
    interfaces = list(interfaces.filter(area=area).select_related("template").prefetch_related("parties"))
    latest = latest_values([i.pk for i in interfaces])
    municipalities = list(Organisation.objects.municipalities().filter(area=area).order_by("name"))
    muni_ids = {m.pk for m in municipalities}
    rows, cells, links, per_row = [], {}, {}, defaultdict(list)
    for interface in sorted(interfaces, key=lambda i: (i.template.order if i.template else 999, str(i))):
        key = interface.template.title if interface.template else interface.title
        if key not in rows:
            rows.append(key)
        columns = [interface.template_for_id] if interface.template_for_id else \
            [p.pk for p in interface.parties.all() if p.pk in muni_ids]
        for column in columns:
            if (key, column) not in cells:
                cells[(key, column)] = latest.get(interface.pk, {})
                links[(key, column)] = interface
        per_row[key].append(latest.get(interface.pk, {}))
    table = compute.matrix(cells, rows, [m.pk for m in municipalities], DIMENSIONS)
    for row in table:
        row["cells"] = [(m, cell, links.get((row["row"], m.pk)))
                        for m, (_col, cell) in zip(municipalities, row["cells"])]
        row["weakest"] = weakest_of_row(per_row[row["row"]])[:3]
    return municipalities, table


def weakest_of_row(latest_list):
    """Dimension means across a row's interfaces, weakest first (unassessed dimensions first)."""
    means = {}
    for dimension in DIMENSIONS:
        values = [lv[dimension] for lv in latest_list if dimension in lv]
        if values:
            means[dimension] = round(sum(values) / len(values), 1)
    labels = dict(Dimension.choices)
    return [(labels[d], v) for d, v in compute.weakest_first(means, DIMENSIONS)]


def national_matrix(interfaces):
    """Rows = templates/themes, columns = counties; a cell summarises the county's interfaces.

    Cell minimum = the weakest interface's minimum, mean = the mean of the interfaces' means.
    """
    interfaces = list(interfaces.filter(area__isnull=False).select_related("template", "area")
                      .only("pk", "theme", "area", "template__title", "template__order", *_name_fields("area"),
                            *_name_fields("template", "title")))
    latest = latest_values([i.pk for i in interfaces])
    counties = sorted({i.area for i in interfaces}, key=lambda c: c.name)
    groups: dict = defaultdict(list)
    order = {}
    themes = {value: str(label) for value, label in Interface._meta.get_field("theme").flatchoices}  # once, not per row
    for i in interfaces:
        key = i.template.title if i.template else themes.get(i.theme, i.theme)
        order.setdefault(key, i.template.order if i.template else 999)
        groups[(key, i.area_id)].append(compute.maturity_cell(latest.get(i.pk, {}), DIMENSIONS))
    rows = sorted(order, key=lambda k: (order[k], str(k)))
    table = []
    for key in rows:
        cells = []
        for county in counties:
            group = groups.get((key, county.pk), [])
            assessed = [c for c in group if c["min"] is not None]
            if not group:
                cells.append((county, None))
            elif not assessed:
                cells.append((county, {"min": None, "mean": None, "assessed": 0, "total": len(group)}))
            else:
                cells.append((county, {"min": min(c["min"] for c in assessed),
                                       "mean": round(sum(c["mean"] for c in assessed) / len(assessed), 1),
                                       "assessed": len(assessed), "total": len(group)}))
        table.append({"row": key, "cells": cells})
    return counties, table


def _name_fields(relation, field="name"):
    """The translated columns of a related model's text field, for only()."""
    return [f"{relation}__{field}_{language}" for language in ("fi", "sv", "en")]


def person_of(user):
    """The person record linked to a user account (organisations.Person.user), or None."""
    from yhdyspinta.organisations.models import Person

    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def contact_gaps(user):
    """Public services the user may view with no contact point, service point or web page of their
    own, each with the organiser's general contact (if any) and a PTV service of the same name."""
    from yhdyspinta.core import textsearch
    from yhdyspinta.core.models import Visibility

    from .models import OrganisationContact, PtvService, Service

    services = list(Service.objects.restrict(user, "view").filter(
        visibility=Visibility.PUBLIC, contacts__isnull=True, points__isnull=True, website="")
        .select_related("organisation").order_by("organisation__name", "name"))
    general = set(OrganisationContact.objects.filter(organisation__in={s.organisation_id for s in services})
                  .exclude(phone="", url="").values_list("organisation_id", flat=True))
    ptv = {}
    for p in PtvService.objects.filter(organisation__in={s.organisation_id for s in services}):
        for lg in ("fi", "sv", "en"):
            name = getattr(p, f"name_{lg}") or ""
            if name:
                ptv.setdefault((p.organisation_id, textsearch.fold(name)), p)
    linked = set(Service.objects.exclude(ptv_id="").values_list("ptv_id", flat=True))
    rows = []
    for s in services:
        match = None
        if not s.ptv_id:
            names = {textsearch.fold(getattr(s, f"name_{lg}") or "") for lg in ("fi", "sv", "en")} - {""}
            match = next((ptv[(s.organisation_id, n)] for n in names if (s.organisation_id, n) in ptv), None)
            match = match if match and match.ptv_id not in linked else None
        rows.append({"service": s, "general": s.organisation_id in general, "suggestion": match})
    return rows
