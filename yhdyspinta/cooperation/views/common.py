"""Helpers shared by the cooperation pages."""

from django.utils import timezone

from yhdyspinta.accounts.permissions import can_view_internal_of

from ..models.common import forum_org_ids


def insider(user, forum) -> bool:
    """May `user` read the internal parts (bodies, attachments, unchecked minutes) of this forum?"""
    return can_view_internal_of(user, forum_org_ids(forum))


def year_param(request, default=None) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = default or timezone.localdate().year
    return min(max(year, 2000), 2100)
