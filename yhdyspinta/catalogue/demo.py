"""Demo data: Pirkanmaa with every template instantiated, seeded maturity assessments, Tampere
services with service points, and one mapping round with partial answers. Idempotent; seconds to run.
"""

import random
from datetime import date, datetime

from auditlog.context import disable_auditlog

from yhdyspinta.core.models import Visibility
from yhdyspinta.organisations.models import Organisation, OrganisationKind, Person

from .actions import _instantiate
from .choices import Dimension
from .models import (
    HELSINKI,
    ContactPoint,
    EscalationStep,
    Interface,
    InterfaceOwner,
    InterfaceResponsibility,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
    Service,
    ServicePoint,
)

PIRKANMAA, TAMPERE = "08", "837"
INTERNAL_TEMPLATES = {"support-services", "premises", "preparedness"}
# how far each template has come, on average (0–3): the seeds' experience, not real data
TEMPLATE_LEVEL = {"early-childhood": 2.0, "sisote": 1.8, "youth": 1.6, "culture-wellbeing": 1.0, "sports": 1.2,
                  "employment": 1.1, "integration": 1.0, "hyte": 1.7, "preparedness": 1.5,
                  "environmental-health": 1.3, "community-planning": 0.8, "older-people": 1.6, "rescue": 2.2,
                  "support-services": 2.0, "premises": 1.9}
