"""The integration part of the synthetic national data set (`generate_national`)."""

from yhdyspinta.core.synthetic import Part, insert, n, stream

from .models import Answer, Respondent, Study, StudyParty


def generate(ctx):
    """One national study: 40 parties × 25 000 respondents = 1 000 000 answers at scale 1."""
    rng = ctx.rng
    study = insert(Study, [{"title": "Integraatioselvitys (generoitu)", "owner": ctx.counties[0],
                            "status": "closed", "visibility": "public", "seed": 1}])[0]
    organisers = [c[0] for c in StudyParty.Organiser.choices]
    parties = insert(StudyParty, ({"study": study, "code": f"P{k:02d}", "label": f"Toimija {k}",
                                   "organiser": organisers[k % len(organisers)], "order": k} for k in range(40)))
    names = [m.name for m in ctx.municipalities]
    respondents = insert(Respondent, ({"study": study, "group": rng.choice(parties), "municipality": rng.choice(names),
                                       "imported": True, "progress": 100} for _ in range(n(25000, ctx.scale))))
    answers = stream(Answer, (
        {"respondent_id": r.pk, "party_id": p.pk, "frequency": rng.randint(0, 4), "mutuality": rng.randint(0, 4),
         "need": rng.randint(0, 4)}
        for r in respondents for p in parties
    ), batch=5000)
    Study.objects.filter(pk=study.pk).update(invited=len(respondents))
    return {"studies": 1, "parties": len(parties), "respondents": len(respondents), "answers": answers}


PARTS = [Part("integration", 60, generate)]
