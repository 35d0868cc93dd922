"""Demo: a study shaped like Kuntaliitto's 2020 survey, with SYNTHETIC answers (idempotent).

12 municipalities, 719 invited, 268 answered, the 21 parties; answers from
compute.synthetic.synthetic_study(seed=1), whose planted structure gives the two clusters
"huolenpito kunnan asukkaasta" and "hoito ja hoiva".
"""

from django.utils import timezone

from yhdyspinta.organisations.models import Organisation, OrganisationKind

from .actions import add_default_questionnaire
from .compute.parties import ITEMS
from .compute.synthetic import synthetic_study
from .models import Answer, Respondent, Study

TITLE_FI = "Synteettinen esimerkkiaineisto: tehtäväkohtainen integraatioselvitys"
TITLE_SV = "Syntetiskt exempeldata: uppgiftsspecifik integrationsutredning"
TITLE_EN = "Synthetic example data: task-specific integration study"
FREE = ("2.2", "2.3", "2.16", "2.17")  # treated as movable here, to ask where the boundary should run
DESCRIPTION_FI = ("Vastaukset ovat synteettisiä (keksittyjä), eivät oikeita. Aineisto on muodoltaan kuin "
                  "Kuntaliiton vuoden 2020 selvitys: 12 kuntaa, 719 kutsuttua, 268 vastaajaa, 21 tahoa. "
                  "Rajapinta-analyysissä tahot 2.2, 2.3, 2.16 ja 2.17 on merkitty siirrettäviksi.")
DESCRIPTION_EN = ("The answers are synthetic (made up), not real. The data is shaped like Kuntaliitto's 2020 "
                  "study: 12 municipalities, 719 invited, 268 respondents, 21 parties. For the boundary "
                  "analysis, parties 2.2, 2.3, 2.16 and 2.17 are marked as free to move.")


def load(stdout, *, owner=None):
    owner = owner or Organisation.objects.get(kind=OrganisationKind.COUNTY, code="08")
    if Study.objects.filter(title_fi=TITLE_FI, owner=owner).exists():
        return Study.objects.get(title_fi=TITLE_FI, owner=owner)
    synthetic = synthetic_study(seed=1)
    study = Study.objects.create(
        title=TITLE_FI, title_fi=TITLE_FI, title_sv=TITLE_SV, title_en=TITLE_EN, owner=owner,
        area="12 kuntaa (synteettinen)", description=DESCRIPTION_FI, description_fi=DESCRIPTION_FI,
        description_en=DESCRIPTION_EN, visibility="public", status=Study.Status.CLOSED,
        invited=synthetic.invited,
        cluster_names={
            "2.12": {"fi": "Huolenpito kunnan asukkaasta", "sv": "Omsorg om kommuninvånaren",
                     "en": "Care for the resident"},
            "2.1": {"fi": "Hoito ja hoiva", "sv": "Vård och omsorg", "en": "Treatment and care"},
        },
    )
    add_default_questionnaire(study)
    study.parties.filter(code__in=FREE).update(fixed_by_law=False)
    parties = {p.code: p for p in study.parties.all()}
    frame = synthetic.answers
    first = frame.unique("respondent_id", keep="first", maintain_order=True)
    now = timezone.now()
    made = Respondent.objects.bulk_create([
        Respondent(study=study, group=parties[g], municipality=m, size_group=s, imported=True,
                   submitted_at=now, progress=0)
        for g, m, s in first.select("group", "municipality", "size_group").iter_rows()
    ])
    ids = dict(zip(first["respondent_id"].to_list(), [r.pk for r in made], strict=True))
    Answer.objects.bulk_create([
        Answer(respondent_id=ids[r], party=parties[p], **{i: None if v is None else int(v)
                                                          for i, v in zip(ITEMS, vals, strict=True)})
        for r, p, *vals in frame.select("respondent_id", "party", *ITEMS).iter_rows()
    ], batch_size=2000)
    stdout.write(f"integration: synthetic study with {len(made)} respondents\n")
    return study
