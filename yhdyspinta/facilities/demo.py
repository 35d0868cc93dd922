"""Demo: premises leased by Pirkanmaa's municipalities to the county, and the student-welfare
services on the premises of a few schools (illustrative, not real leases, schools or counts).

Every name ends in "(esimerkki)" and every reference starts with "DEMO-": the buildings, areas,
dates and euros are invented to show the register, its rules and its reminders. Deterministic and
idempotent: records are found or created by natural keys.
"""

from datetime import date
from decimal import Decimal

from yhdyspinta.organisations.models import Organisation, OrganisationKind, Unit

from .models import Building, Lease, LeaseOption, Premise, School, SharedUse, WelfareService
from .rules import prt_with_check

PIRKANMAA = "08"
# (municipality code, building, identifier digits, address, floor m², use, premises: (name, m², use))
BUILDINGS = [
    ("837", "Hervannan koulu (esimerkki)", "900000101", "Esimerkkikatu 1, Tampere", "5200", "school",
     [("Kouluterveydenhoitajan vastaanotto", "38", "health"), ("Kuraattorin ja psykologin huoneet", "30", "health")]),
    ("837", "Kalevan terveysasema (esimerkki)", "900000102", "Esimerkkitie 5, Tampere", "3100", "health",
     [("Terveysaseman tilat", "2800", "health")]),
    ("536", "Nokian sosiaali- ja terveyskeskus (esimerkki)", "900000103", "Esimerkkipolku 2, Nokia", "4200", "health",
     [("Vastaanotto ja neuvola", "1900", "health"), ("Sosiaalitoimisto", "640", "social")]),
    ("418", "Lempäälän paloasema (esimerkki)", "900000104", "Esimerkkiraitti 9, Lempäälä", "1500", "rescue",
     [("Paloasema", "1500", "rescue")]),
]
# (building, premise, reference, starts, ends, notice months, capital €/y, maintenance €/y, option (start, end, by))
LEASES = [
    ("Hervannan koulu (esimerkki)", "Kouluterveydenhoitajan vastaanotto", "DEMO-TRE-001", date(2023, 1, 1),
     date(2027, 6, 30), 6, "5200", "2900", None),
    ("Kalevan terveysasema (esimerkki)", "Terveysaseman tilat", "DEMO-TRE-002", date(2023, 1, 1),
     date(2025, 12, 31), 12, "310000", "145000", (date(2026, 1, 1), date(2026, 12, 31), date(2025, 6, 30))),
    ("Nokian sosiaali- ja terveyskeskus (esimerkki)", "Vastaanotto ja neuvola", "DEMO-NOK-001", date(2023, 1, 1),
     date(2027, 12, 31), 6, "190000", "88000", (date(2028, 1, 1), date(2028, 12, 31), date(2027, 3, 31))),
    ("Lempäälän paloasema (esimerkki)", "Paloasema", "DEMO-LEM-001", date(2023, 1, 1), None, 12, "96000", "41000",
     None),
]


