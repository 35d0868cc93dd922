import pytest
from django.core.management import CommandError, call_command

from yhdyspinta.accounts.models import Membership, User

pytestmark = pytest.mark.django_db


def test_add_user_with_role(world, capsys):
    call_command("add_user", "uusi", organisation=f"municipality:{world.a1.code}", role="editor", password="pw-123456789")
    user = User.objects.get(username="uusi")
    assert user.check_password("pw-123456789")
    assert Membership.objects.get(user=user).role == "editor"


def test_unknown_organisation_is_a_clear_error(world):
    with pytest.raises(CommandError, match="no organisation"):
        call_command("add_user", "x", organisation="municipality:999x")
    assert not User.objects.filter(username="x").exists()  # nothing half-saved


def test_demo_loads_users_and_is_idempotent():
    call_command("load_demo", only=["accounts", "organisations"])
    call_command("load_demo", only=["accounts", "organisations"])
    assert User.objects.filter(username="koordinaattori").count() == 1
    assert User.objects.get(username="admin").is_superuser
