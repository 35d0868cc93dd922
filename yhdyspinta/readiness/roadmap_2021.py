"""Catalogue of the roadmap "Alueellisen toimeenpanon tiekartta 2021–2022" (domain.md S7).

Areas and lettered sub-areas are VM's; area codes are the slugs of the published CSVs.
Task counts per sub-area (`due_by_q4`, `later`) sum to the published per-area counts due
by Q4/2021 (69, 30, 17, 20, 55; Yhdyspinnat A-E 5, 1, 7, 2, 5) and to the totals to
1.1.2023 (100, 39, 72, 51, 100), which are the smallest round totals for which every
published percentage is reachable. Topics (fi, sv, en) name plausible tasks; VM's task
list itself is not public in seed 003.
"""

from __future__ import annotations

from dataclasses import dataclass

Names = tuple[str, str, str]  # fi, sv, en


@dataclass(frozen=True)
class SubArea:
    code: str  # e.g. "A_jarjestaminen_tuotannon_ohjaus_hallintorakenteet"
    letter: str
    name_fi: str
    name_sv: str
    name_en: str
    due_by_q4: int
    later: int
    topics: tuple[Names, ...]


@dataclass(frozen=True)
class Area:
    code: str  # slug used in the published CSVs, e.g. "hallinto_talous_tukipalvelut"
    short: str  # task-id prefix
    name_fi: str
    name_sv: str
    name_en: str
    subareas: tuple[SubArea, ...]

    def name(self, language: str = "fi") -> str:
        return getattr(self, f"name_{language}")


# work phases of a topic, in order; tasks of a sub-area cycle through topics phase by phase
PHASES: tuple[Names, ...] = (
    ("nykytilan kartoitus", "kartläggning av nuläget", "current-state assessment"),
    ("tavoitetilan määrittely", "fastställande av målläget", "target-state definition"),
    ("toteutussuunnitelma", "genomförandeplan", "implementation plan"),
    ("päätökset ja sopimukset", "beslut och avtal", "decisions and agreements"),
    ("toteutus ja testaus", "genomförande och testning", "implementation and testing"),
    ("käyttöönotto 1.1.2023", "ibruktagande 1.1.2023", "go-live on 1 January 2023"),
)


def _sub(code, names: Names, due_by_q4, later, *topics: Names) -> SubArea:
    return SubArea(code, code[0], *names, due_by_q4, later, topics)


