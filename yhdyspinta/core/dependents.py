"""What keeps a record from being deleted, told to the user without leaking what they may not see.

A delete refused by the database model (`on_delete=PROTECT` raises `ProtectedError`,
`RESTRICT` raises `RestrictedError`) names the records that depend on the one being deleted.
The delete page and the API list them: the names of those the user may view, and only a count
of the others ("3 hidden records"), so a refusal never discloses an internal record's name.
"""

from collections import defaultdict

from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

MAX_LISTED = 50  # the page and the API name at most this many; the rest are counted

BLOCKING_ERRORS = (ProtectedError, RestrictedError)


def blocking_objects(exc) -> list:
    objects = getattr(exc, "protected_objects", None)
    if objects is None:
        objects = getattr(exc, "restricted_objects", ())
    return list(objects)


def _restricted(model) -> bool:
    return hasattr(getattr(model, "objects", None), "restrict")


def _visible_pks(model, pks, user) -> set:
    if not _restricted(model):
        # not a RestrictedModel (a link row, a user): its name is for those who see everything
        return set(pks) if getattr(user, "is_superuser", False) else set()
    return set(model.objects.restrict(user, "view").filter(pk__in=pks).values_list("pk", flat=True))


def describe(exc, user) -> dict:
    """{"visible": [{"model", "name", "url"}], "more": n, "hidden": n} for a Protected/RestrictedError.

    `more`: records the user may view beyond the first MAX_LISTED; `hidden`: those they may not.
    """
    by_model = defaultdict(list)
    for obj in blocking_objects(exc):
        by_model[type(obj)].append(obj)
    # A link row (an interface's owner) is named and checked through the record it belongs to.
    for model in [m for m in by_model if not _restricted(m) and getattr(m, "history_parent", None)]:
        for obj in by_model.pop(model):
            parent = getattr(obj, model.history_parent, None)
            if parent is not None:
                by_model[type(parent)].append(parent)
    visible, more, hidden = [], 0, 0
    for model, objects in sorted(by_model.items(), key=lambda kv: kv[0]._meta.label):
        objects = list({o.pk: o for o in objects}.values())
        shown = _visible_pks(model, [o.pk for o in objects], user)
        for obj in sorted(objects, key=lambda o: str(o.pk)):
            if obj.pk not in shown:
                hidden += 1
            elif len(visible) >= MAX_LISTED:
                more += 1
            else:
                visible.append({"model": str(model._meta.verbose_name), "name": str(obj), "url": _url(obj)})
    return {"visible": visible, "more": more, "hidden": hidden}


def _url(obj) -> str:
    try:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    except Exception:  # noqa: BLE001 - a record without a page of its own is named without a link
        return ""


def refusal_message(obj) -> str:
    return _("“%(name)s” cannot be deleted: other records depend on it. "
             "Remove those links first, then delete.") % {"name": obj}
