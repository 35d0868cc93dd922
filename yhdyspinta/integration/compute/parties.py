"""Default questionnaire parties (tahot) and rating scales of the integration study.

Codes follow the questionnaire numbering 2.1–2.21 so uploaded answers, the FIXED
file and the network map all meet on the same identifiers. Default organisers are
those after the 2023 reform: sote parties to the wellbeing services county
(hyvinvointialue), the rest of 2.12–2.18 stay with the municipality, state and NGOs
are "other" and fixed.
"""

from __future__ import annotations

from dataclasses import dataclass

MUNICIPALITY = "municipality"
COUNTY = "county"
OTHER = "other"


@dataclass(frozen=True)
class Party:
    code: str
    fi: str
    sv: str
    en: str
    organiser: str  # municipality | county | other (default after the 2023 reform)
    fixed: bool  # organiser set by law (lakisääteinen), not free to move

    def label(self, lang: str = "fi") -> str:
        return getattr(self, lang if lang in ("fi", "sv", "en") else "fi")


_C, _M, _O = COUNTY, MUNICIPALITY, OTHER
PARTIES: tuple[Party, ...] = (
    Party("2.1", "Ikääntyneiden palvelut", "Äldreomsorg", "Older people's services", _C, True),
    Party("2.2", "Lapsiperheisiin ja lastensuojeluun liittyvät tahot",
          "Barnfamiljetjänster och barnskydd", "Child-family and child-protection services",
          _C, True),
    Party("2.3", "Työikäisten sosiaalipalvelut, ml. mielenterveys- ja päihdepalvelut",
          "Socialtjänster för personer i arbetsför ålder inkl. mentalvård och missbruk",
          "Working-age social services incl. mental-health and substance-abuse services",
          _C, True),
    Party("2.4", "Vammaispalvelut", "Handikappservice", "Disability services", _C, True),
    Party("2.5", "Äitiys- ja lastenneuvolapalvelut", "Mödra- och barnrådgivning",
          "Maternity and child health clinics", _C, True),
    Party("2.6", "Koulu- ja opiskeluterveydenhuolto", "Skol- och studerandehälsovård",
          "School and student health care", _C, True),
    Party("2.7", "Terveyskeskuksen avovastaanotto", "Hälsocentralens öppenmottagning",
          "Health-centre outpatient reception", _C, True),
    Party("2.8", "Perusterveydenhuollon lyhytaikainen vuodeosastohoito ja kotisairaala",
          "Korttidsvård på bäddavdelning inom primärvården och hemsjukhus",
          "Primary-care short-term ward and home hospital", _C, True),
    Party("2.9", "Koti(sairaan)hoito", "Hem(sjuk)vård", "Home (nursing) care", _C, True),
    Party("2.10", "Psykiatrinen erikoissairaanhoito, ml. lasten- ja nuorisopsykiatria",
          "Psykiatrisk specialiserad sjukvård inkl. barn- och ungdomspsykiatri",
          "Psychiatric specialised care incl. child and youth psychiatry", _C, True),
    Party("2.11", "Somaattinen erikoissairaanhoito", "Somatisk specialiserad sjukvård",
          "Somatic specialised care", _C, True),
    Party("2.12", "Kasvatus- ja opetustoimi, ml. varhaiskasvatus",
          "Fostran och undervisning inkl. småbarnspedagogik",
          "Education incl. early childhood education", _M, True),
    Party("2.13", "Nuorisotoimi", "Ungdomsarbete", "Youth work", _M, True),
    Party("2.14", "Liikunta- ja kulttuuripalvelut, ml. kirjastot",
          "Idrotts- och kulturtjänster inkl. bibliotek", "Sports and culture incl. libraries",
          _M, True),
    Party("2.15", "Yhdyskuntarakenne, asuinalueiden kehittäminen ja kaavoitus",
          "Samhällsstruktur, bostadsområden och planläggning",
          "Community structure, residential areas and zoning", _M, True),
    Party("2.16", "Työllisyyden ja elinvoiman edistäminen", "Sysselsättning och livskraft",
          "Employment and vitality", _M, False),
    Party("2.17", "Kunnan maahanmuuttajapalvelut", "Kommunens invandrartjänster",
          "Immigrant services", _M, False),
    Party("2.18", "Kunnan hyten johto-, seuranta- ja asiantuntijatehtävät",
          "Kommunens ledning, uppföljning och expertuppgifter för välfärd och hälsa",
          "Municipal wellbeing and health promotion management, monitoring and expertise",
          _M, True),
    Party("2.19", "KELA, TE-toimisto ja muut valtion viranomaiset",
          "FPA, TE-byrån och andra statliga myndigheter",
          "KELA, TE office and other state authorities", _O, True),
    Party("2.20", "Paikalliset järjestöt ja vapaaehtoistyö",
          "Lokala organisationer och frivilligarbete", "Local NGOs and volunteers", _O, True),
    Party("2.21", "Valtakunnalliset järjestöt", "Riksomfattande organisationer",
          "National NGOs", _O, True),
)
PARTY_BY_CODE: dict[str, Party] = {p.code: p for p in PARTIES}


@dataclass(frozen=True)
class Scale:
    """A rating item (2.x.1–2.x.3); "don't know" (en osaa sanoa) is always missing."""

    item: str  # frequency | mutuality | need
    minimum: int
    maximum: int
    labels: dict[str, tuple[str, ...]]  # lang -> label per value minimum..maximum
    dont_know: dict[str, str]


DONT_KNOW = {"fi": "En osaa sanoa", "sv": "Vet inte", "en": "Don't know"}
SCALES: dict[str, Scale] = {
    "frequency": Scale("frequency", 0, 4, {
        "fi": ("Ei koskaan", "Harvoin", "Joskus", "Usein", "Jatkuvasti"),
        "sv": ("Aldrig", "Sällan", "Ibland", "Ofta", "Ständigt"),
        "en": ("Never", "Rarely", "Sometimes", "Often", "Continuously"),
    }, DONT_KNOW),
    "mutuality": Scale("mutuality", 0, 2, {
        "fi": ("Ei", "Osittain", "Kyllä, molemminpuolista"),
        "sv": ("Nej", "Delvis", "Ja, ömsesidigt"),
        "en": ("No", "Partly", "Yes, mutual"),
    }, DONT_KNOW),
    "need": Scale("need", 0, 4, {
        "fi": ("Ei tarvetta", "Vähäinen", "Kohtalainen", "Suuri", "Erittäin suuri"),
        "sv": ("Inget behov", "Litet", "Måttligt", "Stort", "Mycket stort"),
        "en": ("No need", "Small", "Moderate", "Large", "Very large"),
    }, DONT_KNOW),
}
ITEMS: tuple[str, ...] = ("frequency", "mutuality", "need")


def node_sort_key(code: str) -> tuple:
    """Natural order so that 2.2 comes before 2.10 (display order, not the JSON a<b rule)."""
    parts = []
    for piece in str(code).replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


def default_fixed() -> dict[str, tuple[str, bool]]:
    """Default FIXED table {code: (organiser, fixed)} for the 21 questionnaire parties."""
    return {p.code: (p.organiser, p.fixed) for p in PARTIES}