AREAS: tuple[Area, ...] = (
    Area("hallinto_talous_tukipalvelut", "HTT", "Hallinto, talous ja tukipalvelut",
         "Förvaltning, ekonomi och stödtjänster", "Administration, finance and support services", (
        _sub("A_hallinnon_rakenteet_demokratia",
             ("hallinnon rakenteet, toiminnan järjestäminen ja demokratia",
              "förvaltningsstrukturer, organisering av verksamheten och demokrati",
              "administrative structures, organisation of operations and democracy"), 12, 5,
             ("Hallintosääntö", "Förvaltningsstadga", "Administrative regulations"),
             ("Aluevaltuuston ja toimielinten organisointi",
              "Organisering av välfärdsområdesfullmäktige och organ",
              "Organisation of the county council and bodies"),
             ("Vaikuttamistoimielimet", "Påverkansorgan", "Advocacy councils")),
        _sub("B_konsernitalous", ("konsernitalous", "koncernekonomi", "group finances"), 10, 5,
             ("Talousarvio ja taloussuunnitelma 2023", "Budget och ekonomiplan 2023",
              "Budget and financial plan 2023"),
             ("Kirjanpito ja tilinpäätösprosessit", "Bokföring och bokslutsprocesser",
              "Accounting and closing processes"),
             ("Rahoitus ja maksuliikenne", "Finansiering och betalningsrörelse",
              "Financing and payments")),
        _sub("C_henkilosto_siirrot",
             ("henkilöstön asiat ml. siirrot", "personalfrågor inkl. överföringar",
              "staff matters incl. transfers"), 10, 4,
             ("Henkilöstön siirto liikkeenluovutuksena",
              "Överföring av personal som överlåtelse av rörelse",
              "Transfer of staff as a transfer of undertaking"),
             ("Palkkaharmonisointi", "Löneharmonisering", "Pay harmonisation"),
             ("Henkilöstöpolitiikka ja yhteistoiminta", "Personalpolitik och samarbete",
              "HR policy and employee cooperation")),
        _sub("D_sopimukset", ("sopimukset", "avtal", "contracts"), 8, 3,
             ("Siirtyvien sopimusten kartoitus ja siirto", "Kartläggning och överföring av avtal",
              "Inventory and transfer of contracts"),
             ("Vuokrasopimukset", "Hyresavtal", "Lease agreements")),
        _sub("E_hallinnolliset_tukipalvelut",
             ("hallinnolliset tukipalvelut", "administrativa stödtjänster",
              "administrative support services"), 8, 4,
             ("Talous- ja henkilöstöhallinnon palvelut",
              "Ekonomi- och personalförvaltningens tjänster", "Finance and HR services"),
             ("Tukipalveluiden tuotantotapa", "Produktionssätt för stödtjänster",
              "Production model of support services")),
        _sub("F_omaisuus_toimitilat", ("omaisuus ja toimitilat", "egendom och lokaler",
                                       "property and premises"), 8, 4,
             ("Toimitilojen hallinta ja vuokraus", "Förvaltning och hyra av lokaler",
              "Premises management and leasing"),
             ("Irtaimen omaisuuden siirto", "Överföring av lös egendom",
              "Transfer of movable property")),
        _sub("G_asianhallinta", ("asianhallinta", "ärendehantering", "case management"), 6, 3,
             ("Asianhallinnan prosessit", "Ärendehanteringens processer",
              "Case management processes"),
             ("Arkistonmuodostus ja tiedonohjaus", "Arkivbildning och informationsstyrning",
              "Archiving and records management")),
        _sub("H_tietohallinnon_organisointi",
             ("tietohallinnon organisointi", "organisering av informationsförvaltningen",
              "organisation of IT management"), 7, 3,
             ("Tietohallinnon organisointi", "Organisering av informationsförvaltningen",
              "Organisation of IT management"),
             ("Tietoturva ja tietosuoja", "Informationssäkerhet och dataskydd",
              "Information security and data protection")),
    )),
    Area("johtaminen_osaaminen", "JO", "Johtaminen ja osaaminen", "Ledarskap och kompetens",
         "Leadership and competence", (
        _sub("A_kyvykkyydet", ("kyvykkyydet", "förmågor", "capabilities"), 6, 2,
             ("Johdon kyvykkyyksien arviointi", "Bedömning av ledningens förmågor",
              "Assessment of management capabilities"),
             ("Muutosjohtamisen valmennus", "Utbildning i förändringsledning",
              "Change management coaching")),
        _sub("B_johtamisrakenteet_valineet",
             ("johtamisrakenteet ja johtamisen välineet", "ledningsstrukturer och ledningsverktyg",
              "management structures and tools"), 7, 2,
             ("Johtamisjärjestelmä", "Ledningssystem", "Management system"),
             ("Organisaatiorakenne", "Organisationsstruktur", "Organisational structure")),
        _sub("C_palvelutuotannon_johtaminen",
             ("palvelutuotannon organisointi ja johtaminen",
              "organisering och ledning av serviceproduktionen",
              "organisation and management of service production"), 6, 2,
             ("Palvelutuotannon organisointi", "Organisering av serviceproduktionen",
              "Organisation of service production"),
             ("Palvelutuotannon johtamismalli", "Ledningsmodell för serviceproduktionen",
              "Management model of service production")),
        _sub("D_tiedolla_johtaminen_tietopohjat",
             ("tiedolla johtaminen ja tietopohjat", "kunskapsbaserad ledning och kunskapsunderlag",
              "knowledge-based management and data"), 6, 2,
             ("Tietojohtamisen malli", "Modell för kunskapsbaserad ledning",
              "Knowledge-based management model"),
             ("Raportoinnin tietopohja", "Kunskapsunderlag för rapportering",
              "Reporting data")),
        _sub("E_viestinta_osallisuus_demokratia",
             ("viestintä, osallisuus ja demokratia", "kommunikation, delaktighet och demokrati",
              "communication, participation and democracy"), 5, 1,
             ("Viestintäsuunnitelma", "Kommunikationsplan", "Communication plan"),
             ("Osallisuusohjelma", "Delaktighetsprogram", "Participation programme")),
    )),
    Area("palveluiden_jarjestaminen", "PJ", "Palveluiden järjestäminen", "Organisering av tjänster",
         "Organising services", (
        _sub("A_vaeston_palvelutarve", ("väestön palvelutarve", "befolkningens servicebehov",
                                        "service needs of the population"), 3, 7,
             ("Palvelutarpeen arviointi", "Bedömning av servicebehovet",
              "Assessment of service needs"),
             ("Hyvinvointikertomus ja -suunnitelma", "Välfärdsberättelse och -plan",
              "Wellbeing report and plan")),
        _sub("B_toimintaymparisto_turvallisuus",
             ("toimintaympäristö ja sen turvallisuus", "verksamhetsmiljön och dess säkerhet",
              "operating environment and its safety"), 4, 8,
             ("Pelastustoimen siirto hyvinvointialueelle",
              "Överföring av räddningsväsendet till välfärdsområdet",
              "Transfer of rescue services to the county"),
             ("Pelastustoimen palvelutasopäätös", "Räddningsväsendets servicenivåbeslut",
              "Rescue services service-level decision"),
             ("Varautuminen ja valmiussuunnittelu", "Beredskap och beredskapsplanering",
              "Preparedness and contingency planning")),
        _sub("C_jarjestamisen_reunaehdot",
             ("järjestämisen reunaehdot", "ramvillkor för organiseringen",
              "constraints on organising"), 3, 7,
             ("Järjestämisen periaatteet ja palvelustrategia",
              "Principer för organiseringen och servicestrategi",
              "Organising principles and service strategy"),
             ("Kielelliset oikeudet palveluissa", "Språkliga rättigheter i tjänsterna",
              "Language rights in services")),
        _sub("D_palvelut_yhdenmukaistaminen",
             ("järjestettävät palvelut ja palveluiden yhdenmukaistaminen",
              "tjänster som ordnas och harmonisering av tjänsterna",
              "services to organise and their harmonisation"), 2, 12,
             ("Palveluvalikoiman määrittely", "Fastställande av serviceutbudet",
              "Definition of the service portfolio"),
             ("Asiakasmaksujen yhdenmukaistaminen", "Harmonisering av klientavgifter",
              "Harmonisation of client fees"),
             ("Palveluverkko", "Servicenät", "Service network")),
        _sub("E_hankinnat", ("hankinnat", "upphandlingar", "procurement"), 2, 7,
             ("Hankintastrategia", "Upphandlingsstrategi", "Procurement strategy"),
             ("Ostopalvelusopimusten siirto", "Överföring av köptjänstavtal",
              "Transfer of purchased-service contracts")),
        _sub("F_tuotannon_ohjaus", ("tuotannon ohjaus", "styrning av produktionen",
                                    "steering of production"), 2, 7,
             ("Oman tuotannon ohjausmalli", "Styrmodell för egen produktion",
              "Steering model of own production"),
             ("Yksityisten palveluntuottajien valvonta", "Tillsyn över privata serviceproducenter",
              "Supervision of private service providers")),
        _sub("G_integraatio_koordinaatio_yhteistyo",
             ("integraatio, koordinaatio ja yhteistyö", "integration, koordinering och samarbete",
              "integration, coordination and cooperation"), 1, 7,
             ("Palveluketjut ja -kokonaisuudet", "Servicekedjor och -helheter",
              "Service chains and packages"),
             ("Yhteistyöalueen sopimus", "Samarbetsområdesavtal", "Collaborative area agreement")),
    )),
    Area("yhdyspinnat", "YP", "Yhdyspinnat", "Gränsytor", "Interfaces", (
        _sub("A_jarjestaminen_tuotannon_ohjaus_hallintorakenteet",
             ("järjestäminen, tuotannon ohjaus ja hallintorakenteet",
              "organisering, produktionsstyrning och förvaltningsstrukturer",
              "organising, steering of production and administrative structures"), 5, 7,
             ("Kuntien ja hyvinvointialueen yhteistyörakenteet",
              "Samarbetsstrukturer mellan kommunerna och välfärdsområdet",
              "Cooperation structures of municipalities and the county"),
             ("Hyvinvoinnin ja terveyden edistämisen yhteistyö",
              "Samarbete kring främjande av välfärd och hälsa",
              "Cooperation on health and wellbeing promotion")),
        _sub("B_johtaminen_verkostotyo", ("johtaminen ja verkostotyö", "ledning och nätverksarbete",
                                          "management and network work"), 1, 5,
             ("Yhdyspintojen johtamismalli", "Ledningsmodell för gränsytorna",
              "Interface management model"),
             ("Kuntaneuvottelut", "Kommunförhandlingar", "Municipal negotiations")),
        _sub("C_kyvykkyydet_resursointi", ("kyvykkyydet ja resursointi", "förmågor och resurser",
                                           "capabilities and resourcing"), 7, 8,
             ("Yhdyspintojen kartoitus", "Kartläggning av gränsytorna", "Mapping of interfaces"),
             ("Yhteiset palvelut kuntien kanssa", "Gemensamma tjänster med kommunerna",
              "Shared services with municipalities"),
             ("Resursointi yhdyspintatyöhön", "Resurser för gränsytearbetet",
              "Resourcing interface work")),
        _sub("D_henkilosto_sidosryhmaosallisuus",
             ("henkilöstö ja sidosryhmäosallisuus", "personal och intressentgruppers delaktighet",
              "staff and stakeholder participation"), 2, 5,
             ("Sidosryhmäyhteistyö", "Samarbete med intressentgrupper", "Stakeholder cooperation"),
             ("Henkilöstön osallistaminen yhdyspintatyöhön",
              "Personalens delaktighet i gränsytearbetet", "Staff involvement in interface work")),
        _sub("E_tiedolla_johtaminen_tietojarjestelmat",
             ("tiedolla johtaminen ja tietojärjestelmät",
              "kunskapsbaserad ledning och informationssystem",
              "knowledge-based management and information systems"), 5, 6,
             ("Yhteinen tietopohja kuntien kanssa", "Gemensamt kunskapsunderlag med kommunerna",
              "Shared knowledge base with municipalities"),
             ("Tietojen luovutus ja rajapinnat", "Utlämnande av uppgifter och gränssnitt",
              "Data disclosure and interfaces")),
    )),
    Area("ict", "ICT", "ICT", "IKT", "ICT", (
        _sub("A_hallinnolliset_tehtavat", ("hallinnolliset tehtävät", "administrativa uppgifter",
                                           "administrative tasks"), 10, 8,
             ("ICT-palvelujen hallintamalli", "Styrmodell för IKT-tjänster",
              "ICT service governance model"),
             ("ICT-sopimusten siirto", "Överföring av IKT-avtal", "Transfer of ICT contracts"),
             ("ICT-muutoksen rahoitus", "Finansiering av IKT-förändringen",
              "Funding of the ICT change")),
        _sub("B_toimialariippumattomat_jarjestelmat",
             ("toimialariippumattomat järjestelmät", "sektorsoberoende system",
              "cross-sector systems"), 12, 10,
             ("Talousjärjestelmä", "Ekonomisystem", "Financial system"),
             ("Henkilöstöhallinnon järjestelmä", "Personaladministrativt system", "HR system"),
             ("Asianhallinta- ja arkistojärjestelmä", "Ärendehanterings- och arkivsystem",
              "Case management and archive system"),
             ("Identiteetin- ja käyttövaltuushallinta", "Identitets- och behörighetshantering",
              "Identity and access management")),
        _sub("C_toimialasidonnaiset_jarjestelmat",
             ("toimialasidonnaiset järjestelmät", "sektorspecifika system",
              "sector-specific systems"), 13, 12,
             ("Potilastietojärjestelmä", "Patientdatasystem", "Patient information system"),
             ("Sosiaalihuollon asiakastietojärjestelmä", "Klientdatasystem för socialvården",
              "Social welfare client information system"),
             ("Ensihoidon tietojärjestelmät", "Informationssystem för prehospital akutsjukvård",
              "Emergency medical services systems"),
             ("Kanta-palveluiden liittymät", "Anslutningar till Kanta-tjänsterna",
              "Kanta service connections"),
             ("Asiakasmaksujen laskutus", "Fakturering av klientavgifter",
              "Client fee invoicing")),
        _sub("D_ict_infra", ("ICT-infra", "IKT-infrastruktur", "ICT infrastructure"), 10, 8,
             ("Tietoliikenneverkot", "Datakommunikationsnät", "Data networks"),
             ("Työasemat ja päätelaitteet", "Arbetsstationer och terminaler",
              "Workstations and devices"),
             ("Konesalipalvelut", "Datacentertjänster", "Data-centre services")),
        _sub("E_ict_infran_jarjestelmat",
             ("ICT-infran järjestelmät", "IKT-infrastrukturens system",
              "ICT infrastructure systems"), 10, 7,
             ("Hakemistopalvelut", "Katalogtjänster", "Directory services"),
             ("Sähköposti ja yhteistyöalustat", "E-post och samarbetsplattformar",
              "E-mail and collaboration platforms"),
             ("Tietoturvan valvontapalvelut", "Övervakningstjänster för informationssäkerhet",
              "Security monitoring services")),
    )),
)

AREA_BY_CODE = {a.code: a for a in AREAS}
