"""The cooperation part of the synthetic national data set: forums, meetings with items and
decisions, agreements (`generate_national`)."""

from datetime import UTC, date, datetime, timedelta

from yhdyspinta.core.synthetic import Part, insert, n, stream
from yhdyspinta.organisations.synthetic import area_with_members

from .models import AgendaItem, Agreement, Decision, Forum, Meeting
from .models.agreements import AgreementKind


def generate(ctx):
    rng = ctx.rng
    levels = [c[0] for c in Forum._meta.get_field("level").choices]
    plans = []
    for i in range(n(2000, ctx.scale)):
        area, members = area_with_members(ctx)
        plans.append((list(dict.fromkeys([area, *rng.sample(members, min(len(members), rng.randint(1, 6)))])), {
            "name": f"Yhteistyöryhmä {i}", "level": rng.choice(levels), "area": area,
            "mandate": "Yhteistyö hyvinvointialueen ja kuntien välillä.",
            "visibility": "public" if rng.random() < 0.7 else "internal",
        }))
    forums = insert(Forum, (v for _o, v in plans))
    through = Forum.organisations.through
    insert(through, (through(forum_id=f.pk, organisation_id=o.pk) for f, (orgs, _v) in zip(forums, plans)
                     for o in orgs), batch=5000)
    first = datetime(2023, 1, 9, 9, 0, tzinfo=UTC)
    meetings = insert(Meeting, (
        {"forum": rng.choice(forums), "starts_at": first + timedelta(days=rng.randint(0, 1200), hours=rng.randint(0, 8)),
         "place": "Teams", "minutes": f"Pöytäkirja {i}", "visibility": "public" if rng.random() < 0.7 else "internal"}
        for i in range(n(50000, ctx.scale))
    ))
    items = insert(AgendaItem, (
        {"meeting": m, "number": k, "title": f"Asia {k}", "body": "Esittely ja keskustelu."}
        for m in meetings for k in range(1, 4)
    ), batch=5000)
    resolutions = [c[0] for c in Decision._meta.get_field("resolution").choices]
    decisions = stream(Decision, ({"item_id": it.pk, "meeting_id": it.meeting_id, "resolution": rng.choice(resolutions),
                                   "text": "Päätösehdotus hyväksyttiin."} for it in items), batch=5000)
    kinds = [c[0] for c in AgreementKind.choices]
    agreement_plans = []
    for i in range(n(5000, ctx.scale)):
        area, members = area_with_members(ctx)
        agreement_plans.append((list(dict.fromkeys([area, rng.choice(members)])), {
            "title": f"Sopimus {i}", "kind": rng.choice(kinds), "valid_from": date(2023, 1, 1),
            "valid_until": date(2023, 1, 1) + timedelta(days=rng.randint(365, 2000)),
            "visibility": "public" if rng.random() < 0.6 else "internal",
        }))
    agreements = insert(Agreement, (v for _p, v in agreement_plans))
    party = Agreement.parties.through
    insert(party, (party(agreement_id=a.pk, organisation_id=o.pk) for a, (orgs, _v) in zip(agreements, agreement_plans)
                   for o in orgs), batch=5000)
    return {"forums": len(forums), "meetings": len(meetings), "agenda items": len(items),
            "decisions": decisions, "agreements": len(agreements)}


PARTS = [Part("cooperation", 30, generate)]
