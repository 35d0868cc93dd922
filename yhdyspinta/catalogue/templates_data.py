"""The seed examples (seeds 001, 002, 004) shipped as interface templates.

Each template names the services of each side: "municipality" services are created for every
municipality, "county" services once for the county. Keys are stable: instantiation uses them
to create only what is missing, so a county's own edits are never overwritten.
"""

M, C = "municipality", "county"


def S(key, side, field, fi, sv, en):
    return {"key": key, "side": side, "field": field, "name_fi": fi, "name_sv": sv, "name_en": en}


DAY_CARE = S("day_care", M, "early_childhood", "Päiväkoti ja varhaiskasvatus", "Daghem och småbarnspedagogik",
             "Day care and early childhood education")
CLINIC = S("child_health_clinic", C, "child_health_clinic", "Lastenneuvola", "Barnrådgivning", "Child health clinic")
CHILD_PROTECTION = S("child_protection", C, "child_protection", "Lastensuojelu", "Barnskydd", "Child protection")
TEACHING = S("basic_education", M, "basic_education", "Perusopetus", "Grundläggande utbildning", "Basic education")
UPPER_SECONDARY = S("upper_secondary", M, "upper_secondary", "Lukiokoulutus", "Gymnasieutbildning",
                    "Upper secondary education")
CURATORS = S("school_curators", C, "student_welfare", "Koulukuraattorit ja koulupsykologit",
             "Skolkuratorer och skolpsykologer", "School curators and psychologists")
SCHOOL_HEALTH = S("school_health", C, "school_health", "Kouluterveydenhuolto", "Skolhälsovård", "School health care")
MENTAL = S("mental_health", C, "mental_health", "Mielenterveys- ja päihdepalvelut",
           "Mentalvårds- och missbrukartjänster", "Mental health and substance abuse services")
SOCIAL_WORK = S("social_work", C, "social_work", "Aikuissosiaalityö", "Socialt arbete för vuxna", "Adult social work")