def load(stdout):
    county = Organisation.objects.filter(kind=OrganisationKind.COUNTY, code=PIRKANMAA).first()
    if county is None:
        return
    municipalities = {m.code: m for m in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY,
                                                                     code__in={b[0] for b in BUILDINGS})}
    premises = {}
    for code, name, digits, address, floor, use, rooms in BUILDINGS:
        owner = municipalities.get(code)
        if owner is None:
            continue
        building, _ = Building.objects.get_or_create(
            owner=owner, name=name, defaults={"municipality": owner, "building_id": prt_with_check(digits),
                                              "address": address, "floor_area": Decimal(floor), "use": use})
        for room, area, room_use in rooms:
            premises[(name, room)], _ = Premise.objects.get_or_create(
                building=building, name=room, defaults={"area": Decimal(area), "use": room_use,
                                                        "user_organisation": county})
    for building, room, ref, starts, ends, notice, capital, upkeep, option in LEASES:
        premise = premises.get((building, room))
        if premise is None:
            continue
        lease, _ = Lease.objects.get_or_create(
            landlord=premise.building.owner, reference=ref,
            defaults={"premise": premise, "tenant": county, "starts_on": starts, "ends_on": ends,
                      "notice_months": notice, "transitional": True, "internal_capital_cost": Decimal(capital),
                      "internal_maintenance_cost": Decimal(upkeep),
                      "index_clause": "Elinkustannusindeksi, tarkistus vuosittain 1.1. (esimerkki)"})
        if option:
            LeaseOption.objects.get_or_create(lease=lease, starts_on=option[0],
                                              defaults={"ends_on": option[1], "exercise_by": option[2],
                                                        "statutory": True})
    school = premises.get(("Hervannan koulu (esimerkki)", "Kuraattorin ja psykologin huoneet"))
    if school is not None:
        owner = school.building.owner
        pupil_care = Unit.objects.filter(organisation=county, name_fi="Opiskeluhuolto").first()
        SharedUse.objects.get_or_create(premise=school, organisation=county, defaults={
            "unit": pupil_care, "share_of_hours": Decimal(60), "share_of_area": Decimal(100),
            "note": "Kuraattori ja psykologi ma–to (esimerkki)"})
        SharedUse.objects.get_or_create(premise=school, organisation=owner, defaults={
            "share_of_hours": Decimal(40), "share_of_area": Decimal(0),
            "note": "Koulun oppilashuoltoryhmän kokoukset pe (esimerkki)"})
    load_schools(county, premises)
    stdout.write(f"facilities: {Building.objects.filter(name__endswith='(esimerkki)').count()} demo buildings, "
                 f"{School.objects.filter(unit__name_fi__endswith='(esimerkki)').count()} demo schools")


# (municipality code, school, level, pupils, building or None, {kind: (days a week, premise or None)})
# Juupajoki's school has no curator on site: the check and the browser test find it.
SCHOOLS = [
    ("837", "Hervannan koulu (esimerkki)", "basic", 640, "Hervannan koulu (esimerkki)",
     {"health": ("3.0", "Kouluterveydenhoitajan vastaanotto"), "curator": ("4.0", "Kuraattorin ja psykologin huoneet"),
      "psychologist": ("2.0", "Kuraattorin ja psykologin huoneet")}),
    ("837", "Tampereen lyseon lukio (esimerkki)", "general_upper_secondary", 820, None,
     {"health": ("3.0", None), "curator": ("2.5", None), "psychologist": ("1.0", None)}),
    ("536", "Nokian yhtenäiskoulu (esimerkki)", "basic", 710, None,
     {"health": ("2.0", None), "curator": ("2.0", None)}),
    ("418", "Lempäälän yläkoulu (esimerkki)", "basic", 530, None,
     {"health": ("2.0", None), "curator": ("2.0", None), "psychologist": ("1.0", None)}),
    ("177", "Juupajoen koulu (esimerkki)", "basic", 140, None,
     {"health": ("1.0", None), "psychologist": ("0.5", None)}),
]


def load_schools(county, premises):
    """The demo schools as units of their municipalities, and the county's services on their premises."""
    codes = {row[0] for row in SCHOOLS}
    municipalities = {m.code: m for m in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY,
                                                                     code__in=codes)}
    for code, name, level, pupils, building_name, services in SCHOOLS:
        municipality = municipalities.get(code)
        if municipality is None:
            continue
        unit, _ = Unit.objects.get_or_create(organisation=municipality, name_fi=name,
                                             defaults={"name": name, "description_fi": "Esimerkki, ei todellinen koulu."})
        building = Building.objects.filter(owner=municipality, name=building_name).first() if building_name else None
        school, _ = School.objects.get_or_create(unit=unit, defaults={
            "municipality": municipality, "level": level, "pupils": pupils, "pupils_counted_on": date(2026, 9, 20),
            "building": building})
        for kind, (days, room) in services.items():
            premise = premises.get((building_name, room)) if room else None
            WelfareService.objects.get_or_create(school=school, kind=kind, defaults={
                "provider": county, "days_per_week": Decimal(days), "premise": premise,
                "note": "Esimerkki (ei todellinen)"})
