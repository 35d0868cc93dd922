"""Demo knowledge base for Pirkanmaa: real Sotkanet indicator names with SYNTHETIC values.

The values are illustrative only (deterministic, computed from the region code and year); the
indicator titles say so. Goals, measures, a composite index and two welfare reports build on them.
"""

import zlib
from datetime import date

from yhdyspinta.organisations.models import Organisation, OrganisationKind, Person

from . import actions
from .compute.parsing import ValueRow
from .models import (
    Composite,
    CompositeComponent,
    GoalActor,
    GoalIndicator,
    Indicator,
    IndicatorSet,
    Measure,
    ReportSection,
    SharedGoal,
    WelfareReport,
)

PIRKANMAA = "08"
YEARS = range(2015, 2025)
NOTE = actions.ILLUSTRATIVE_NOTE
# Sotkanet id: (fi, sv, en, unit fi/sv/en, decimals, base value, yearly trend %, direction of "good")
INDICATORS = {
    "127": ("Väestö 31.12.", "Befolkning 31.12", "Population 31 Dec", ("henkilöä", "personer", "persons"), 0,
            None, 0.4, "up"),
    "186": ("Kuolleisuus / 100 000 asukasta", "Dödlighet / 100 000 invånare", "Mortality per 100 000 inhabitants",
            ("/ 100 000 as.", "/ 100 000 inv.", "per 100 000"), 1, 980.0, 0.8, "down"),
    "322": ("Kuolleisuus 65 vuotta täyttäneillä / 100 000 vastaavan ikäistä",
            "Dödlighet bland personer som fyllt 65 år / 100 000 i samma ålder",
            "Mortality among population aged 65 and over per 100 000 persons of same age",
            ("/ 100 000", "/ 100 000", "per 100 000"), 1, 4100.0, -0.9, "down"),
    "3336": ("Erikoissairaanhoitoa yli 6 kk odottaneet vuoden aikana / 10 000 asukasta",
             "Personer som väntat över 6 mån på specialiserad sjukvård under året / 10 000 invånare",
             "Persons waiting over 6 months for specialised care during the year per 10 000 inhabitants",
             ("/ 10 000 as.", "/ 10 000 inv.", "per 10 000"), 1, 14.0, 6.0, "down"),
    "5033": ("Erikoissairaanhoitoon saapuneet yli 21 vrk:ssa käsitellyt lähetteet, % saapuneista lähetteistä",
             "Remisser till specialiserad sjukvård som behandlats efter över 21 dygn, % av remisserna",
             "Referrals to specialised care processed in over 21 days, % of referrals",
             ("%", "%", "%"), 1, 18.0, 2.5, "down"),
    "5034": ("Lonkan kokotekonivelen ensileikkaukset / 100 000 asukasta",
             "Primäroperationer av total höftledsprotes / 100 000 invånare",
             "Primary total hip replacements per 100 000 inhabitants",
             ("/ 100 000 as.", "/ 100 000 inv.", "per 100 000"), 1, 190.0, 1.5, "up"),
}


def wobble(code: str, year: int, spread: float) -> float:
    """A deterministic factor around 1 from the region code (level) and year (noise)."""
    level = (zlib.crc32(code.encode()) % 1000) / 1000 - 0.5
    noise = (zlib.crc32(f"{code}:{year}".encode()) % 1000) / 1000 - 0.5
    return 1 + spread * level + spread / 5 * noise


