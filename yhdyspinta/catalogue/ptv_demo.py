"""Demo: the bilingual Pohjanmaa county (Österbotten) and Pirkanmaa's child protection in Nokia from
recorded PTV-format data (`data/ptv_demo.json`, illustrative: invented ids and numbers), loaded
through the same `refresh_ptv` as the real import. Called by `demo.load`; idempotent."""

import json
from pathlib import Path

from auditlog.context import disable_auditlog

from yhdyspinta.organisations.models import Organisation

from .models import OrganisationContact, Service
from .ptv_actions import refresh_ptv

DATA = Path(__file__).parent / "data" / "ptv_demo.json"


def load_ptv_demo(stdout=None):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    lines = []
    with disable_auditlog():
        for entry in data["organisations"]:
            org = Organisation.objects.filter(kind=entry["kind"], code=entry["code"]).first()
            if org is None:
                continue
            OrganisationContact.objects.update_or_create(
                organisation=org, defaults={**entry["contact"], "ptv_id": entry.get("ptv_id", "")})
            if "services" not in entry:
                continue
            for source_key, ptv_id in entry.get("link", {}).items():  # the editor's confirmed match
                Service.objects.filter(organisation=org, source_key=source_key).update(ptv_id=ptv_id)
            summary = refresh_ptv(org, services=entry["services"]["itemList"],
                                  channels=entry["channels"]["itemList"], create=entry.get("create", False))
            lines.append(f"{org}: {summary.services} PTV services, {summary.contacts} contacts")
    if stdout is not None:
        stdout.write("catalogue PTV demo: " + "; ".join(lines))
    return lines
