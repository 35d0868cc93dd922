"""May this user see that linked record? The per-object form of `restrict(user, "view")`.

Pages print records reached through links (an action's owner, a report's goals, a duty's
evidence); a link does not make the linked record visible. `may_view(user, obj)` answers with
the same rule as `Model.objects.restrict(user, "view")`, without a query for public records
and, thanks to the per-user cache of organisation ids, usually without one for internal ones.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext

from yhdyspinta.core.middleware import current_request
from yhdyspinta.core.policy import can, can_view_internal_of


def may_view(user, obj) -> bool:
    """True when `user` may see `obj` (a saved record), as `restrict(user, "view")` would say."""
    if obj is None:
        return False
    model = type(obj)
    if not hasattr(model, "org_paths") or not hasattr(model.objects, "restrict"):
        return True  # not a restricted record (an indicator, a region): public reference data
    if hasattr(model, "restrict_queryset") or getattr(model, "reader_paths", ()):
        return can(user or AnonymousUser(), obj, "view")  # readers are not among its involved organisations
    if not obj.is_internal:
        return True
    return can_view_internal_of(user or AnonymousUser(), obj.involved_organisation_ids())


def visible_only(user, records):
    """The records (a queryset, manager or iterable) that `user` may see, in their order."""
    if records is None:
        return []
    if hasattr(records, "restrict"):
        return records.restrict(user or AnonymousUser(), "view")
    return [r for r in records if may_view(user, r)]


def account_label(user, account) -> str:
    """A user account printed as a linked person (who recorded, retracted, answered).

    An account linked to a register person follows the person (`Person.display_for`); another
    account's name is shown to members of the account's organisations (and national readers),
    otherwise only "(name not public)"."""
    person = getattr(account, "person", None) if account.pk else None
    if person is not None:
        return person.display_for(user)
    orgs = set(account.memberships.values_list("organisation_id", flat=True))
    if can_view_internal_of(user or AnonymousUser(), orgs):
        return account.get_full_name() or account.get_username()
    return gettext("(name not public)")


def current_reader():
    """The user of the request being served (anonymous outside a request): for code that prints
    linked records without being handed the user (an iCalendar feed, a table export)."""
    user = getattr(current_request(), "user", None)
    return user if user is not None else AnonymousUser()
