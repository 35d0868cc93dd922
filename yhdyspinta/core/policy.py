"""The permission questions core asks, answered by the app that knows users and memberships.

Core (RestrictedModel, the generic views, the API base, history, uploads) needs to know what a
user may do, but the rules live with the users and their memberships in the accounts app, which
is built on core. So core defines the questions here and the accounts app installs the answers
in its `AppConfig.ready()` (`policy.install(permissions)`); likewise the organisations app
installs its model (`install_organisation_model`). Core thus imports no app above it
(docs/architecture.md, "Layers"; the import-linter contracts in pyproject.toml).

Apps above accounts may import `yhdyspinta.accounts.permissions` directly; the functions are
the same.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

ALL = object()  # org_ids(): no restriction (superuser; national reader for "view")


class PermissionPolicy(Protocol):
    """What `install()` expects (accounts.permissions is one)."""

    def restrict(self, qs, user, action: str = "view"): ...
    def can(self, user, obj, action: str) -> bool: ...
    def can_add_for(self, user, organisation_ids) -> bool: ...
    def can_view_internal_of(self, user, organisation_ids) -> bool: ...
    def org_ids(self, user, action: str): ...


_installed: dict = {}


def install(policy: PermissionPolicy) -> None:
    _installed["policy"] = policy


def install_organisation_model(model) -> None:
    _installed["organisation_model"] = model


def _get(name):
    try:
        return _installed[name]
    except KeyError:
        raise ImproperlyConfigured(f"no {name.replace('_', ' ')} installed: are the accounts and "
                                   "organisations apps in INSTALLED_APPS?") from None


def restrict(qs, user, action: str = "view"):
    """`qs` narrowed to the records `user` may do `action` on (Model.objects.restrict)."""
    return _get("policy").restrict(qs, user, action)


def can(user, obj, action: str) -> bool:
    return _get("policy").can(user, obj, action)


def can_add_for(user, organisation_ids) -> bool:
    return _get("policy").can_add_for(user, organisation_ids)


def can_view_internal_of(user, organisation_ids) -> bool:
    return _get("policy").can_view_internal_of(user, organisation_ids)


def org_ids(user, action: str):
    """The ids of the organisations where `user` may do `action`, or ALL."""
    return _get("policy").org_ids(user, action)


def organisation_model():
    """The organisation model (organisations.Organisation), for core's pages that list or name them."""
    return _get("organisation_model")
