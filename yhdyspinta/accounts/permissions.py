"""The permission resolver: which organisations a user may read, edit or administer.

Rules (docs/permissions.md):
- superuser: everything; national reader: reads everything, writes nothing;
- viewer: reads internal records of the organisation; editor and org admin: also write them;
  org admin: also manages memberships;
- county coordinator (on a county): reads and writes the records of the county's whole
  cooperation area (the county, its municipalities and the other organisations of the area);
- anonymous visitors and everybody else: public records only.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, Q

from yhdyspinta.core.policy import ALL  # no restriction; core asks these rules via core.policy
from yhdyspinta.organisations.models import Organisation

WRITE_ROLES = {"editor", "org_admin", "county_coordinator"}
ADMIN_ROLES = {"org_admin", "county_coordinator"}


def org_ids(user, action: str):
    """The set of organisation ids where `user` may do `action` (view/add/change/delete/admin), or ALL."""
    if user is None or not user.is_authenticated:
        return set()
    if user.is_superuser:
        return ALL
    if action == "view" and user.is_national_reader:
        return ALL
    cache = user.__dict__.setdefault("_yp_org_ids", {})
    if action in cache:
        return cache[action]
    memberships = list(user.memberships.values_list("organisation_id", "role"))
    roles = WRITE_ROLES if action in ("add", "change", "delete") else ADMIN_ROLES if action == "admin" else None
    ids: set[int] = set()
    areas: set[int] = set()
    for org_id, role in memberships:
        if roles is None or role in roles:
            ids.add(org_id)
            if role == "county_coordinator":
                areas.add(org_id)
    if areas:
        ids.update(Organisation.objects.filter(area_id__in=areas).values_list("pk", flat=True))
    cache[action] = ids
    return ids


def _crosses_many(model, path: str) -> bool:
    opts = model._meta
    for part in path.split("__"):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        opts = field.related_model._meta
    return False


def _reader_q(model, path: str, ids):
    """`path`'s organisations in `ids`, as an IN subquery from the last record before the path
    crosses a to-many relation (a roadmap's reporting regions), so it never needs the correlated
    EXISTS below: `period__roadmap__reporting_regions__organisation` becomes
    `period__roadmap IN (roadmaps with a reporting region in ids)`."""
    opts, hops = model._meta, path.split("__")
    for index, part in enumerate(hops):
        field = opts.get_field(part)
        if field.many_to_many or field.one_to_many:
            prefix, rest = "__".join(hops[:index]), "__".join(hops[index:])
            inner = opts.model._base_manager.filter(**{f"{rest}__in": ids}).values("pk")
            return Q(**{f"{prefix}__in" if prefix else "pk__in": inner})
        if not field.is_relation:
            break
        opts = field.related_model._meta
    return Q(**{f"{path}__in": ids})


def restrict(qs, user, action: str = "view"):
    """`action` "view_internal": the records whose internal parts `user` may read (the rule of
    can_view_internal_of over the involved organisations, `org_paths`), for text search."""
    model = qs.model
    if action == "view_internal":
        return _insiders(qs, user)
    if hasattr(model, "restrict_queryset"):
        return model.restrict_queryset(qs, user, action)
    ids = org_ids(user, action)
    if ids is ALL:
        return qs
    paths = getattr(model, "org_paths", ())
    readers = getattr(model, "reader_paths", ())
    if action == "view":
        readers = tuple(p for p in readers if p not in paths)
    else:  # a path both involved and a reader's (a round's area members) only reads
        paths, readers = tuple(p for p in paths if p not in readers), ()
    q_orgs = Q()
    for path in paths:
        q_orgs |= Q(**{f"{path}__in": ids})
    for path in readers:
        q_orgs |= _reader_q(model, path, ids)
    if not (paths or readers) or not ids:
        q_orgs = Q(pk__in=[])
    if action == "view":
        visibility = getattr(model, "visibility_path", "visibility")
        if visibility is None:
            return qs
        q = Q(**{visibility: "public"}) | q_orgs
    else:
        q = q_orgs
    if any(_crosses_many(model, p) for p in paths) or (
        action == "view" and visibility and _crosses_many(model, visibility)
    ):
        # A correlated EXISTS, not `pk IN (all visible rows)`: the database checks only the rows the
        # other filters leave (a county's meetings of one year), instead of first building the
        # whole visible set of the country (1.7 s for the annual clock at national scale).
        return qs.filter(Exists(model._base_manager.filter(q, pk=OuterRef("pk"))))
    return qs.filter(q)


def _insiders(qs, user):
    ids = org_ids(user, "view")
    if ids is ALL:
        return qs
    paths = getattr(qs.model, "org_paths", ())
    if not paths or not ids:
        return qs.none()
    q = Q()
    for path in paths:
        q |= Q(**{f"{path}__in": ids})
    if any(_crosses_many(qs.model, p) for p in paths):
        return qs.filter(Exists(qs.model._base_manager.filter(q, pk=OuterRef("pk"))))
    return qs.filter(q)


def can(user, obj, action: str) -> bool:
    """May `user` do `action` on the saved record `obj`? (The same rule as restrict().)"""
    model = type(obj)
    return restrict(model._base_manager.filter(pk=obj.pk), user, action).exists()


def can_add_for(user, organisation_ids) -> bool:
    """May `user` add a record involving these organisations? Needs write rights on one of them."""
    ids = org_ids(user, "add")
    if ids is ALL:
        return True
    return bool(set(organisation_ids) & ids)


def can_view_internal_of(user, organisation_ids) -> bool:
    """For field groups and attachments: may `user` see internal parts of a record of these orgs?"""
    ids = org_ids(user, "view")
    return ids is ALL or bool(set(organisation_ids) & ids)