TAMPERE_SERVICES = {
    # source key: (how to get fi, sv, en; points [(name, street, postal code, hours, directions)]; contact)
    "child_health_clinic": (
        "Soita oman alueesi neuvolaan tai varaa aika verkossa. Neuvola on maksuton.",
        "Ring rådgivningen i ditt område eller boka tid på nätet. Rådgivningen är avgiftsfri.",
        "Call the child health clinic of your area or book online. The clinic is free of charge.",
        [("Hervannan neuvola", "Insinöörinkatu 38", "33720", "ma–pe 8–16", "Raitiovaunu 3, pysäkki Hervantakeskus."),
         ("Keskustan neuvola", "Tullikatu 6", "33100", "ma–pe 8–15.30", "Rautatieasemalta 5 min kävellen.")],
        ("Neuvolan ajanvaraus", "03 000 1001", "ma–pe 8–15")),
    "school_curators": (
        "Ota yhteyttä oman koulusi kuraattoriin tai psykologiin Wilmassa tai puhelimitse.",
        "Kontakta skolans kurator eller psykolog via Wilma eller per telefon.",
        "Contact your school's curator or psychologist through Wilma or by phone.",
        [("Opiskeluhuollon palvelut, Kaleva", "Sammonkatu 30", "33540", "ma–pe 8–16", "Bussi 5.")],
        ("Opiskeluhuollon neuvonta", "03 000 1002", "ma–pe 9–15")),
    "day_care": (
        "Hae varhaiskasvatuspaikkaa viimeistään neljä kuukautta ennen tarvetta kaupungin verkkoasioinnissa.",
        "Ansök om plats inom småbarnspedagogiken senast fyra månader innan behovet på stadens e-tjänst.",
        "Apply for a day care place at least four months before you need it in the city's e-service.",
        [("Varhaiskasvatuksen palveluohjaus", "Frenckellinaukio 2 B", "33100", "ma–pe 9–15", "Keskustori 300 m.")],
        ("Varhaiskasvatuksen asiakaspalvelu", "03 000 1003", "ma–pe 9–15")),
    "ohjaamo": (
        "Alle 30-vuotias nuori saa Ohjaamosta apua työhön, opiskeluun ja arkeen ilman ajanvarausta.",
        "Unga under 30 får hjälp med arbete, studier och vardag på Navigatorn utan tidsbokning.",
        "Young people under 30 get help with work, studies and everyday life at Ohjaamo without an appointment.",
        [("Ohjaamo Tampere", "Kehräsaari B", "33200", "ma–to 10–16", "Keskustasta kävellen, esteetön sisäänkäynti.")],
        ("Ohjaamo", "03 000 1004", "ma–to 10–16")),
    "employment_services": (
        "Ilmoittaudu työnhakijaksi Työmarkkinatorilla; kunnan työllisyyspalvelut ottavat yhteyttä.",
        "Anmäl dig som arbetssökande på Jobbmarknaden; kommunens sysselsättningstjänster kontaktar dig.",
        "Register as a jobseeker at the Job Market Finland service; municipal employment services contact you.",
        [("Työllisyyspalvelut, asiakaspalvelu", "Kalevantie 2", "33100", "ma–pe 9–16", "Raitiovaunu 1 ja 3.")],
        ("Työllisyyspalvelujen neuvonta", "03 000 1005", "ma–pe 9–16")),
    "mental_health": (
        "Soita mielenterveys- ja päihdeneuvontaan; kiireellisessä tilanteessa päivystykseen.",
        "Ring rådgivningen för mental hälsa och missbruk; i brådskande fall jouren.",
        "Call the mental health and substance abuse advice line; in an emergency the on-call service.",
        [("Mielenterveys- ja päihdepalvelut, Hatanpää", "Hatanpäänkatu 24", "33900", "ma–pe 8–15", "Bussi 1.")],
        ("Mielenterveysneuvonta", "03 000 1006", "ma–pe 8–15")),
}
EARLY_CHILDHOOD_TEXT = {
    "where_client_fi": "Neuvolassa (hyvinvointialue), päiväkodissa (kunta) ja tarvittaessa lastensuojelussa.",
    "where_client_sv": "På rådgivningen (välfärdsområdet), i daghemmet (kommunen) och vid behov inom barnskyddet.",
    "where_client_en": "At the child health clinic (county), in day care (municipality) and if needed in child "
                       "protection.",
    "how_guided_fi": "Neuvolan laaja terveystarkastus ja varhaiskasvatuksen vasu-keskustelu; huoli otetaan "
                     "puheeksi ja perhe ohjataan perhekeskukseen.",
    "how_guided_sv": "Rådgivningens omfattande hälsoundersökning och samtalet om planen för småbarnspedagogik.",
    "how_guided_en": "The clinic's extensive health check and the day care plan discussion; concerns are raised "
                     "and the family is guided to the family centre.",
    "service_guidance_fi": "Perhekeskuksen palveluohjaaja, yhteinen palvelukartta.",
    "processes_fi": "Neuvolan ja päiväkodin yhteiset 4-vuotistarkastukset; monialainen perhetyö.",
    "information_flow_fi": "Huoltajan suostumuksella tieto kulkee neuvolan ja varhaiskasvatuksen välillä.",
    "data_passed_fi": "Laajan terveystarkastuksen yhteenveto, tuen tarpeet.",
    "data_legal_basis_fi": "Varhaiskasvatuslaki 540/2018 § 40–41; terveydenhuoltolaki 1326/2010 § 15.",
    "resourcing_fi": "Perhekeskuksen koordinaattori (hyvinvointialue), varhaiskasvatuksen erityisopettajat (kunta).",
    "leadership_fi": "Lasten, nuorten ja perheiden palvelujen johtoryhmä ja kunnan sivistysjohtaja.",
    "shared_goals_fi": "Tuki varhain ja lähellä; lastensuojelun avohuollon asiakkuudet vähenevät.",
    "escalation_fi": "Ensin yksikön esihenkilöt, sitten palvelualueiden johtajat, lopuksi yhteistyöryhmä.",
    "development_forums_fi": "LAPE-verkosto ja kunnan ja hyvinvointialueen yhteistyöryhmä.",
    "welfare_plans_fi": "Kunnan hyvinvointisuunnitelma 2025–2028; lasten ja nuorten hyvinvointisuunnitelma.",
    "operating_models_fi": "Perhekeskusmalli, Lapset puheeksi -menetelmä.",
    "agreements_text_fi": "Hyvinvointialueen ja kunnan yhteistyösopimus, liite lasten palveluista.",
    "legal_constraints_fi": "Salassapito: asiakastiedot vain suostumuksella tai lain nojalla.",
    "reform_preparation_fi": "Varaudutaan varhaiskasvatuksen ja esiopetuksen uudistuksiin.",
}


