"""Link fields offer and accept only records the user may view (NetBox's restrict_form_fields()).

A <select> of goals, people or agreements is a list of records like any other: built from
`Model.objects.all()` it would print internal records' names to anyone who opens the form, and
it would let an editor link another county's internal record to a public one (which then shows
it to everybody). `RestrictedFormMixin` passes every ModelChoiceField and
ModelMultipleChoiceField through `restrict(user, "view")`, on top of any narrower list the form
sets itself (parents the user may change, a county's recent meetings). A hidden id is
refused exactly like a missing one ("Select a valid choice"), before the form's own checks.

The one place for organisation pickers as well: a form lists in `organisation_fields` the fields
that choose which organisation a new record belongs to (an owner, an organiser); they offer only
ACTIVE organisations the user may add records for (`org_ids(user, "add")`), on top of the
field's own list (e.g. `organising_areas()`). Fields that name other parties (an agreement's
parties, a forum's organisations) are not listed there and keep offering every organisation.
`restrict_form_fields(form, user)` applies both to any form (NetBox's restrict_form_fields()).
"""

from django import forms
from django.contrib.auth.models import AnonymousUser

from yhdyspinta.core import pickers
from yhdyspinta.core.policy import ALL, org_ids


def restrict_form_field(field, user) -> None:
    """Narrow one choice field's queryset to what `user` may view (once per queryset object)."""
    if not isinstance(field, forms.ModelChoiceField):
        return
    queryset = field.queryset
    if queryset is None or getattr(field, "_restricted_queryset", None) is queryset:
        return
    if hasattr(queryset, "restrict"):
        field.queryset = queryset.restrict(user, "view")
    field._restricted_queryset = field.queryset
    pickers.adopt(field)  # a long list becomes a searchable picker


def writable_organisations(user, queryset):
    """The active organisations of `queryset` (of organisations) that `user` may add records for."""
    qs = queryset.filter(valid_until__isnull=True)
    ids = org_ids(user, "add")
    return qs if ids is ALL else qs.filter(pk__in=ids)


def restrict_organisation_field(field, user) -> None:
    """Narrow an organisation picker to the active organisations `user` may add for (once per queryset)."""
    queryset = field.queryset
    if queryset is None or getattr(field, "_writable_queryset", None) is queryset:
        return
    field.queryset = writable_organisations(user, queryset)
    field._writable_queryset = field.queryset


def restrict_form_fields(form, user, organisation_fields=()) -> None:
    """Every record-picking field of `form` offers only what `user` may view; the fields named in
    `organisation_fields` only the active organisations `user` may add for."""
    for name, field in form.fields.items():
        if name in organisation_fields and isinstance(field, forms.ModelChoiceField):
            restrict_organisation_field(field, user)
        restrict_form_field(field, user)


class RestrictedFormMixin:
    """First base of every form with link fields: `Form(..., user=request.user)`.

    The restriction is applied after the form's own __init__ and again whenever a field is used
    (rendered or cleaned), so a queryset a subclass sets later is restricted as well. Without a
    user the form offers what an anonymous visitor may see.
    """

    accepts = ("user",)
    # Fields choosing the organisation a record is added for: active organisations the user may add for.
    organisation_fields: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        self.user = user if user is not None else AnonymousUser()
        super().__init__(*args, **kwargs)
        self.restrict_fields()

    def restrict_fields(self) -> None:
        restrict_form_fields(self, self.user, self.organisation_fields)

    def __getitem__(self, name):
        field = self.fields.get(name)
        if field is not None:
            if name in self.organisation_fields and isinstance(field, forms.ModelChoiceField):
                restrict_organisation_field(field, self.user)
                self._preselect_only_choice(name, field)
            restrict_form_field(field, self.user)
        return super().__getitem__(name)

    def _preselect_only_choice(self, name, field) -> None:
        """A new record's required organisation with one possible choice (a coordinator of one
        county) is chosen already (walk 6 #6, #17)."""
        if self.is_bound or not field.required or self.initial.get(name) not in (None, "") \
                or isinstance(field, forms.ModelMultipleChoiceField) or name in self._bound_fields_cache:
            return
        only = list(field.queryset.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            self.initial[name] = only[0]

    def full_clean(self):
        self.restrict_fields()
        super().full_clean()