def load(stdout):
    county = Organisation.objects.get(kind=OrganisationKind.COUNTY, code=PIRKANMAA)
    municipalities = list(Organisation.objects.municipalities().filter(area=county))
    whole = actions.country()
    indicators = {}
    for sid, (fi, sv, en, unit, decimals, *_rest) in INDICATORS.items():
        ind, _created = Indicator.objects.update_or_create(source="sotkanet", source_id=sid, defaults={
            "title": fi + NOTE["fi"], "title_fi": fi + NOTE["fi"], "title_sv": sv + NOTE["sv"],
            "title_en": en + NOTE["en"], "unit": unit[0], "unit_fi": unit[0], "unit_sv": unit[1], "unit_en": unit[2],
            "decimals": decimals, "first_year": YEARS[0], "last_year": YEARS[-1],
            "description_fi": "Demoarvot ovat keksittyjä eivätkä kuvaa todellista tilannetta.",
            "description_sv": "Demovärdena är påhittade och beskriver inte verkligheten.",
            "description_en": "The demo values are made up and do not describe the real situation.",
            "region_levels": "Kunta, Hyvinvointialue, Maa", "illustrative": True,
        })
        indicators[sid] = ind
    rows = []
    for sid, (*_names, _unit, _dec, base, trend, _good) in INDICATORS.items():
        for org in municipalities + [county, whole]:
            key = ("country", "SSS") if org == whole else (org.kind, org.code)
            for year in YEARS:
                if base is None:  # population: the municipality's own, the county's sum, the country's total
                    pop = org.population or 0
                    if org == county:
                        pop = sum(m.population or 0 for m in municipalities)
                    if org == whole:
                        pop = 5_600_000
                    value = round(pop * (1 + trend / 100 * (year - 2024)))
                else:
                    spread = 0.0 if org == whole else 0.3
                    value = round(base * (1 + trend / 100 * (year - 2015)) * wobble(org.code, year, spread), 1)
                rows.append(ValueRow("sotkanet", sid, key, year, "total", float(value),
                                     float(value) if base is None else None, f"demo {sid}"))
    summary = actions.ImportSummary("demo (synthetic values)", illustrative=True)
    actions.write_values(rows, name="demo", summary=summary)
    actions.record(summary, None)

    follow, _created = IndicatorSet.objects.get_or_create(
        organisation=county, name_fi="Pirkanmaan yhteinen tilannekuva (esimerkkiarvot)", defaults={
            "name": "Pirkanmaan yhteinen tilannekuva (esimerkkiarvot)",
            "name_sv": "Birkalands gemensamma lägesbild (exempelvärden)",
            "name_en": "Pirkanmaa shared situational picture (synthetic values)",
            "description_fi": "Hyvinvointialueen ja kuntien yhdessä seuraamat indikaattorit. Arvot ovat keksittyjä.",
            "followed": True})
    follow.indicators.set(indicators.values())
    hyte_person = Person.objects.filter(organisation=county, last_name="Koordinaattori").first()
    tampere = next((m for m in municipalities if m.code == "837"), municipalities[0])

    goal1 = _goal(county, "Ikääntyneiden kuolleisuus laskee",
                  "Äldres dödlighet minskar", "Mortality of older people falls",
                  "Kunnat ja hyvinvointialue vahvistavat ikääntyneiden liikuntaa, ravitsemusta ja kotona asumista.")
    _goal_parts(goal1, indicators["322"], county, 2019, 2030, -8.0, "down", [
        ("Liikuntaneuvonta 65+ kaikissa kunnissa", hyte_person, county, "2 htv, 150 000 €/v",
         date(2024, 1, 1), date(2027, 12, 31), "ongoing"),
        ("Kotona asumisen tuen yhteinen toimintamalli", None, tampere, "Hyte-kerroinraha 80 000 €",
         date(2025, 1, 1), date(2026, 12, 31), "planned"),
    ], actors=[("county", county, "Palvelujen järjestäjä: ikäihmisten palvelut ja neuvonta"),
               ("municipality", tampere, "Liikunta- ja kulttuuripalvelut, esteetön ympäristö"),
               ("ngo", None, "Eläkeläisjärjestöjen vertaisryhmät")])
    goal2 = _goal(county, "Erikoissairaanhoidon jonot lyhenevät",
                  "Köerna till specialiserad sjukvård blir kortare", "Queues to specialised care get shorter",
                  "Lähetteiden käsittely nopeutuu ja yli puolen vuoden odotukset vähenevät.")
    _goal_parts(goal2, indicators["3336"], county, 2020, 2028, -40.0, "down", [
        ("Lähetekonsultaatiot perusterveydenhuoltoon", hyte_person, county, "Nykyiset resurssit",
         date(2024, 6, 1), date(2026, 5, 31), "ongoing"),
    ], actors=[("county", county, "Erikoissairaanhoidon ja perusterveydenhuollon yhteistyö")])
    _goal_parts(goal2, indicators["5033"], county, 2020, 2028, -30.0, "down", [], actors=[])

    _link(goal1, county)

    comp, _created = Composite.objects.get_or_create(organisation=county, name_fi="Hyte-seuranta (esimerkki)",
                                                     defaults={"name": "Hyte-seuranta (esimerkki)",
                                                               "name_sv": "Hälsouppföljning (exempel)",
                                                               "name_en": "Hyte follow-up (example)",
                                                               "level": "municipality"})
    if not comp.components.exists():
        for sid, lower, upper, weight in (("186", 700, 1400, 2), ("322", 3000, 5000, 1), ("5034", 100, 300, 1)):
            CompositeComponent.objects.create(composite=comp, indicator=indicators[sid], lower=lower, upper=upper,
                                              weight=weight, direction=INDICATORS[sid][7])
    _report(county, "Pirkanmaan hyvinvointikertomus 2024 (luonnos)", "yearly", 2024, "draft", None,
            [goal1, goal2], indicators)
    _report(tampere, "Tampereen laaja hyvinvointikertomus 2021–2025", "extended", 2024, "approved", (2021, 2025),
            [goal1], indicators)
    stdout.write(f"indicators: {summary}")