TEMPLATES = [
    {
        "key": "early-childhood", "theme": "early_childhood", "client_group": "children_families",
        "title_fi": "Alle kouluikäisten palvelut: päiväkoti – neuvola – lastensuojelu",
        "title_sv": "Tjänster för barn under skolåldern: daghem – rådgivning – barnskydd",
        "title_en": "Services for children under school age: day care – child health clinic – child protection",
        "description_fi": "Varhaiskasvatus (kunta), lastenneuvola ja lastensuojelu (hyvinvointialue) "
                          "tukevat lasta ja perhettä yhdessä.",
        "description_sv": 'Småbarnspedagogik (kommunen), barnrådgivning och barnskydd (välfärdsområdet) stöder barnet och familjen tillsammans.',
        "description_en": 'Early childhood education (municipality), the child health clinic and child protection (county) support the child and family together.',
        "services": [DAY_CARE, CLINIC, CHILD_PROTECTION],
        "levels": ["management", "expert", "field"],
    },
    {
        "key": "sisote", "theme": "sisote", "client_group": "school_age",
        "title_fi": "Perusopetus ja toinen aste: opetus – opiskeluhuolto – kouluterveydenhuolto",
        "title_sv": "Grundläggande utbildning och andra stadiet: undervisning – elevhälsa – skolhälsovård",
        "title_en": "Basic and upper secondary education: teaching – student welfare – school health care",
        "description_fi": "Opetus (kunta), opiskeluhuollon kuraattori- ja psykologipalvelut, "
                          "kouluterveydenhuolto, lastensuojelu ja mielenterveyspalvelut (hyvinvointialue).",
        "description_sv": 'Undervisning (kommunen), elevhälsans kurators- och psykologtjänster, skolhälsovård, barnskydd och mentalvårdstjänster (välfärdsområdet).',
        "description_en": 'Teaching (municipality); student welfare curators and psychologists, school health care, child protection and mental health services (county).',
        "services": [TEACHING, UPPER_SECONDARY, CURATORS, SCHOOL_HEALTH, CHILD_PROTECTION, MENTAL],
        "levels": ["management", "expert", "field"],
    },
    {
        "key": "youth", "theme": "youth", "client_group": "young_people",
        "title_fi": "Nuorten palvelut: Ohjaamo, työpajat, etsivä nuorisotyö – lastensuojelu",
        "title_sv": "Tjänster för unga: Navigatorn, verkstäder, uppsökande ungdomsarbete – barnskydd",
        "title_en": "Youth services: Ohjaamo, workshops, outreach youth work – child protection",
        "description_fi": "Oppilaitokset, Ohjaamo, nuorten palvelupisteet, työpajat ja etsivä nuorisotyö "
                          "(kunta) sekä lastensuojelu ja nuorten mielenterveyspalvelut (hyvinvointialue).",
        "description_sv": 'Läroanstalter, Navigatorn, ungdomarnas serviceställen, verkstäder och uppsökande ungdomsarbete (kommunen) samt barnskydd och ungas mentalvårdstjänster (välfärdsområdet).',
        "description_en": 'Educational institutions, Ohjaamo, youth service points, workshops and outreach youth work (municipality); child protection and youth mental health services (county).',
        "services": [
            S("ohjaamo", M, "youth_work", "Ohjaamo", "Navigatorn", "Ohjaamo one-stop guidance centre"),
            S("youth_workshop", M, "youth_work", "Nuorten työpaja", "Ungdomsverkstad", "Youth workshop"),
            S("outreach_youth_work", M, "youth_work", "Etsivä nuorisotyö", "Uppsökande ungdomsarbete",
              "Outreach youth work"),
            CHILD_PROTECTION, MENTAL,
        ],
        "levels": ["expert", "field"],
    },
    {
        "key": "culture-wellbeing", "theme": "culture", "client_group": "everyone",
        "title_fi": "Kulttuuri ja hyvinvointi", "title_sv": "Kultur och välbefinnande",
        "title_en": "Culture and wellbeing",
        "description_fi": "Kulttuuri- ja kirjastopalvelut (kunta) osana hyvinvointia tukevia palveluja "
                          "(hyvinvointialue), esimerkiksi kulttuurihyvinvointi vanhuspalveluissa.",
        "description_sv": 'Kultur- och bibliotekstjänster (kommunen) som en del av tjänster som stöder välbefinnandet (välfärdsområdet), t.ex. kulturell välfärd inom äldreomsorgen.',
        "description_en": "Cultural and library services (municipality) as part of services supporting wellbeing (county), e.g. cultural wellbeing in older people's services.",
        "services": [
            S("culture", M, "culture", "Kulttuuripalvelut", "Kulturtjänster", "Cultural services"),
            S("library", M, "libraries", "Kirjasto", "Bibliotek", "Library"),
            S("older_people_services", C, "older_people", "Ikäihmisten palvelut", "Tjänster för äldre",
              "Services for older people"),
        ],
        "levels": ["expert", "field"],
    },
    {
        "key": "sports", "theme": "sports", "client_group": "everyone",
        "title_fi": "Liikunta ja liikkumisen edistäminen", "title_sv": "Idrott och främjande av motion",
        "title_en": "Sports and physical activity",
        "description_fi": "Liikuntapalvelut ja -paikat (kunta) sekä liikuntaneuvonta ja kuntoutus "
                          "(hyvinvointialue): liikkumisen puheeksiotto ja ohjaus.",
        "description_sv": 'Idrottstjänster och idrottsplatser (kommunen) samt motionsrådgivning och rehabilitering (välfärdsområdet).',
        "description_en": 'Sports services and facilities (municipality); exercise counselling and rehabilitation (county).',
        "services": [
            S("sports", M, "sports", "Liikuntapalvelut", "Idrottstjänster", "Sports services"),
            S("exercise_counselling", C, "primary_health", "Liikuntaneuvonta", "Motionsrådgivning",
              "Exercise counselling"),
        ],
        "levels": ["expert", "field"],
    },
    {
        "key": "employment", "theme": "employment", "client_group": "working_age",
        "title_fi": "Työllisyys: kunnan työllisyyspalvelut (TE2024) – kuntouttava työtoiminta – TYP",
        "title_sv": "Sysselsättning: kommunens sysselsättningstjänster (TE2024) – arbetsverksamhet i "
                    "rehabiliteringssyfte – TYP",
        "title_en": "Employment: municipal employment services (TE2024) – rehabilitative work activity – TYP",
        "description_fi": "Työllisyyspalvelut siirtyivät kunnille 2025 (TE2024). Kuntouttava työtoiminta, "
                          "TYP, työkykytiimi ja aikuissosiaalityö (hyvinvointialue).",
        "description_sv": 'Sysselsättningstjänsterna överfördes till kommunerna 2025 (TE2024). Arbetsverksamhet i rehabiliteringssyfte, TYP, arbetsförmågeteam och socialt arbete för vuxna (välfärdsområdet).',
        "description_en": 'Employment services moved to municipalities in 2025 (TE2024). Rehabilitative work activity, TYP, the work-ability team and adult social work (county).',
        "services": [
            S("employment_services", M, "employment", "Kunnan työllisyyspalvelut", "Kommunens sysselsättningstjänster",
              "Municipal employment services"),
            S("rehabilitative_work", C, "social_work", "Kuntouttava työtoiminta",
              "Arbetsverksamhet i rehabiliteringssyfte", "Rehabilitative work activity"),
            S("typ", M, "employment", "Työllistymistä edistävä monialainen yhteispalvelu (TYP)",
              "Sektorsövergripande samservice som främjar sysselsättning (TYP)",
              "Multi-sector joint employment service (TYP)"),
            S("work_ability_team", C, "primary_health", "Työkykytiimi", "Arbetsförmågeteam", "Work-ability team"),
            SOCIAL_WORK,
        ],
        "levels": ["management", "expert", "field"],
    },
    {
        "key": "integration", "theme": "integration", "client_group": "immigrants",
        "title_fi": "Maahanmuutto ja kotoutuminen", "title_sv": "Invandring och integration",
        "title_en": "Immigration and integration",
        "description_fi": "Kotoutumisen edistäminen ja alkuvaiheen ohjaus (kunta) sekä sosiaali- ja "
                          "terveyspalvelut (hyvinvointialue).",
        "description_sv": 'Främjande av integration och handledning i början (kommunen) samt social- och hälsovårdstjänster (välfärdsområdet).',
        "description_en": 'Promoting integration and initial guidance (municipality); social and health services (county).',
        "services": [
            S("integration_services", M, "integration", "Kotoutumispalvelut", "Integrationstjänster",
              "Integration services"),
            SOCIAL_WORK,
            S("health_centre", C, "primary_health", "Terveysasema", "Hälsostation", "Health centre"),
        ],
        "levels": ["management", "expert", "field"],
    },
    {
        "key": "hyte", "theme": "hyte", "client_group": "everyone",
        "title_fi": "Hyvinvoinnin ja terveyden edistäminen (hyte)",
        "title_sv": "Främjande av hälsa och välfärd", "title_en": "Health and wellbeing promotion (hyte)",
        "description_fi": "Hyvinvointisuunnitelmat ja -kertomukset, hyte-koordinaatio ja järjestöyhteistyö "
                          "kunnassa ja hyvinvointialueella.",
        "description_sv": 'Välfärdsplaner och -berättelser, samordning av hälsofrämjande och organisationssamarbete i kommunen och välfärdsområdet.',
        "description_en": 'Welfare plans and reports, coordination of health promotion and NGO cooperation in the municipality and the county.',
        "services": [
            S("hyte_municipality", M, "hyte", "Kunnan hyvinvointikoordinaatio",
              "Kommunens välfärdskoordination", "Municipal wellbeing coordination"),
            S("hyte_county", C, "hyte", "Hyvinvointialueen hyte-yksikkö", "Välfärdsområdets enhet för "
              "hälsofrämjande", "County health promotion unit"),
        ],
        "levels": ["political", "management", "expert"],
    },
    {
        "key": "preparedness", "theme": "preparedness", "client_group": "everyone",
        "title_fi": "Varautuminen ja turvallisuus", "title_sv": "Beredskap och säkerhet",
        "title_en": "Preparedness and security",
        "description_fi": "Valmiussuunnittelu, häiriötilanteet ja evakuointi: kunnan ja hyvinvointialueen "
                          "yhteinen varautuminen.",
        "description_sv": 'Beredskapsplanering, störningssituationer och evakuering: kommunens och välfärdsområdets gemensamma beredskap.',
        "description_en": 'Preparedness planning, disruptions and evacuation: the joint preparedness of the municipality and the county.',
        "services": [
            S("preparedness_municipality", M, "other", "Kunnan valmiussuunnittelu", "Kommunens beredskapsplanering",
              "Municipal preparedness planning"),
            S("preparedness_county", C, "other", "Hyvinvointialueen valmiussuunnittelu",
              "Välfärdsområdets beredskapsplanering", "County preparedness planning"),
        ],
        "levels": ["political", "management", "expert"],
    },
    {
        "key": "environmental-health", "theme": "environmental_health", "client_group": "everyone",
        "title_fi": "Ympäristöterveydenhuolto", "title_sv": "Miljö- och hälsoskydd",
        "title_en": "Environmental health",
        "description_fi": "Ympäristöterveydenhuolto (kunta tai yhteistoiminta-alue) sekä terveydensuojelun "
                          "yhteydet terveyspalveluihin (hyvinvointialue).",
        "description_sv": 'Miljö- och hälsoskydd (kommunen eller samarbetsområdet) och hälsoskyddets kopplingar till hälsotjänsterna (välfärdsområdet).',
        "description_en": 'Environmental health (municipality or joint area) and its links to health services (county).',
        "services": [
            S("environmental_health", M, "environmental_health", "Ympäristöterveydenhuolto",
              "Miljö- och hälsoskydd", "Environmental health services"),
            S("infection_control", C, "primary_health", "Tartuntatautien torjunta", "Bekämpning av smittsamma "
              "sjukdomar", "Communicable disease control"),
        ],
        "levels": ["management", "expert"],
    },
    {
        "key": "community-planning", "theme": "community_planning", "client_group": "everyone",
        "title_fi": "Yhdyskuntasuunnittelu ja palveluverkko", "title_sv": "Samhällsplanering och servicenät",
        "title_en": "Community planning and the service network",
        "description_fi": "Maankäyttö, asuminen ja liikenne (kunta) sekä palveluverkon suunnittelu "
                          "(hyvinvointialue).",
        "description_sv": 'Markanvändning, boende och trafik (kommunen) samt planering av servicenätet (välfärdsområdet).',
        "description_en": 'Land use, housing and transport (municipality); service network planning (county).',
        "services": [
            S("land_use", M, "land_use", "Maankäyttö ja asuminen", "Markanvändning och boende",
              "Land use and housing"),
            S("service_network", C, "other", "Palveluverkon suunnittelu", "Planering av servicenätet",
              "Service network planning"),
        ],
        "levels": ["political", "management"],
    },
    {
        "key": "older-people", "theme": "older_people", "client_group": "older_people",
        "title_fi": "Ikäihmisten palvelut: kotihoito – asuminen – liikunta ja kulttuuri",
        "title_sv": "Tjänster för äldre: hemvård – boende – motion och kultur",
        "title_en": "Older people's services: home care – housing – exercise and culture",
        "description_fi": "Kotihoito ja asumispalvelut (hyvinvointialue) sekä esteetön asuminen, "
                          "liikunta, kulttuuri ja liikkuminen (kunta).",
        "description_sv": 'Hemvård och boendeservice (välfärdsområdet) samt tillgängligt boende, motion, kultur och mobilitet (kommunen).',
        "description_en": 'Home care and housing services (county); accessible housing, exercise, culture and mobility (municipality).',
        "services": [
            S("home_care", C, "home_care", "Kotihoito", "Hemvård", "Home care"),
            S("older_people_services", C, "older_people", "Ikäihmisten palvelut", "Tjänster för äldre",
              "Services for older people"),
            S("senior_sports", M, "sports", "Senioriliikunta", "Seniormotion", "Exercise for older people"),
            S("housing_advice", M, "land_use", "Asuntoneuvonta", "Bostadsrådgivning", "Housing advice"),
        ],
        "levels": ["management", "expert", "field"],
    },
    {
        "key": "rescue", "theme": "rescue", "client_group": "everyone",
        "title_fi": "Pelastustoimi ja kunta", "title_sv": "Räddningsväsendet och kommunen",
        "title_en": "Rescue services and the municipality",
        "description_fi": "Pelastustoimi (hyvinvointialue): onnettomuuksien ehkäisy, sammutusvesi, "
                          "kaavoituksen lausunnot ja kunnan valmius.",
        "description_sv": 'Räddningsväsendet (välfärdsområdet): förebyggande av olyckor, släckvatten, utlåtanden om planläggning och kommunens beredskap.',
        "description_en": "Rescue services (county): accident prevention, fire water, statements on land-use plans and the municipality's preparedness.",
        "services": [
            S("rescue", C, "rescue", "Pelastustoimi", "Räddningsväsendet", "Rescue services"),
            S("building_control", M, "land_use", "Rakennusvalvonta", "Byggnadstillsyn", "Building control"),
        ],
        "levels": ["management", "expert"],
    },
    {
        "key": "support-services", "theme": "support_services", "client_group": "organisations",
        "title_fi": "Tukipalvelut: ruoka, siivous ja ICT", "title_sv": "Stödtjänster: mat, städning och IKT",
        "title_en": "Support services: food, cleaning and ICT",
        "description_fi": "Kunnan ja hyvinvointialueen väliset tukipalvelusopimukset: ruokapalvelut, "
                          "puhtauspalvelut ja tietotekniikka.",
        "description_sv": 'Avtal om stödtjänster mellan kommunen och välfärdsområdet: kostservice, städtjänster och informationsteknik.',
        "description_en": 'Support service agreements between the municipality and the county: food, cleaning and ICT.',
        "services": [
            S("food_services", M, "support_services", "Ruokapalvelut", "Kostservice", "Food services"),
            S("cleaning", M, "support_services", "Puhtauspalvelut", "Städtjänster", "Cleaning services"),
            S("ict", C, "support_services", "ICT-palvelut", "IKT-tjänster", "ICT services"),
        ],
        "levels": ["management", "expert"],
    },
    {
        "key": "premises", "theme": "premises", "client_group": "organisations",
        "title_fi": "Toimitilat ja kiinteistöt", "title_sv": "Lokaler och fastigheter",
        "title_en": "Premises and facilities",
        "description_fi": "Hyvinvointialueelle vuokratut kunnan toimitilat, yhteiset tilat ja "
                          "toimitilastrategia.",
        "description_sv": 'Kommunens lokaler som hyrs ut till välfärdsområdet, gemensamma lokaler och lokalstrategi.',
        "description_en": 'Municipal premises leased to the county, shared premises and the facilities strategy.',
        "services": [
            S("premises_municipality", M, "support_services", "Kunnan tilapalvelut", "Kommunens lokaltjänster",
              "Municipal premises services"),
            S("premises_county", C, "support_services", "Hyvinvointialueen tilahallinto",
              "Välfärdsområdets lokalförvaltning", "County facilities management"),
        ],
        "levels": ["political", "management"],
    },
]
