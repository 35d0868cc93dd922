"""The catalogue's entries of the load-test plan (`manage.py trust_load_plan`): the writers, generated
editors each with a service of their own organisation to update (the write part of the mixed workload)."""

from yhdyspinta.accounts.models import Membership
from yhdyspinta.accounts.synthetic import USER_PREFIX

from .models import Service


def writers(limit=200) -> list[dict]:
    first_service = {}
    for pk, org in Service.objects.order_by("pk").values_list("pk", "organisation_id"):
        first_service.setdefault(org, pk)
    out = []
    editors = Membership.objects.filter(role="editor", user__username__startswith=USER_PREFIX).order_by("user__username")
    for username, org in editors.values_list("user__username", "organisation_id"):
        if org in first_service:
            out.append({"username": username, "url": f"/api/v1/catalogue/services/{first_service[org]}/",
                        "field": "description_fi"})
        if len(out) >= limit:
            break
    return out


def contribute(plan: dict) -> None:
    plan["writers"] += writers()