def _link(goal, county):
    """Links the goal to a few of the area's interfaces and forums (their demos load before this one)."""
    from django.apps import apps

    if goal.interfaces.exists() or goal.forums.exists():
        return
    interface = apps.get_model("catalogue", "Interface")
    forum = apps.get_model("cooperation", "Forum")
    goal.interfaces.set(interface.objects.filter(parties=county, visibility="public",
                                                 client_group="older_people").distinct()[:2])
    goal.forums.set(forum.objects.filter(area=county, visibility="public",
                                         name__icontains="terveyden edistäminen")[:1])


def _goal(org, fi, sv, en, desc):
    goal, _created = SharedGoal.objects.get_or_create(organisation=org, title_fi=fi, defaults={
        "title": fi, "title_sv": sv, "title_en": en, "description": desc, "description_fi": desc,
        "visibility": "public"})
    return goal


def _goal_parts(goal, indicator, region, base_year, target_year, change_pct, direction, measures, actors):
    from .queries import series

    data = series([indicator.pk], [region.pk]).get((indicator.pk, region.pk), {})
    baseline = data.get(base_year, 0.0)
    GoalIndicator.objects.get_or_create(goal=goal, indicator=indicator, defaults={
        "baseline_year": base_year, "baseline_value": baseline, "target_year": target_year,
        "target_value": round(baseline * (1 + change_pct / 100), 1), "direction": direction})
    for title, owner, org, resources, start, end, status in measures:
        measure, created = Measure.objects.get_or_create(goal=goal, title_fi=title, defaults={
            "title": title, "owner": owner, "owner_organisation": org, "resources": resources,
            "resources_fi": resources, "start": start, "end": end, "status": status})
        if created:
            measure.indicators.add(indicator)
    for actor_type, org, role in actors:
        GoalActor.objects.get_or_create(goal=goal, actor_type=actor_type, organisation=org,
                                        defaults={"role": role, "role_fi": role})


THEMES = (
    ("population", "Väestö ja elinolot", ("127",),
     "Väestö kasvaa kaupunkiseudulla ja vähenee reunakunnissa (esimerkkiarvot)."),
    ("children", "Lasten ja nuorten hyvinvointi", ("5034",),
     "Lasten ja nuorten osio: esimerkkiteksti, jonka kirjoittaja korvaa omalla analyysillään."),
    ("older", "Ikääntyneet", ("322", "186"),
     "Ikääntyneiden kuolleisuus on laskenut hitaasti; ero koko maahan on pieni (esimerkkiarvot)."),
    ("health", "Palvelujen saatavuus", ("3336", "5033"),
     "Jonot erikoissairaanhoitoon ovat pidentyneet (esimerkkiarvot)."),
)


def _report(org, title, kind, year, status, term, goals, indicators):
    report, created = WelfareReport.objects.get_or_create(organisation=org, title_fi=title, defaults={
        "title": title, "kind": kind, "year": year, "status": status,
        "term_start": term[0] if term else None, "term_end": term[1] if term else None,
        "approved_on": date(year + 1, 5, 20) if status == "approved" else None,
        "summary_fi": "Esimerkkikertomus demoaineistolla; luvut ovat keksittyjä."})
    if not created:
        return
    report.goals.set(goals)
    for order, (theme, heading, sids, analysis) in enumerate(THEMES):
        section = ReportSection.objects.create(report=report, theme=theme, title=heading, title_fi=heading,
                                               analysis=analysis, analysis_fi=analysis, order=order)
        section.indicators.set([indicators[s] for s in sids])
