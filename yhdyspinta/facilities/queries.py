"""Reads of the facilities app: the support-service flows of a county."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from .models import SupportService


@dataclass
class Flow:
    direction: str  # "from_county" or "to_county"
    kind: str
    kind_label: str
    count: int
    value: Decimal


def support_flows(user, county) -> list[Flow]:
    """Support services the user may see between `county` and the organisations of its area, per
    direction and kind, with their number and annual value."""
    from .models import SupportKind

    visible = SupportService.objects.restrict(user, "view")
    parts = {
        "from_county": visible.filter(provider=county).filter(~Q(recipient=county), recipient__area=county),
        "to_county": visible.filter(recipient=county).filter(~Q(provider=county), provider__area=county),
    }
    labels = dict(SupportKind.choices)
    flows = []
    for direction, qs in parts.items():
        rows = qs.values("kind").annotate(n=Count("pk"), total=Sum("annual_value")).order_by("kind")
        flows += [Flow(direction, r["kind"], labels.get(r["kind"], r["kind"]), r["n"], r["total"] or Decimal(0))
                  for r in rows]
    return flows
