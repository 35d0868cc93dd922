"""core.admin.ReadOnlyAdminMixin: the access log, API tokens and invitations are shown in the
admin, never added, changed or deleted there (even by a superuser)."""

import pytest
from django.contrib import admin

from conftest import client_for
from yhdyspinta.accounts.models import ApiToken, Invitation
from yhdyspinta.core.admin import ReadOnlyAdminMixin
from yhdyspinta.core.models import AccessLog


@pytest.mark.parametrize("model", [AccessLog, ApiToken, Invitation])
def test_the_admin_lists_but_never_adds(world, model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, ReadOnlyAdminMixin)
    opts = model._meta
    client = client_for(world.admin)
    assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/").status_code == 200
    assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/").status_code == 403
    request = type("Request", (), {"user": world.admin})()
    assert not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
                or model_admin.has_delete_permission(request))