def load(stdout):
    county = Organisation.objects.get(kind=OrganisationKind.COUNTY, code=PIRKANMAA)
    tampere = Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, code=TAMPERE)
    with disable_auditlog():  # demo data is bootstrap data, not anybody's change
        counts = _instantiate(county, None, Visibility.PUBLIC)
    Interface.objects.filter(area=county, template__key__in=INTERNAL_TEMPLATES).update(
        visibility=Visibility.INTERNAL)
    _tampere_services(county, tampere)
    _describe_early_childhood(county, tampere)
    created = _assessments(county)
    _retracted_example(tampere)
    _round(county)
    stdout.write(f"catalogue: {counts['interfaces']} interfaces, {counts['services']} services, "
                 f"{created} assessments created")
    from .ptv_demo import load_ptv_demo

    load_ptv_demo(stdout)  # Pohjanmaa and Nokia contacts from recorded PTV-format data


def _tampere_services(county, tampere):
    for key, (fi, sv, en, points, contact) in TAMPERE_SERVICES.items():
        service = Service.objects.filter(source_key=key, organisation__in=[county, tampere]).first()
        if service is None or service.points.exists():
            continue
        service.how_to_get_fi, service.how_to_get_sv, service.how_to_get_en = fi, sv, en
        service.description_fi = service.description_fi or service.name_fi
        service.save()
        for name, street, postal, hours, directions in points:
            ServicePoint.objects.create(service=service, name=name, name_fi=name, street_address=street,
                                        postal_code=postal, post_office="Tampere", municipality=tampere,
                                        opening_hours_fi=hours, directions_fi=directions)
        ContactPoint.objects.create(service=service, name=contact[0], name_fi=contact[0], phone=contact[1],
                                    hours=contact[2])


def _person(first, last, title, org):
    person, _created = Person.objects.get_or_create(
        first_name=first, last_name=last, organisation=org,
        defaults={"title": title, "title_fi": title, "visibility": "public",
                  "email": f"{first.lower()}.{last.lower()}@example.fi"})
    return person


def _describe_early_childhood(county, tampere):
    interface = Interface.objects.get(template__key="early-childhood", template_for=tampere)
    if interface.where_client_fi:
        return
    for key, value in EARLY_CHILDHOOD_TEXT.items():
        setattr(interface, key, value)
    interface.internal_notes = "Resurssikeskustelu kesken: perhetyön henkilöstö 2026."
    interface.save()
    owners = [_person("Yhdyspinta", "Koordinaattori", "Yhdyspintakoordinaattori", county),
              _person("Sivistys", "Johtaja", "Sivistysjohtaja", tampere)]
    for person in owners:
        InterfaceOwner.objects.get_or_create(interface=interface, organisation=person.organisation,
                                             defaults={"person": person})
    InterfaceResponsibility.objects.get_or_create(interface=interface, organisation=county, defaults={
        "text": "Neuvola, lastensuojelu, perhetyö", "text_fi": "Neuvola, lastensuojelu, perhetyö"})
    InterfaceResponsibility.objects.get_or_create(interface=interface, organisation=tampere, defaults={
        "text": "Varhaiskasvatus ja esiopetus, kolmiportainen tuki",
        "text_fi": "Varhaiskasvatus ja esiopetus, kolmiportainen tuki"})
    steps = [("Yksiköiden esihenkilöt sopivat korjauksesta", "Päiväkodin johtaja ja neuvolan osastonhoitaja", 14),
             ("Palvelualueiden johtajat käsittelevät", "Varhaiskasvatusjohtaja ja perhepalvelujen johtaja", 30),
             ("Yhteistyöryhmä päättää", "Kunnan ja hyvinvointialueen yhteistyöryhmä", 60)]
    for order, (action, who, days) in enumerate(steps, start=1):
        EscalationStep.objects.create(interface=interface, order=order, action=action, action_fi=action, who=who,
                                      who_fi=who, time_limit_days=days)


