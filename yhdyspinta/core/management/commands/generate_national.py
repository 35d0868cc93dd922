"""`generate_national --seed N --scale S`: a synthetic national data set for load and fault tests.

Every county and municipality (the shipped 2021 classification), then users with memberships
and, for each app that is installed, its records in the volumes of issue 9 times the scale:
10 000 interfaces with assessments, 2 000 forums, 50 000 meetings with items and decisions,
5 000 agreements, 5 000 000 indicator values, a readiness roadmap of 1 000 tasks × 300 regions
× 24 periods, 1 000 000 integration-study answers, 20 000 users. Deterministic from the seed (except auto timestamps); rows go in
with bulk_create in batches, one transaction per part, so it runs on SQLite and PostgreSQL.
Generated records are not audited (bulk_create sends no signals): it is test data.
"""

import random
import time
from datetime import UTC, date, datetime, timedelta
from itertools import islice

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

BATCH = 2000
PASSWORD = "secret-password-1"  # the factories' password: load tests log in with it
USER_PREFIX = "national-"


def installed(label: str) -> bool:
    return apps.is_installed(f"yhdyspinta.{label}")


def translated(model, values: dict) -> dict:
    """Copies each modeltranslation field's value to its Finnish column (bulk_create skips the magic)."""
    try:
        from modeltranslation.translator import translator

        fields = translator.get_options_for_model(model).all_fields
    except Exception:  # noqa: BLE001 - model not registered for translation
        return values
    extra = {f"{name}_fi": value for name, value in values.items() if name in fields}
    return {**values, **extra}


def insert(model, rows, batch=BATCH) -> list:
    """bulk_create of an iterable of dicts or instances in batches; returns the created objects."""
    created, rows = [], iter(rows)
    while chunk := list(islice(rows, batch)):
        objs = [model(**translated(model, r)) if isinstance(r, dict) else r for r in chunk]
        created += model.objects.bulk_create(objs, batch_size=batch)
    return created


def stream(model, rows, batch=BATCH) -> int:
    """Like insert() but keeps nothing in memory (for the millions of values and statuses)."""
    count, rows = 0, iter(rows)
    while chunk := list(islice(rows, batch)):
        model.objects.bulk_create([model(**r) for r in chunk], batch_size=batch)
        count += len(chunk)
    return count


def n(volume: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(volume * scale))


class Context:
    """What the parts share: the random source, the scale, the organisations and people."""

    def __init__(self, seed: int, scale: float, out):
        from yhdyspinta.organisations.models import Organisation, OrganisationKind

        self.rng = random.Random(seed)
        self.scale = scale
        self.out = out
        self.counties = list(Organisation.objects.filter(kind=OrganisationKind.COUNTY).order_by("code"))
        self.areas = list(Organisation.objects.organising_areas().order_by("area_code", "code"))
        self.municipalities = list(Organisation.objects.municipalities().order_by("code"))
        self.members = {}
        for org in self.municipalities:
            self.members.setdefault(org.area_id, []).append(org)
        self.users = []
        self.regions = list(dict.fromkeys(self.areas + self.municipalities))  # Helsinki is both

    def area_with_members(self):
        """An organising area and its member municipalities (Helsinki is its own area: left out)."""
        area = self.rng.choice([a for a in self.areas if self.members.get(a.pk)])
        return area, [m for m in self.members[area.pk] if m.pk != area.pk] or [area]


# ---- parts (one per app) ---------------------------------------------------------------------
def part_reference(ctx_args):
    from yhdyspinta.organisations import reference
    from yhdyspinta.organisations.models import Organisation

    if Organisation.objects.municipalities().count() < 300:
        reference.load_reference_data()
    return {"organisations": Organisation.objects.count()}


def part_users(ctx: Context):
    from yhdyspinta.accounts.models import Membership, Role, User

    count = n(20000, ctx.scale, 50)
    password = make_password(PASSWORD)
    orgs = ctx.regions
    weights = [max(o.population or 1000, 1000) for o in orgs]
    roles = [Role.VIEWER] * 14 + [Role.EDITOR] * 4 + [Role.ORG_ADMIN]
    users = insert(User, (
        {"username": f"{USER_PREFIX}{i:05d}", "password": password, "first_name": "Testi",
         "last_name": f"Käyttäjä {i}", "email": f"user{i}@example.fi",
         "is_national_reader": i % 1000 == 999}
        for i in range(count)
    ))
    memberships = []
    for i, user in enumerate(users):
        if user.is_national_reader:
            continue
        org = ctx.rng.choices(orgs, weights)[0]
        role = Role.COUNTY_COORDINATOR if i % 200 == 7 and org.organises_sote else ctx.rng.choice(roles)
        memberships.append({"user": user, "organisation": org, "role": role})
    insert(Membership, memberships)
    ctx.users = users
    return {"users": len(users), "memberships": len(memberships)}


