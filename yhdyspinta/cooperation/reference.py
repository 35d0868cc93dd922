"""Reference data shipped with the app: council terms and the statutory duty rules of domain S4.

Both are data: admins edit them and add new ones without a code change. Sources are cited
per row; check the current text in Finlex (finlex.fi) when the law changes.
"""

from datetime import date

# Council terms (valtuustokaudet).
# County councils: the first term 1.3.2022–31.5.2025 (laki hyvinvointialueiden perustamisesta
# 616/2021 § 25), then four-year terms from 1.6.2025 (hyvinvointialuelaki 611/2021 § 19).
# Municipal councils: 1.8.2021–31.5.2025 (the 2021 election moved to June by law 16/2021),
# then 1.6.2025–31.5.2029 (kuntalaki 410/2015 § 15).
COUNCIL_TERMS = [
    ("county", date(2022, 3, 1), date(2025, 5, 31), "616/2021 § 25"),
    ("county", date(2025, 6, 1), date(2029, 5, 31), "611/2021 § 19"),
    ("municipal", date(2021, 8, 1), date(2025, 5, 31), "410/2015 § 15; 16/2021"),
    ("municipal", date(2025, 6, 1), date(2029, 5, 31), "410/2015 § 15"),
]

# key, title fi/sv/en, legal source, applies to, period, count, due month, due day
DUTY_RULES = [
    ("negotiation-per-term",
     ("Neuvottelu yhteistyöstä, tavoitteista ja työnjaosta",
      "Förhandling om samarbete, mål och arbetsfördelning",
      "Negotiation on cooperation, goals and division of labour"),
     "Hyvinvointialuelaki 611/2021 § 14", "county_with_each_municipality", "council_term", 1, None, None),
    ("hyte-negotiation",
     ("Hyte-neuvottelu hyvinvoinnin ja terveyden edistämisestä",
      "Förhandling om främjande av hälsa och välfärd",
      "Negotiation on health and wellbeing promotion (hyte)"),
     "Sote-järjestämislaki 612/2021 § 7", "county_with_each_municipality", "yearly", 1, 12, 31),
    ("county-welfare-report",
     ("Aluehyvinvointikertomus ja -suunnitelma yhdessä kuntien kanssa",
      "Regional välfärdsberättelse och -plan tillsammans med kommunerna",
      "County welfare report and plan, made with the municipalities"),
     "Sote-järjestämislaki 612/2021 § 7", "county", "council_term", 1, None, None),
    ("municipal-welfare-report",
     ("Kunnan vuosittainen hyvinvointiraportti valtuustolle",
      "Kommunens årliga välfärdsrapport till fullmäktige",
      "Municipality's yearly welfare report to its council"),
     "Sote-järjestämislaki 612/2021 § 6", "municipality", "yearly", 1, 12, 31),
    ("municipal-extended-report",
     ("Kunnan laaja hyvinvointikertomus valtuustokaudessa",
      "Kommunens omfattande välfärdsberättelse per fullmäktigeperiod",
      "Municipality's extended welfare report per council term"),
     "Sote-järjestämislaki 612/2021 § 6", "municipality", "council_term", 1, None, None),
    ("student-welfare-group",
     ("Alueellinen opiskeluhuollon yhteistyöryhmä, jossa kaikki kunnat edustettuina",
      "Regional samarbetsgrupp för elevhälsa med alla kommuner representerade",
      "Regional student-welfare cooperation group with every municipality"),
     "Oppilas- ja opiskelijahuoltolaki 1287/2013 § 14 a", "county_with_each_municipality", "council_term", 1,
     None, None),
    ("student-welfare-plan",
     ("Alueellinen opiskeluhuoltosuunnitelma", "Regional elevhälsoplan", "Regional student-welfare plan"),
     "Oppilas- ja opiskelijahuoltolaki 1287/2013 § 13 a", "county", "council_term", 1, None, None),
    ("county-strategy",
     ("Hyvinvointialuestrategia vuorovaikutuksessa kuntien kanssa",
      "Välfärdsområdesstrategi i växelverkan med kommunerna",
      "County strategy prepared in interaction with the municipalities"),
     "Hyvinvointialuelaki 611/2021 § 41", "county_with_each_municipality", "council_term", 1, None, None),
]


def load_reference_data():
    """Creates the council terms and duty rules that are missing; never overwrites an admin's edits."""
    from .models import CouncilTerm, DutyRule

    for kind, start, end, source in COUNCIL_TERMS:
        CouncilTerm.objects.get_or_create(kind=kind, start=start, defaults={"end": end, "source": source})
    for key, (fi, sv, en), source, applies, period, count, month, day in DUTY_RULES:
        if not DutyRule.objects.filter(key=key).exists():
            DutyRule.objects.create(
                key=key, title=fi, title_fi=fi, title_sv=sv, title_en=en, legal_source=source,
                applies_to=applies, period_kind=period, count_per_period=count, due_month=month, due_day=day,
            )
