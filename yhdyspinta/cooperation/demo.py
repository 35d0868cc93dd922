"""Demo: Pirkanmaa's cooperation structure from seed 003 running through 2026 (roles, not real names).

Deterministic and idempotent: every record is found or created by a natural key.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from yhdyspinta.catalogue.models import Interface
from yhdyspinta.organisations.models import Organisation, OrganisationKind, Person

from .actions import set_parties
from .duties import generate_duties
from .models import (
    AgendaItem,
    Agreement,
    AgreementDocument,
    Attachment,
    Decision,
    Duty,
    DutyEvidence,
    Escalation,
    FollowUpAction,
    Forum,
    ForumMember,
    Meeting,
    StepTick,
)
from .reference import load_reference_data

TZ = ZoneInfo("Europe/Helsinki")
YEAR = 2026
WORK_PACKAGES = [
    ("Yhteinen johtaminen ja tilannekuva", "Gemensam ledning och lägesbild", "Joint management and situational picture"),
    ("Hyvinvoinnin ja terveyden edistäminen", "Främjande av hälsa och välfärd", "Health and wellbeing promotion (hyte)"),
    ("Työllisyyspalvelut", "Sysselsättningstjänster", "Employment services"),
    ("Opetus- ja kasvatuspalvelut", "Undervisnings- och fostringstjänster", "Education"),
    ("Palveluverkko, toimitilat ja asuminen", "Servicenät, lokaler och boende", "Service network, premises and housing"),
    ("Järjestökoordinaatio", "Organisationskoordinering", "NGO coordination"),
    ("Kulttuuri- ja vapaa-aikapalvelut", "Kultur- och fritidstjänster", "Culture and leisure"),
    ("Perhekeskuspalvelut", "Familjecentertjänster", "Family-centre services"),
    ("Turvallisuus ja pelastuspalvelut", "Säkerhet och räddningstjänster", "Security and rescue"),
]
MUNICIPALITY_NAMES = ["Tampere", "Nokia", "Lempäälä", "Kangasala", "Ylöjärvi", "Sastamala", "Valkeakoski"]


def _person(role, org):
    """A person record named by role, e.g. 'Puheenjohtaja (Tampere)'."""
    short = org.short_name or org.name.replace("Pirkanmaan hyvinvointialue", "hyvinvointialue")
    person, _ = Person.objects.get_or_create(
        first_name=role, last_name=f"({short})", organisation=org,
        defaults={"title": role, "title_fi": role, "visibility": "public"},
    )
    return person


def _forum(county, names, level, kind, lo, hi, orgs, parent, mandate, packages=""):
    name_fi, name_sv, name_en = names
    forum, _ = Forum.objects.get_or_create(
        area=county, name_fi=name_fi,
        defaults={"name": name_fi, "name_sv": name_sv, "name_en": name_en, "level": level, "kind": kind, "meetings_min": lo,
                  "meetings_max": hi, "parent": parent, "mandate_fi": mandate, "mandate": mandate,
                  "work_packages": packages},
    )
    forum.organisations.add(*orgs)
    return forum


def _seat(forum, role_label, role, org, field=""):
    person = _person(role_label, org)
    ForumMember.objects.get_or_create(forum=forum, person=person, defaults={
        "organisation": org, "role": role, "field": field, "term_start": date(2025, 6, 1),
        "term_end": date(2029, 5, 31), "outside_expert": org.pk not in forum.organisations.values_list("pk",
                                                                                                        flat=True)})
    return person


def _meeting(forum, day, items, place="Tampere-talo / Teams", owner=None, late_ok=True):
    starts = datetime.combine(day, time(13, 0), tzinfo=TZ)
    meeting, _ = Meeting.objects.get_or_create(forum=forum, starts_at=starts, defaults={
        "place": place, "minutes_checked_on": day + timedelta(days=7),
        "minutes": f"Kokous avattiin klo 13.00. Käsiteltiin {len(items)} asiaa. Pöytäkirja tarkastettu.",
    })
    made = []
    for number, (title, body, internal, resolution) in enumerate(items, start=1):
        item, _ = AgendaItem.objects.get_or_create(meeting=meeting, number=number, defaults={
            "title": title, "body": body, "body_visibility": "internal" if internal else "public"})
        decision, _ = Decision.objects.get_or_create(item=item, defaults={
            "meeting": meeting, "resolution": resolution, "text": "Hyväksyttiin esityksen mukaisesti."
            if resolution == "passed" else "Merkittiin tiedoksi." if resolution == "noted" else ""})
        if owner is not None and resolution in ("passed", "amended"):
            deadline = day + timedelta(days=45)
            FollowUpAction.objects.get_or_create(decision=decision, title=f"Toimeenpano: {title}", defaults={
                "owner": owner, "deadline": deadline,
                "status": "done" if deadline < date(YEAR, 6, 1) else "open"})
        made.append(item)
    return meeting, made


@transaction.atomic
def _demo_minutes(meeting):
    """The officials' meetings of the demo year: attendance from the seats (one member absent), two
    minute checkers and approved minutes (docs/cooperation.md, the minutes' way)."""
    from .actions import expected_attendance
    from .models import Attendance, MinutesState

    rows = expected_attendance(meeting)
    absent = rows[-1][0] if len(rows) > 3 else None
    checkers = [p for p, role in rows if role not in ("chair", "secretary") and p != absent][:2]
    for person, role in rows:
        Attendance.objects.get_or_create(meeting=meeting, person=person, defaults={
            "role": "absent" if person == absent else role, "checks_minutes": person in checkers})
    if meeting.minutes_state == MinutesState.DRAFT:
        approved_at = meeting.starts_at + timedelta(days=7)
        Meeting.objects.filter(pk=meeting.pk).update(
            minutes_state=MinutesState.APPROVED, minutes_checked_at=approved_at, minutes_approved_at=approved_at)


def load(stdout):
    load_reference_data()
    county = Organisation.objects.get(kind=OrganisationKind.COUNTY, code="08")
    municipalities = list(county.area_members.municipalities().order_by("name"))
    named = {m.name: m for m in municipalities if m.name in MUNICIPALITY_NAMES}
    tampere = named.get("Tampere") or municipalities[0]
    lempaala = named.get("Lempäälä") or municipalities[-1]
    everyone = [county, *municipalities]
    core = [county, *named.values()]

    top = _forum(county, ("Pirkanmaan hyvinvointialueen foorumi", "Birkalands välfärdsområdes forum",
                              "Pirkanmaa county forum"), "political", "forum",
                 1, 1, everyone, None,
                 "Hyvinvointialueen ja kuntien valtuustot: tilannekuva, strategisen yhteistyön kysymykset, "
                 "luottamuksen rakentaminen.")
    leaders = _forum(county, ("Pirkanmaan ylimmän johdon foorumi", "Birkalands forum för högsta ledningen",
                              "Pirkanmaa top management forum"),
                     "management", "forum", 1, 2, everyone, top,
                     "Hyvinvointialueen ja kuntien johtohenkilöt, hallitusten ja valtuustojen puheenjohtajat: "
                     "strategisen yhteistyön ja yhteistyön rakenteiden johtaminen.")
    officials = _forum(county, ("Pirkanmaan viranhaltijajohdon kokoukset", "Birkalands tjänstemannaledningens möten",
                                "Pirkanmaa officials' management meetings"),
                       "management", "cooperation_group", 6, 6, everyone, leaders,
                       "Kuntajohtajat, kuntien hyvinvointi- ja sivistysjohtajat ja hyvinvointialueen johtoryhmä.",
                       "\n".join(fi for fi, _sv, _en in WORK_PACKAGES))
    _seat(top, "Aluevaltuuston puheenjohtaja", "chair", county)
    _seat(top, "Kaupunginvaltuuston puheenjohtaja", "vice_chair", tampere)
    _seat(top, "Yhdyspintakoordinaattori", "secretary", county)
    _seat(leaders, "Hyvinvointialuejohtaja", "chair", county)
    _seat(leaders, "Kaupunginjohtaja", "vice_chair", tampere)
    _seat(leaders, "Yhdyspintakoordinaattori", "secretary", county)
    for m in named.values():
        _seat(leaders, "Kunnanjohtaja", "member", m)
    sec = _seat(officials, "Yhdyspintakoordinaattori", "secretary", county)
    _seat(officials, "Hyvinvointialuejohtaja", "chair", county)
    _seat(officials, "Sivistysjohtaja", "vice_chair", lempaala, "kasvatus ja opetus")
    for m in named.values():
        _seat(officials, "Hyvinvointijohtaja", "member", m, "hyte")

    groups = []
    for number, (fi, sv, en) in enumerate(WORK_PACKAGES, start=1):
        group = _forum(county, (f"Yhteistyöryhmä: {fi}", f"Samarbetsgrupp: {sv}", f"Cooperation group: {en}"),
                       "management",
                       "cooperation_group", 6, 12, core, officials,
                       f"Operatiivisen yhteistyön johtaminen ja toteuttaminen: {fi.lower()}.", fi)
        _seat(group, f"Toimialajohtaja, työpaketti {number}", "chair", county)
        _seat(group, f"Palvelujohtaja, työpaketti {number}", "vice_chair", tampere)
        _seat(group, f"Sihteeri, työpaketti {number}", "secretary", county)
        for m in list(named.values())[1:4]:
            _seat(group, f"Asiantuntija, työpaketti {number}", "member", m)
        groups.append(group)
    education, family = groups[3], groups[7]
    network = _forum(county, ("Opiskeluhuollon asiantuntijaverkosto", "Expertnätverket för elevhälsa",
                                     "Student-welfare expert network"), "expert",
                     "network", 4, 6, core, education, "Koulupsykologit, kuraattorit ja kouluterveydenhuolto.")
    field = _forum(county, ("Perhekeskuksen kenttätiimi (Tampere)", "Familjecentrets fältteam (Tammerfors)",
                                   "Family-centre field team (Tampere)"), "field",
                   "section", 10, 12, [county, tampere], family, "Neuvola, varhaiskasvatus ja perhetyö arjessa.")
    _seat(network, "Koulupsykologi", "chair", county, "psykologipalvelut")
    _seat(network, "Rehtori", "member", tampere, "perusopetus")
    _seat(network, "Nuorisotyön asiantuntija", "expert", Organisation.objects.filter(
        area=county, kind=OrganisationKind.NGO).first() or county, "järjestöt")
    _seat(field, "Perhetyöntekijä", "member", county)
    _seat(field, "Varhaiskasvatuksen erityisopettaja", "member", tampere)

    interfaces = list(Interface.objects.filter(area=county).order_by("pk")[:3])
    if interfaces:
        education.interfaces.add(*interfaces)

    # a year of meetings
    _meeting(top, date(YEAR, 5, 20), [
        ("Hyvinvointialueen ja kuntien tilannekuva 2026", "Tilannekuvan esittely.", False, "noted"),
        ("Valtuustokauden neuvottelu yhteistyöstä ja työnjaosta", "Hyvinvointialuelain 14 §:n neuvottelu.",
         False, "passed"),
    ], place="Tampere-talo")
    for day in (date(YEAR, 3, 12), date(YEAR, 10, 8)):
        _meeting(leaders, day, [
            ("Strategisen yhteistyön tilanne", "", False, "noted"),
            ("Yhteistyörakenteiden arviointi", "Arvio yhteistyöryhmien toiminnasta.", False, "amended"),
        ], owner=sec)
    hyte_items = []
    for month in (2, 4, 6, 8, 10, 12):
        _meeting_obj, items = _meeting(officials, date(YEAR, month, 10), [
            ("Työpakettien tilannekatsaus", "Työpakettien etenemisraportit.", False, "noted"),
            ("Hyte-neuvottelu kuntien kanssa" if month == 4 else "Talousarvioiden yhteensovitus",
             "Neuvottelu hyvinvoinnin ja terveyden edistämisen tavoitteista, toimenpiteistä, yhteistyöstä ja "
             "seurannasta." if month == 4 else "Luottamuksellinen talousarvioluonnos.", month != 4, "passed"),
            ("Muut asiat", "", False, "tabled" if month == 12 else "noted"),
        ], owner=sec)
        if month == 4:
            hyte_items = items
        _demo_minutes(_meeting_obj)
    officials.recurrence, officials.meeting_minutes = "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=10", 150
    officials.save(update_fields=["recurrence", "meeting_minutes"])
    for number, group in enumerate(groups):
        owner = _person(f"Sihteeri, työpaketti {number + 1}", county)
        for month in (1, 3, 5, 9, 11, 12):
            _meeting(group, date(YEAR, month, 15 + number % 10), [
                ("Työsuunnitelma ja seuranta", "Työsuunnitelman toteutuminen.", False, "passed"),
                ("Yhdyspintojen toimintamallit", "Luonnos toimintamalleiksi.", number % 2 == 0, "returned"
                 if month == 5 else "noted"),
            ], owner=owner)
    edu_meeting, edu_items = _meeting(education, date(YEAR, 9, 24), [
        ("Psykologipalvelujen saatavuus kouluissa", "Verkoston nostama asia.", False, "passed")], owner=owner)
    Attachment.objects.get_or_create(meeting=edu_meeting, item=edu_items[0], title="Saatavuusselvitys", defaults={
        "visibility": "public", "file": ContentFile(b"Saatavuusselvitys 2026\n", name="saatavuus.txt")})
    Attachment.objects.get_or_create(meeting=edu_meeting, item=edu_items[0], title="Henkilöstömitoitus (sisäinen)",
                                     defaults={"visibility": "internal",
                                               "file": ContentFile(b"Sisainen mitoitus\n", name="mitoitus.txt")})

    # escalations through the levels
    esc = [
        (network, education, "Psykologipalvelujen saatavuus kouluissa",
         "Lähipalveluperiaate ei toteudu kaikissa kouluissa.", "decided", edu_items[0], ""),
        (field, family, "Neuvolan ja varhaiskasvatuksen tiedonkulku", "Tieto ei kulje siirtymissä.", "raised",
         None, ""),
        (education, officials, "Yhteinen kuraattorivarahenkilöstö", "Ehdotus yhteisestä varahenkilöstöstä.",
         "rejected", None, "Ratkaistaan palvelusopimuksella, ei tarvetta viranhaltijajohdon käsittelylle."),
    ]
    for raised_by, to, title, description, state, item, reason in esc:
        Escalation.objects.get_or_create(raised_by=raised_by, title=title, defaults={
            "to_forum": to, "description": description, "state": state, "agenda_item": item, "reason": reason,
            "raised_on": date(YEAR, 8, 20), "interface": interfaces[0] if interfaces else None,
            "closed_on": date(YEAR, 10, 1) if state == "rejected" else None})

    # duties: generated for two council terms and partly fulfilled
    generate_duties(county, range(2022, YEAR + 2))
    _evidence(county, municipalities, hyte_items)
    _agreements(county, municipalities, tampere, named)
    _steps(county, officials)
    stdout.write(f"cooperation: {Forum.objects.filter(area=county).count()} forums, "
                 f"{Meeting.objects.filter(forum__area=county).count()} meetings, "
                 f"{Duty.objects.filter(county=county).count()} duties, "
                 f"{Agreement.objects.filter(parties=county).count()} agreements\n")


def _evidence(county, municipalities, hyte_items):
    first_term = Duty.objects.filter(county=county, period_start=date(2022, 3, 1))
    for duty in first_term.filter(rule__key__in=["negotiation-per-term", "county-welfare-report",
                                                 "county-strategy", "student-welfare-plan"]):
        DutyEvidence.objects.get_or_create(duty=duty, kind="document", defaults={
            "url": "https://www.pirha.fi/", "title": "Aluevaltuuston pöytäkirja", "date": date(2024, 11, 30)})
    for duty in Duty.objects.filter(county=county, rule__key="hyte-negotiation", period_start__year__lt=YEAR):
        DutyEvidence.objects.get_or_create(duty=duty, kind="document", defaults={
            "url": "https://www.pirha.fi/", "title": "Hyte-neuvottelun muistio", "date": duty.due_date})
    half = municipalities[: len(municipalities) // 2]
    if hyte_items:
        for duty in Duty.objects.filter(county=county, rule__key="hyte-negotiation", period_start__year=YEAR,
                                        municipality__in=half):
            DutyEvidence.objects.get_or_create(duty=duty, kind="agenda_item", agenda_item=hyte_items[1],
                                               defaults={"date": date(YEAR, 4, 10)})
    for duty in Duty.objects.filter(county=county, rule__key="municipal-welfare-report",
                                    period_start__year=YEAR - 1):
        DutyEvidence.objects.get_or_create(duty=duty, kind="document", defaults={
            "url": "https://www.hyvinvointikertomus.fi/", "title": "Hyvinvointiraportti", "date": date(YEAR - 1, 6, 1)})


def _agreements(county, municipalities, tampere, named):
    rows = [
        ("Pirkanmaan strateginen yhteistyösopimus", "Strategic cooperation agreement of Pirkanmaa", "strategic",
         [county, *municipalities], date(2023, 1, 1), date(YEAR, 12, 31), 6, None, 60, False, ""),
        ("LAPE-sopimus: Tampere", "LAPE agreement: Tampere", "lape", [county, tampere], date(2024, 1, 1), None,
         3, date(YEAR + 1, 1, 15), 90, False, ""),
        ("Koulujen tilojen vuokrasopimus", "Lease of school premises", "premises_lease", [county, tampere],
         date(2023, 1, 1), date(2030, 12, 31), 12, None, 60, False,
         "Vuokra 14,20 €/m² kuukaudessa; indeksiehto (liikesalaisuus)."),
        ("Tukipalveluyhtiön osakassopimus", "Shareholder agreement of the support-service company", "in_house",
         [county, tampere, *list(named.values())[1:3]], date(2023, 1, 1), None, 12, date(2027, 12, 31), 120,
         False, "Hinnoitteluperusteet (liikesalaisuus)."),
        ("Opiskeluhuollon tehtäväkohtainen yhteistyösopimus", "Task-specific student-welfare cooperation",
         "task_specific", [county, *list(named.values())[:4]], date(2025, 8, 1), date(2027, 7, 31), 6, None, 60,
         False, ""),
    ]
    for fi, en, kind, parties, start, until, notice, renewal, remind, funding, internal in rows:
        agreement, _ = Agreement.objects.get_or_create(title_fi=fi, defaults={
            "title": fi, "title_en": en, "kind": kind, "valid_from": start, "valid_until": until,
            "notice_months": notice, "renewal_date": renewal, "reminder_days": remind,
            "has_funding_clause": funding, "internal_part": internal,
            "description_fi": f"{fi}: sopimuksen julkinen kuvaus.", "description": f"{fi}: sopimuksen julkinen kuvaus."})
        set_parties(agreement, parties)
        agreement.party_rows.filter(organisation=county).update(signatory_name="Hyvinvointialuejohtaja")
        agreement.party_rows.exclude(organisation=county).update(signatory_name="Kunnanjohtaja")
    strategic = Agreement.objects.get(title_fi=rows[0][0])
    for version in (1, 2):
        AgreementDocument.objects.get_or_create(agreement=strategic, title="Sopimusteksti", version=version,
                                                defaults={"visibility": "public", "file": ContentFile(
                                                    f"Sopimusteksti v{version}\n".encode(), name="sopimus.txt")})


def _steps(county, officials):
    meeting = Meeting.objects.filter(forum=officials).order_by("starts_at").first()
    ticks = [
        ("need_raised", "Asia esillä maakunnan sivistysjohdon verkostossa", date(2025, 9, 1)),
        ("network_found", "Viranhaltijajohdon kokoukset toimivat verkostona", date(2025, 10, 1)),
        ("management_support", "Kuntajohtajien tuki ylimmän johdon foorumissa", date(2025, 11, 15)),
        ("network_convened", "Valmisteleva verkosto koolla", date(YEAR, 2, 10)),
        ("chair_agreed", "Puheenjohtajana hyvinvointialuejohtaja", date(YEAR, 2, 10)),
        ("coordinator_agreed", "Yhdyspintakoordinaattori valmistelee ja kutsuu koolle", date(YEAR, 2, 10)),
    ]
    for item, evidence, done in ticks:
        StepTick.objects.get_or_create(county=county, item=item, defaults={
            "evidence": evidence, "done_on": done, "meeting": meeting if done.year == YEAR else None})