def part_catalogue(ctx: Context):
    from yhdyspinta.catalogue import choices
    from yhdyspinta.catalogue.models import Interface, MaturityAssessment, Service

    rng = ctx.rng
    themes, groups = [c[0] for c in choices.Theme.choices], [c[0] for c in choices.ClientGroup.choices]
    fields, dims = [c[0] for c in choices.ServiceField.choices], [c[0] for c in choices.Dimension.choices]
    services = insert(Service, (
        {"organisation": org, "field": rng.choice(fields), "name": f"{rng.choice(fields)} {org.name} {i}",
         "visibility": "public" if rng.random() < 0.8 else "internal"}
        for i, org in enumerate(rng.choice(ctx.municipalities) for _ in range(n(20000, ctx.scale)))
    ))
    plans = []
    for i in range(n(10000, ctx.scale)):
        area, members = ctx.area_with_members()
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


def part_cooperation(ctx: Context):
    from yhdyspinta.cooperation.models import AgendaItem, Agreement, Decision, Forum, Meeting
    from yhdyspinta.cooperation.models.agreements import AgreementKind

    rng = ctx.rng
    levels = [c[0] for c in Forum._meta.get_field("level").choices]
    plans = []
    for i in range(n(2000, ctx.scale)):
        area, members = ctx.area_with_members()
        plans.append((list(dict.fromkeys([area, *rng.sample(members, min(len(members), rng.randint(1, 6)))])), {
            "name": f"Yhteistyöryhmä {i}", "level": rng.choice(levels), "area": area,
            "mandate": "Yhteistyö hyvinvointialueen ja kuntien välillä.",
            "visibility": "public" if rng.random() < 0.7 else "internal",
        }))
    forums = insert(Forum, (v for _o, v in plans))
    through = Forum.organisations.through
    insert(through, (through(forum_id=f.pk, organisation_id=o.pk) for f, (orgs, _v) in zip(forums, plans)
                     for o in orgs), batch=5000)
    first = datetime(2023, 1, 9, 9, 0, tzinfo=UTC)
    meetings = insert(Meeting, (
        {"forum": rng.choice(forums), "starts_at": first + timedelta(days=rng.randint(0, 1200), hours=rng.randint(0, 8)),
         "place": "Teams", "minutes": f"Pöytäkirja {i}", "visibility": "public" if rng.random() < 0.7 else "internal"}
        for i in range(n(50000, ctx.scale))
    ))
    items = insert(AgendaItem, (
        {"meeting": m, "number": k, "title": f"Asia {k}", "body": "Esittely ja keskustelu."}
        for m in meetings for k in range(1, 4)
    ), batch=5000)
    resolutions = [c[0] for c in Decision._meta.get_field("resolution").choices]
    decisions = stream(Decision, ({"item_id": it.pk, "meeting_id": it.meeting_id, "resolution": rng.choice(resolutions),
                                   "text": "Päätösehdotus hyväksyttiin."} for it in items), batch=5000)
    kinds = [c[0] for c in AgreementKind.choices]
    agreement_plans = []
    for i in range(n(5000, ctx.scale)):
        area, members = ctx.area_with_members()
        agreement_plans.append((list(dict.fromkeys([area, rng.choice(members)])), {
            "title": f"Sopimus {i}", "kind": rng.choice(kinds), "valid_from": date(2023, 1, 1),
            "valid_until": date(2023, 1, 1) + timedelta(days=rng.randint(365, 2000)),
            "visibility": "public" if rng.random() < 0.6 else "internal",
        }))
    agreements = insert(Agreement, (v for _p, v in agreement_plans))
    party = Agreement.parties.through
    insert(party, (party(agreement_id=a.pk, organisation_id=o.pk) for a, (orgs, _v) in zip(agreements, agreement_plans)
                   for o in orgs), batch=5000)
    return {"forums": len(forums), "meetings": len(meetings), "agenda items": len(items),
            "decisions": decisions, "agreements": len(agreements)}


