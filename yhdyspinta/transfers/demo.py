"""Demo: TE24 in Pirkanmaa — employment services move from the state (TE office) to the Tampere
region employment area on 1.1.2025. ILLUSTRATIVE: invented items, counts and costs, no names of
employees; the project is labelled illustrative on its page and in its exports.

Idempotent: the project is found by its title; the national checklist lines by kind and text.
"""

from datetime import date

from yhdyspinta.organisations.models import Organisation, OrganisationKind

from .actions import copy_checklist
from .models import ChecklistTemplateItem, InventoryItem, TransferProject

TITLE = "TE24: työllisyyspalvelut valtiolta Tampereen seudun työllisyysalueelle 1.1.2025 (havainnollistava)"
CHECKLISTS = {
    "contract": ["Siirtoehto ja vastapuolen suostumus tarkistettu", "Irtisanomis- ja optioajat kirjattu",
                 "Vastapuolelle ilmoitettu siirrosta"],
    "asset": ["Omaisuusluettelo ja kirjanpitoarvot tarkistettu", "Luovutuskirja allekirjoitettu"],
    "premise": ["Vuokrasopimuksen siirto tai uusi sopimus sovittu", "Käyttöaste ja jaettu käyttö kirjattu"],
    "ict_system": ["Käyttöoikeudet ja lisenssit selvitetty", "Tietojen siirto ja arkistointi sovittu",
                   "Tietosuojan vaikutustenarviointi tehty"],
    "archive": ["Arkistonmuodostussuunnitelma saatu", "Säilytysajat ja luovutustapa sovittu"],
    "staff_group": ["Henkilöstön siirtolista (lukumäärät, ei nimiä) saatu", "Liikkeenluovutuksen periaatteet sovittu",
                    "Henkilöstön kuuleminen järjestetty"],
}
# kind, title, giver ("state" or a municipality code), decision, due date, status, quantity, cost, headcount, fte
ITEMS = [
    ("contract", "Työvoimakoulutuksen hankintasopimukset", "state", "moves", date(2024, 10, 31), "done", 14, 2400000,
     None, None),
    ("contract", "Tulkkauspalvelun puitesopimus", "state", "ends", date(2024, 11, 30), "in_progress", 1, 85000,
     None, None),
    ("premise", "Asiointipiste Tampere, Attila", "state", "moves", date(2024, 12, 15), "in_progress", 1, 410000,
     None, None),
    ("asset", "Asiointipisteiden kalusto ja päätelaitteet", "state", "moves", date(2024, 12, 15), "open", 220, 60000,
     None, None),
    ("ict_system", "URA-asiakastietojärjestelmän käyttö", "state", "shared", date(2024, 12, 31), "in_progress", 1,
     None, None, None),
    ("archive", "Asiakasasiakirjat 2015–2024", "state", "stays", date(2025, 3, 31), "open", None, None, None, None),
    ("staff_group", "Työnvälityksen asiantuntijat", "state", "moves", date(2024, 11, 1), "done", None, 6300000, 118,
     112.5),
    ("staff_group", "Yritys- ja työnantajapalvelut", "state", "moves", date(2024, 11, 1), "in_progress", None, 1350000,
     24, 23.0),
]


def _state():
    org, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.STATE_AUTHORITY, code="TE-PIR",
        defaults={"name": "Pirkanmaan TE-toimisto", "name_fi": "Pirkanmaan TE-toimisto",
                  "name_sv": "Arbets- och näringsbyrån i Birkaland"})
    return org


def load(stdout):
    for kind, texts in CHECKLISTS.items():
        for order, text in enumerate(texts, start=1):
            ChecklistTemplateItem.objects.get_or_create(kind=kind, text=text, owner=None, defaults={"order": order})
    if TransferProject.objects.filter(title=TITLE).exists():
        return
    county = Organisation.objects.get(kind=OrganisationKind.COUNTY, code="08")
    tampere = Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, code="837")
    state = _state()
    project = TransferProject.objects.create(
        title=TITLE, transfer_date=date(2025, 1, 1), area=county, illustrative=True, visibility="public",
        description=("Havainnollistava esimerkki: TE-palvelut 2024 -uudistus (TE24). Kohteet, määrät ja kustannukset "
                     "ovat keksittyjä. Henkilöstöstä vain lukumäärät ja kustannukset, ei nimiä."))
    project.parties.set([state, tampere])
    for kind, title, _giver, decision, due, status, quantity, cost, headcount, fte in ITEMS:
        item = InventoryItem.objects.create(
            project=project, kind=kind, title=title, from_party=state, to_party=tampere, owner=tampere,
            decision=decision, due_date=due, status=status, quantity=quantity, internal_cost=cost,
            internal_headcount=headcount, internal_fte=fte, visibility="public",
            evidence="Luovutuskirja allekirjoitettu (esimerkki)." if status == "done" else "")
        copy_checklist(item)
        if status == "done":
            item.checks.update(done=True)
    stdout.write(f"transfers: {len(ITEMS)} illustrative TE24 items for Pirkanmaa")
