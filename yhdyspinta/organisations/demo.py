"""Demo organisations, units and people in Pirkanmaa (roles, not real people's names)."""

from .models import Organisation, OrganisationKind, Person, Unit
from .reference import load_reference_data

PIRKANMAA = "08"


def load_reference():
    """The 2021 classification every app's demo builds on (`load_demo` loads it first, also with --only)."""
    load_reference_data()


def load(stdout):
    county = Organisation.objects.get(kind=OrganisationKind.COUNTY, code=PIRKANMAA)
    extra = [
        (OrganisationKind.JOINT_AUTHORITY, "HUS", "HUS-yhtymä", "HUS-sammanslutningen", None),
        (OrganisationKind.STATE_AUTHORITY, "KELA", "Kansaneläkelaitos (Kela)", "Folkpensionsanstalten (FPA)", None),
        (OrganisationKind.NGO, "PIRNGO", "Pirkanmaan järjestöt ry", "Birkalands organisationer rf", county),
        (OrganisationKind.EDUCATION_PROVIDER, "TREDU", "Tampereen seudun ammattiopisto Tredu", "Tredu", county),
    ]
    for kind, code, fi, sv, area in extra:
        Organisation.objects.get_or_create(kind=kind, code=code, defaults={"name": fi, "name_fi": fi, "name_sv": sv,
                                                                          "area": area})
    tampere = Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, code="837")
    sectors = {
        county: [("Lasten, nuorten ja perheiden palvelut", ["Neuvolat", "Lastensuojelu", "Opiskeluhuolto"]),
                 ("Aikuisten palvelut", ["Mielenterveys- ja päihdepalvelut", "Aikuissosiaalityö"]),
                 ("Pelastuslaitos", [])],
        tampere: [("Sivistyspalvelut", ["Varhaiskasvatus", "Perusopetus", "Lukiokoulutus"]),
                  ("Vapaa-aika", ["Nuorisopalvelut", "Liikuntapalvelut", "Kirjasto"]),
                  ("Elinvoima", ["Työllisyyspalvelut"])],
    }
    for org, tree in sectors.items():
        for sector, children in tree:
            parent, _ = Unit.objects.get_or_create(organisation=org, name_fi=sector, parent=None,
                                                   defaults={"name": sector})
            for child in children:
                Unit.objects.get_or_create(organisation=org, name_fi=child, parent=parent, defaults={"name": child})
    people = [
        ("Yhdyspinta", "Koordinaattori", "Yhdyspintakoordinaattori", county, "public"),
        ("Hyte", "Koordinaattori", "Hyvinvointikoordinaattori", county, "public"),
        ("Sivistys", "Johtaja", "Sivistysjohtaja", tampere, "public"),
        ("Työllisyys", "Päällikkö", "Työllisyyspäällikkö", tampere, "internal"),
    ]
    for first, last, title, org, visibility in people:
        Person.objects.get_or_create(first_name=first, last_name=last, organisation=org,
                                     defaults={"title": title, "title_fi": title, "visibility": visibility,
                                               "email": f"{first.lower()}.{last.lower()}@example.fi"})
