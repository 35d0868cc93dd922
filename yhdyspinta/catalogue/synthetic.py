"""The catalogue's part of the synthetic national data set: services, interfaces and their
maturity assessments (`generate_national`)."""

from datetime import date, timedelta

from yhdyspinta.core.synthetic import Part, insert, n, stream
from yhdyspinta.organisations.synthetic import area_with_members

from . import choices, search_index
from .models import Interface, MaturityAssessment, Service


def generate(ctx):
    rng = ctx.rng
    themes, groups = [c[0] for c in choices.Theme.choices], [c[0] for c in choices.ClientGroup.choices]
    fields, dims = [c[0] for c in choices.ServiceField.choices], [c[0] for c in choices.Dimension.choices]
    services = insert(Service, (
        {"organisation": org, "field": rng.choice(fields), "name": f"{rng.choice(fields)} {org.name} {i}",
         "visibility": "public" if rng.random() < 0.8 else "internal"}
        for i, org in enumerate(rng.choice(ctx.municipalities) for _ in range(n(20000, ctx.scale)))
    ))
    search_index.index_services(services)  # the finder's stored terms (a bulk insert sends no post_save)
    plans = []
    for i in range(n(10000, ctx.scale)):
        area, members = area_with_members(ctx)
        parties = list(dict.fromkeys([area, *rng.sample(members, min(len(members), rng.randint(1, 3)))]))
        plans.append((parties, {
            "title": f"Yhdyspinta {i}: {rng.choice(themes)}", "theme": rng.choice(themes),
            "client_group": rng.choice(groups), "area": area, "summary": f"Yhteistyö {i}",
            "level_expert": True, "level_field": rng.random() < 0.5,
            "visibility": "public" if rng.random() < 0.6 else "internal",
        }))
    interfaces = insert(Interface, (values for _p, values in plans))
    through = Interface.parties.through
    insert(through, (through(interface_id=obj.pk, organisation_id=org.pk)
                     for obj, (parties, _v) in zip(interfaces, plans) for org in parties), batch=5000)
    service_through = Interface.services.through
    insert(service_through, (service_through(interface_id=obj.pk, service_id=rng.choice(services).pk)
                             for obj in interfaces), batch=5000)
    start = date(2022, 1, 1)
    assessments = stream(MaturityAssessment, (
        {"interface_id": obj.pk, "dimension": dim, "value": rng.randint(0, 3),
         "assessed_on": start + timedelta(days=rng.randint(0, 1000))}
        for obj in interfaces for dim in dims
    ))
    return {"services": len(services), "interfaces": len(interfaces), "assessments": assessments}


PARTS = [Part("catalogue", 20, generate)]
