"""The accounts' entries of the load-test plan (`manage.py trust_load_plan`): the generated users."""

from .models import User
from .synthetic import USER_PREFIX


def contribute(plan: dict) -> None:
    plan["users"] += list(User.objects.filter(username__startswith=USER_PREFIX).order_by("username")
                          .values_list("username", flat=True)[:300])
