"""Organisations, their units and people (organisaatiot, yksiköt, henkilöt)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, RestrictedQuerySet, Visibility, visibility_field
from yhdyspinta.core.visibility import may_view


class OrganisationKind(models.TextChoices):
    COUNTY = "county", _("Wellbeing services county")
    MUNICIPALITY = "municipality", _("Municipality")
    JOINT_AUTHORITY = "joint_authority", _("Joint municipal authority")
    EDUCATION_PROVIDER = "education_provider", _("Education provider")
    NGO = "ngo", _("NGO")
    STATE_AUTHORITY = "state_authority", _("State authority")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class OrganisationQuerySet(RestrictedQuerySet):
    def active(self):
        return self.filter(valid_until__isnull=True)

    def organising_areas(self):
        """The 21 counties and Helsinki: those who organise sote and rescue services."""
        return self.active().filter(organises_sote=True)

    def counties(self):
        return self.active().filter(kind=OrganisationKind.COUNTY)

    def municipalities(self):
        return self.active().filter(kind=OrganisationKind.MUNICIPALITY)

    def in_area(self, area):
        """The cooperation area: the organising area and every organisation in it."""
        return self.filter(area=area)


class Organisation(RestrictedModel):
    """A county, municipality or other body. Ceased organisations are closed, never deleted."""

    org_paths = ("pk",)
    visibility_path = None  # organisations are public facts

    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices, db_index=True)
    code = models.CharField(
        _("official code"), max_length=20, blank=True,
        help_text=_("Statistics Finland code: municipality 3 digits, county 2 digits."),
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    area = models.ForeignKey(
        "self", verbose_name=_("organising area"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="area_members",
        help_text=_("The wellbeing services county (or Helsinki) whose cooperation area this belongs to."),
    )
    organises_sote = models.BooleanField(
        _("organises social, health and rescue services"), default=False,
        help_text=_("True for the 21 counties and for the City of Helsinki."),
    )
    area_code = models.CharField(_("organising area code"), max_length=2, blank=True)
    letter_code = models.CharField(_("map code"), max_length=4, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    business_id = models.CharField(_("business ID"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("ceased on"), null=True, blank=True, db_index=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("successor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="unique_code_per_kind"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation_detail", args=[self.pk])

    @property
    def is_active(self):
        return self.valid_until is None

    def involved_organisation_ids(self):
        return {self.pk} if self.pk else set()


class Unit(RestrictedModel):
    """A unit inside an organisation, as a tree: sector → service unit (toimiala → palveluyksikkö)."""

    org_paths = ("organisation",)
    visibility_path = None

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["organisation__name", "name"]

    def __str__(self):
        return f"{self.organisation} / {self.name}"

    def get_absolute_url(self):
        return reverse("organisations:unit_detail", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk and self.pk is not None or node.pk in seen:
                raise ValidationError({"parent": _("A unit cannot be its own ancestor.")})
            if node.organisation_id != self.organisation_id:
                raise ValidationError({"parent": _("The parent unit must belong to the same organisation.")})
            seen.add(node.pk)
            node = node.parent

    @property
    def depth(self):
        depth, node = 0, self.parent
        while node is not None and depth < 20:
            depth, node = depth + 1, node.parent
        return depth


class Person(RestrictedModel):
    """A person in the register (henkilö): sits on forums and owns interfaces without logging in."""

    org_paths = ("organisation",)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # a person's job title ("tehtävänimike"): its own context, so that the plain "title" of records
    # (otsikko) is not translated as a job title in the merged catalogue
    title = models.CharField(pgettext_lazy("person", "title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="people"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    visibility = visibility_field(
        Visibility.INTERNAL, help_text=_("Public: name, title and work contact may be shown to anyone."))
    user = models.OneToOneField(
        "accounts.User", verbose_name=_("user account"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self):
        return reverse("organisations:person_detail", args=[self.pk])

    def display_for(self, user) -> str:
        """THE rule for printing a linked person (owner, assessor, member, participant, signatory):
        the name to those who may see the person (`restrict(user, "view")`: public people, and
        internal people to their organisations' members), otherwise only "title, organisation".
        Pages, PDFs, iCal feeds, exports and the API all print people through this."""
        if may_view(user, self):
            return self.full_name
        return self.public_label()

    def public_label(self) -> str:
        """A person without the name: "Head of unit, Kunta A" (the role is public, the name not)."""
        from django.utils.translation import gettext

        title = (self.title or "").strip() or gettext("(name not public)")
        return f"{title}, {self.organisation}" if self.organisation_id else title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.unit_id and self.organisation_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("The unit must belong to the person's organisation.")})