def part_readiness(ctx: Context):
    from yhdyspinta.readiness.models import (
        Area,
        Period,
        ReportingRegion,
        Roadmap,
        RoadmapTask,
        Status,
        StatusReport,
        quarter_end,
    )

    rng = ctx.rng
    roadmap = insert(Roadmap, [{"name": "Kansallinen tiekartta (generoitu)", "owner": ctx.counties[0],
                                "target_date": date(2026, 12, 31), "visibility": "public"}])[0]
    areas = insert(Area, ({"roadmap": roadmap, "code": f"a{k}", "name": f"Osa-alue {k}", "order": k}
                          for k in range(10)))
    tasks = insert(RoadmapTask, (
        {"roadmap": roadmap, "code": f"T{i:04d}", "title": f"Tehtävä {i}", "area": areas[i % len(areas)],
         "due_date": date(2024, 1, 31) + timedelta(days=30 * (i % 36)), "critical": i % 10 == 0, "order": i}
        for i in range(n(1000, ctx.scale, 2))
    ))
    regions = ctx.regions[:300]
    insert(ReportingRegion, ({"roadmap": roadmap, "organisation": o, "order": k} for k, o in enumerate(regions)))
    ends = [date(2024 + m // 12, m % 12 + 1, 28) for m in range(24)]
    periods = insert(Period, ({"roadmap": roadmap, "code": f"{d:%Y-%m}", "end_date": d,
                               "progress_end": quarter_end(d)} for d in ends))
    statuses = [c[0] for c in Status.choices]
    reports = stream(StatusReport, (
        {"period_id": p.pk, "region_id": r.pk, "task_id": t.pk, "status": rng.choice(statuses)}
        for p in periods for r in regions for t in tasks
    ), batch=5000)
    return {"tasks": len(tasks), "regions": len(regions), "periods": len(periods), "status reports": reports}


def part_indicators(ctx: Context):
    from yhdyspinta.indicators.models import Indicator, IndicatorValue

    rng = ctx.rng
    indicators = insert(Indicator, (
        {"source": "own", "source_id": f"gen-{i}", "title": f"Indikaattori {i}", "unit": "%",
         "first_year": 2000, "last_year": 2029}
        for i in range(n(500, ctx.scale, 2))
    ))
    regions = ctx.regions
    values = stream(IndicatorValue, (
        {"indicator_id": ind.pk, "region_id": r.pk, "year": year, "sex": "total",
         "value": round(rng.uniform(0, 100), 1)}
        for ind in indicators for r in regions for year in range(2000, 2030)
    ), batch=5000)
    return {"indicators": len(indicators), "indicator values": values}


def part_integration(ctx: Context):
    """One national study: 40 parties × 25 000 respondents = 1 000 000 answers at scale 1."""
    from yhdyspinta.integration.models import Answer, Respondent, Study, StudyParty

    rng = ctx.rng
    study = insert(Study, [{"title": "Integraatioselvitys (generoitu)", "owner": ctx.counties[0],
                            "status": "closed", "visibility": "public", "seed": 1}])[0]
    organisers = [c[0] for c in StudyParty.Organiser.choices]
    parties = insert(StudyParty, ({"study": study, "code": f"P{k:02d}", "label": f"Toimija {k}",
                                   "organiser": organisers[k % len(organisers)], "order": k} for k in range(40)))
    names = [m.name for m in ctx.municipalities]
    respondents = insert(Respondent, ({"study": study, "group": rng.choice(parties), "municipality": rng.choice(names),
                                       "imported": True, "progress": 100} for _ in range(n(25000, ctx.scale))))
    answers = stream(Answer, (
        {"respondent_id": r.pk, "party_id": p.pk, "frequency": rng.randint(0, 4), "mutuality": rng.randint(0, 4),
         "need": rng.randint(0, 4)}
        for r in respondents for p in parties
    ), batch=5000)
    Study.objects.filter(pk=study.pk).update(invited=len(respondents))
    return {"studies": 1, "parties": len(parties), "respondents": len(respondents), "answers": answers}


PARTS = [("users", "accounts", part_users), ("catalogue", "catalogue", part_catalogue),
         ("cooperation", "cooperation", part_cooperation), ("readiness", "readiness", part_readiness),
         ("indicators", "indicators", part_indicators), ("integration", "integration", part_integration)]


class Command(BaseCommand):
    help = "Generates a synthetic national data set (deterministic from --seed) for load and fault tests."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, required=True)
        parser.add_argument("--scale", type=float, default=0.01, help="0.01..1 of the national volumes.")
        parser.add_argument("--only", nargs="*", help="Generate only these parts (users, catalogue, …).")

    def handle(self, *args, seed, scale, only, **options):
        from yhdyspinta.accounts.models import User

        if not 0.0001 <= scale <= 1:
            raise CommandError("--scale must be between 0.0001 and 1")
        if User.objects.filter(username__startswith=USER_PREFIX).exists():
            raise CommandError("this database already has a generated data set; use a fresh database")
        started = time.perf_counter()
        with transaction.atomic():
            self.report("reference", part_reference(None), started)
        ctx = Context(seed, scale, self.stdout)
        for name, app, part in PARTS:
            if only and name not in only:
                continue
            if not installed(app):
                self.stdout.write(f"{name:<12} skipped: app not installed")
                continue
            part_started = time.perf_counter()
            with transaction.atomic():
                self.report(name, part(ctx), part_started)
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s (seed {seed}, scale {scale})")

    def report(self, name, counts, started):
        text = ", ".join(f"{v} {k}" for k, v in counts.items())
        self.stdout.write(f"{name:<12} {text} ({time.perf_counter() - started:.1f} s)")
