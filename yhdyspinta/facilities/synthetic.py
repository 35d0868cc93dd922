"""The facilities part of the synthetic national data set (`generate_national`): a premises register.

At scale 1: 8 000 buildings with 20 000 premises in every municipality of the country, 4 500
leases from the municipalities to their wellbeing services county (most of them transitional
leases of 616/2021 § 22 with a one-year option), 2 000 shared uses and 1 000 support services.
Illustrative: every name ends in "(generoitu)" and every lease reference starts with "GEN-"; the
areas, dates and euros are invented. Deterministic from the seed (`ctx.rng`).
"""

from datetime import date, timedelta
from decimal import Decimal

from yhdyspinta.core.synthetic import Part, insert, n

from .models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    SharedUse,
    SupportKind,
    SupportService,
    Use,
)
from .rules import notice_deadline, option_end, prt_with_check

MARK = "(generoitu)"
USES = [Use.HEALTH, Use.SOCIAL, Use.SCHOOL, Use.DAYCARE, Use.RESCUE, Use.OFFICE, Use.HOUSING, Use.MIXED]


def generate(ctx):
    rng = ctx.rng
    # Municipalities with a county to lease to (Helsinki is its own area: its premises are not leased out).
    municipalities = list(ctx.municipalities)
    buildings = insert(Building, (
        {"name": f"{m.name_fi} rakennus {k + 1} {MARK}", "building_id": prt_with_check(f"{900000000 + k:09d}"),
         "address": f"Esimerkkikatu {k % 90 + 1}, {m.name_fi}", "municipality": m, "owner": m,
         "floor_area": Decimal(rng.randint(300, 9000)), "use": rng.choice(USES), "visibility": "public"}
        for k, m in ((k, municipalities[k % len(municipalities)]) for k in range(n(8000, ctx.scale)))))
    county_of = {m.pk: m.area_id for m in municipalities}
    premises = insert(Premise, (
        {"building": b, "name": f"Tila {k + 1} {MARK}", "area": (b.floor_area / 3).quantize(Decimal("0.1")),
         "use": b.use, "visibility": "public",
         "user_organisation_id": county_of[b.owner_id] if k % 5 else b.owner_id}
        for k, b in ((k, buildings[k % len(buildings)]) for k in range(n(20000, ctx.scale)))))
    leasable = [p for p in premises if p.user_organisation_id != p.building.owner_id
                and p.user_organisation_id is not None]
    chosen = rng.sample(leasable, min(len(leasable), n(4500, ctx.scale)))
    leases = []
    for k, p in enumerate(chosen):
        transitional = rng.random() < 0.8
        starts = date(2023, 1, 1) if transitional else date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        ends = None if rng.random() < 0.1 else date(2025 + rng.randint(1, 6), 12, 31)
        capital = Decimal(int(p.area) * rng.randint(60, 180))
        leases.append(Lease(
            premise=p, landlord_id=p.building.owner_id, tenant_id=p.user_organisation_id,
            reference=f"GEN-{k + 1:05d}", starts_on=starts, ends_on=ends, notice_months=rng.choice((6, 12)),
            transitional=transitional, internal_capital_cost=capital,
            internal_maintenance_cost=(capital * Decimal("0.45")).quantize(Decimal(1)),
            index_clause="Elinkustannusindeksi, tarkistus tammikuussa" if rng.random() < 0.7 else "",
            visibility=rng.choice(("public", "internal"))))
    leases = insert(Lease, leases)
    options = insert(LeaseOption, (
        LeaseOption(lease=le, starts_on=le.ends_on + timedelta(days=1), ends_on=option_end(le.ends_on),
                    exercise_by=notice_deadline(le.ends_on, 12), statutory=le.transitional)
        for le in leases if le.ends_on is not None and rng.random() < 0.5))
    shared = insert(SharedUse, (
        SharedUse(premise=p, organisation_id=p.building.owner_id, share_of_hours=Decimal(rng.randint(5, 40)),
                  share_of_area=Decimal(rng.randint(5, 40)), note=f"Iltakäyttö {MARK}")
        for p in rng.sample(chosen, min(len(chosen), n(2000, ctx.scale)))))
    kinds = [k for k, _label in SupportKind.choices]
    with_county = [m for m in municipalities if m.area_id and m.area_id != m.pk]
    support = []
    for k in range(n(1000, ctx.scale)):
        m = rng.choice(with_county)
        provider, recipient = (m.pk, m.area_id) if rng.random() < 0.7 else (m.area_id, m.pk)
        volume, price = Decimal(rng.randint(100, 50000)), Decimal(rng.randint(2, 60))
        support.append(SupportService(
            kind=kinds[k % len(kinds)], title=f"Tukipalvelu {k + 1} {MARK}", provider_id=provider,
            recipient_id=recipient, volume=volume, volume_unit="kpl", unit_price=price, annual_value=volume * price,
            starts_on=date(2023, 1, 1), ends_on=date(2027, 12, 31), visibility="public"))
    support = insert(SupportService, support)
    return {"buildings": len(buildings), "premises": len(premises), "leases": len(leases),
            "options": len(options), "shared uses": len(shared), "support services": len(support)}


def generated_exist() -> bool:
    return Lease.objects.filter(reference__startswith="GEN-").exists()


PARTS = [Part("facilities", 70, generate, exists=generated_exist)]
