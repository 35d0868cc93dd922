"""Link fields offer and accept only records the user may view (NetBox's restrict_form_fields()).

A <select> of goals, people or agreements is a list of records like any other: built from
`Model.objects.all()` it would print internal records' names to anyone who opens the form, and
it would let an editor link another county's internal record to a public one (which then shows
it to everybody). `RestrictedFormMixin` passes every ModelChoiceField and
ModelMultipleChoiceField through `restrict(user, "view")`, on top of any narrower list the form
sets itself (organisations the user may add for, parents the user may change). A hidden id is
refused exactly like a missing one ("Select a valid choice"), before the form's own checks.
"""

from django import forms
from django.contrib.auth.models import AnonymousUser


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


class RestrictedFormMixin:
    """First base of every form with link fields: `Form(..., user=request.user)`.

    The restriction is applied after the form's own __init__ and again whenever a field is used
    (rendered or cleaned), so a queryset a subclass sets later is restricted as well. Without a
    user the form offers what an anonymous visitor may see.
    """

    accepts = ("user",)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user if user is not None else AnonymousUser()
        super().__init__(*args, **kwargs)
        self.restrict_fields()

    def restrict_fields(self) -> None:
        for field in self.fields.values():
            restrict_form_field(field, self.user)

    def __getitem__(self, name):
        field = self.fields.get(name)
        if field is not None:
            restrict_form_field(field, self.user)
        return super().__getitem__(name)

    def full_clean(self):
        self.restrict_fields()
        super().full_clean()