def _assessments(county):
    """Seeded values around each template's level; a tenth of interfaces not yet assessed."""
    rng = random.Random(8)
    interfaces = list(Interface.objects.filter(area=county).select_related("template", "template_for")
                      .order_by("template__order", "template_for__name"))
    assessed = set(MaturityAssessment.objects.filter(interface__in=interfaces).values_list("interface_id",
                                                                                          flat=True))
    rows = []
    for interface in interfaces:
        roll = rng.random()
        if roll < 0.1:
            continue
        base = TEMPLATE_LEVEL.get(interface.template.key if interface.template else "", 1.5)
        size = 0.3 if (interface.template_for and (interface.template_for.population or 0) > 30000) else 0.0
        for dimension in Dimension.values:
            if roll > 0.9 and dimension in ("forums", "escalation"):
                continue  # some partly assessed
            mean = base + 0.4 + size - (0.5 if dimension == "escalation" else 0)
            value = max(0, min(3, round(rng.gauss(mean, 0.6))))
            if rng.random() < 0.3:  # an earlier, lower assessment kept as history
                rows.append(MaturityAssessment(interface=interface, dimension=dimension, value=max(0, value - 1),
                                               assessed_on=date(2024, 10, 1), comment="Ensimmäinen kartoitus"))
            rows.append(MaturityAssessment(interface=interface, dimension=dimension, value=value,
                                           assessed_on=date(2025, 9, 15)))
    rows = [r for r in rows if r.interface.pk not in assessed]  # the same draws every run: idempotent
    MaturityAssessment.objects.bulk_create(rows)
    return len(rows)


def _retracted_example(tampere):
    """One assessment recorded on the wrong interface and retracted with a reason: it shows in the
    history, struck through and labelled, and does not count (idempotent by its comment)."""
    interface = Interface.objects.get(template__key="early-childhood", template_for=tampere)
    MaturityAssessment.objects.get_or_create(
        interface=interface, dimension="resourcing", comment="Kirjattu väärälle yhdyspinnalle",
        defaults={"value": 3, "assessed_on": date(2025, 10, 1),
                  "retracted_at": datetime(2025, 10, 2, 9, 0, tzinfo=HELSINKI),
                  "retraction_reason": "Arvio kuului perusopetuksen yhdyspinnalle; kirjattu sinne uudelleen."})


def _round(county):
    round_, created = MappingRound.objects.get_or_create(
        area=county, title="Yhdyspintakartoitus 2025",
        defaults={"instructions": "Vastatkaa jokaisesta yhdyspinnasta: onko olemassa, sovittu ja toimiiko.",
                  "opens_on": date(2025, 9, 1), "closes_on": date(2025, 12, 15)})
    if not created or round_.answers.exists():
        return
    rng = random.Random(2025)
    interfaces = list(Interface.objects.filter(area=county).prefetch_related("parties")
                      .select_related("template_for").order_by("template__order", "template_for__name"))
    answering = {m for m in {i.template_for_id for i in interfaces} if rng.random() < 0.6} | {county.pk}
    choices = ["yes", "yes", "partly", "no", "unknown"]
    problems = ["Tieto ei kulje ilman huoltajan erillistä suostumusta.", "Yhteyshenkilöt vaihtuvat usein.",
                "Resurssit eivät riitä jalkautuvaan työhön.", ""]
    proposals = ["Yhteinen palvelukartta ja nimetyt yhdyshenkilöt.", "Säännöllinen yhteinen palaveri.", ""]
    rows = []
    for interface in interfaces:
        for party in interface.parties.all():
            if party.pk not in answering or (party.pk == county.pk and rng.random() < 0.5):
                continue
            works = rng.choice(choices)
            rows.append(MappingAnswer(
                round=round_, interface=interface, organisation=party, exists=rng.choice(["yes", "yes", "partly"]),
                agreed=rng.choice(choices), works=works,
                problems=rng.choice(problems) if works != "yes" else "",
                proposals=rng.choice(proposals) if works != "yes" else "",
                good_practices="Perhekeskuksen yhteiset tilat." if works == "yes" and rng.random() < 0.2 else ""))
    MappingAnswer.objects.bulk_create(rows)
