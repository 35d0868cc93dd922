"""Tilat: the premises register (buildings, premises, leases with option periods, shared use)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from yhdyspinta.core.history import BulkWrite
from yhdyspinta.core.models import RestrictedModel, Visibility, visibility_field

from . import rules


def _d(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


class Use(models.TextChoices):
    HEALTH = "health", _("Health care")
    SOCIAL = "social", _("Social services")
    SCHOOL = "school", _("School")
    DAYCARE = "daycare", _("Early childhood education")
    RESCUE = "rescue", _("Rescue services")
    OFFICE = "office", _("Office")
    HOUSING = "housing", _("Service housing")
    MIXED = "mixed", _("Mixed use")
    OTHER = "other", _("Other")


class RentBasis(models.TextChoices):
    COST = "cost", _("Cost-based (capital and maintenance costs, 616/2021)")
    MARKET = "market", _("Market rent")
    OTHER = "other", _("Other")


def validate_building_id(value):
    problem = rules.building_id_problem(value)
    if problem == "format":
        raise ValidationError(_("A permanent building identifier is nine digits and a check character, "
                                "e.g. 1234567892 (got %(value)s)."), params={"value": value}, code="format")
    if problem == "check":
        raise ValidationError(_("The check character of the permanent building identifier %(value)s is wrong."),
                              params={"value": value}, code="check")


class ImportedHistory:
    """The History page of a record a lease-list import added in bulk: its creation from the
    import's `ImportedRecord` row, beside its django-auditlog entries (`core.history`)."""

    imported_kind = ""

    @classmethod
    def history_entries(cls, pks) -> dict:
        from yhdyspinta.core.history import HistoryEntry

        ids = [int(pk) for pk in pks if str(pk).isdigit()]
        out: dict = {}
        for record in ImportedRecord.objects.filter(kind=cls.imported_kind, record_id__in=ids).select_related(
                "run__by").order_by("pk"):
            run = record.run
            out.setdefault(str(record.record_id), []).append(HistoryEntry(
                pk=-record.pk, timestamp=run.at, action=0, changes_dict=record.changes, actor=run.by, cid=run.cid,
                object_repr=str(run)))
        return out


class Building(ImportedHistory, RestrictedModel):
    """A building in the register; its owner organisation writes it."""

    imported_kind = "building"
    org_paths = ("owner",)

    name = models.CharField(_("name"), max_length=200)
    building_id = models.CharField(
        _("permanent building identifier"), max_length=10, blank=True, validators=[validate_building_id],
        help_text=_("Pysyvä rakennustunnus (VTJ-PRT), ten characters; optional."))
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.ForeignKey("organisations.Organisation", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="buildings_located",
                                     limit_choices_to={"kind": "municipality"})
    owner = models.ForeignKey("organisations.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="buildings_owned")
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=10, decimal_places=1, null=True, blank=True,
                                     validators=[MinValueValidator(Decimal(0))])
    use = models.CharField(_("use"), max_length=20, choices=Use.choices, default=Use.OTHER)
    visibility = visibility_field()

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ("name", "pk")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("facilities:building_detail", args=[self.pk])

    def clean(self):
        if self.building_id:
            self.building_id = self.building_id.strip().upper()


class Premise(ImportedHistory, RestrictedModel):
    """A part of a building (huonetila, toimitila) and who uses it."""

    imported_kind = "premise"
    org_paths = ("building__owner", "user_organisation")

    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.PROTECT,
                                 related_name="premises")
    name = models.CharField(_("name"), max_length=200)
    area = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=1, null=True, blank=True,
                               validators=[MinValueValidator(Decimal(0))])
    use = models.CharField(_("use"), max_length=20, choices=Use.choices, default=Use.OTHER)
    user_organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("user organisation"),
                                          on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="premises_used")
    user_unit = models.ForeignKey("organisations.Unit", verbose_name=_("user unit"), on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="premises")
    user_service = models.ForeignKey("catalogue.Service", verbose_name=_("service"), on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="premises")
    visibility = visibility_field()

    class Meta:
        verbose_name = _("premise")
        verbose_name_plural = _("premises")
        ordering = ("building__name", "name", "pk")

    def __str__(self):
        return f"{self.building} – {self.name}" if self.building_id else self.name

    def get_absolute_url(self):
        return reverse("facilities:premise_detail", args=[self.pk])

    def clean(self):
        if self.building_id and self.area is not None and self.building.floor_area is not None \
                and self.area > self.building.floor_area:
            raise ValidationError({"area": _("The premise (%(area)s m²) cannot be larger than its building "
                                             "(%(floor)s m²).") % {"area": self.area,
                                                                   "floor": self.building.floor_area}})


class Lease(ImportedHistory, RestrictedModel):
    """A lease between the owner (landlord) and a tenant organisation; the prices may be internal."""

    imported_kind = "lease"
    org_paths = ("landlord", "tenant")

    premise = models.ForeignKey(Premise, verbose_name=_("premise"), on_delete=models.PROTECT,
                                related_name="leases")
    landlord = models.ForeignKey("organisations.Organisation", verbose_name=_("landlord"),
                                 on_delete=models.PROTECT, related_name="leases_given")
    tenant = models.ForeignKey("organisations.Organisation", verbose_name=_("tenant"),
                               on_delete=models.PROTECT, related_name="leases_taken")
    reference = models.CharField(_("lease reference"), max_length=100, blank=True,
                                 help_text=_("The lease's number in the owner's register."))
    starts_on = models.DateField(pgettext_lazy("lease", "term starts"))
    ends_on = models.DateField(pgettext_lazy("lease", "term ends"), null=True, blank=True,
                               help_text=_("Empty for a lease until further notice."))
    notice_months = models.PositiveSmallIntegerField(_("notice period (months)"), null=True, blank=True)
    transitional = models.BooleanField(
        _("transitional lease (616/2021 § 22)"), default=False,
        help_text=_("A municipal premise leased to the county at the reform: the minimum term applies."))
    rent_basis = models.CharField(_("rent basis"), max_length=10, choices=RentBasis.choices, default=RentBasis.COST)
    internal_capital_cost = models.DecimalField(_("capital cost (€/year)"), max_digits=14, decimal_places=2,
                                                null=True, blank=True, validators=[MinValueValidator(Decimal(0))])
    internal_maintenance_cost = models.DecimalField(_("maintenance cost (€/year)"), max_digits=14,
                                                    decimal_places=2, null=True, blank=True,
                                                    validators=[MinValueValidator(Decimal(0))])
    internal_rent_note = models.TextField(_("rent terms"), blank=True)
    index_clause = models.CharField(_("index clause"), max_length=300, blank=True,
                                    help_text=_("E.g. the cost-of-living index, checked every January."))
    reminder_days = models.PositiveSmallIntegerField(_("remind days before"), default=90,
                                                     validators=[MaxValueValidator(730)])
    visibility = visibility_field()

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ("starts_on", "pk")

    def __str__(self):
        label = self.reference or str(self.premise) if self.premise_id else self.reference
        return f"{label} ({self.tenant})" if self.tenant_id else label

    def get_absolute_url(self):
        return reverse("facilities:lease_detail", args=[self.pk])

    @property
    def annual_rent(self):
        parts = [p for p in (self.internal_capital_cost, self.internal_maintenance_cost) if p is not None]
        return sum(parts, Decimal(0)) if parts else None

    @property
    def notice_deadline(self):
        return rules.notice_deadline(self.ends_on, self.notice_months)

    def clean(self):
        errors = {}
        if self.landlord_id and self.landlord_id == self.tenant_id:
            errors["tenant"] = _("The tenant must be another organisation than the landlord.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The lease cannot end before it starts (%(date)s).") % {"date": _d(self.starts_on)}
        elif self.transitional and self.starts_on:
            least = rules.minimum_end(self.starts_on)
            if self.ends_on is not None and self.ends_on < least:
                rule = rules.RULES["minimum_term_years"]
                errors["ends_on"] = _(
                    "A transitional lease runs at least %(years)s years (%(source)s): it may end on %(date)s "
                    "at the earliest.") % {"years": rule.value, "source": rule.source, "date": _d(least)}
        if errors:
            raise ValidationError(errors)


class LeaseOption(ImportedHistory, RestrictedModel):
    """An option period after the lease term: when it runs and by when the tenant must use it."""

    imported_kind = "option"
    history_parent = "lease"
    org_paths = ("lease__landlord", "lease__tenant")
    visibility_path = "lease__visibility"

    lease = models.ForeignKey(Lease, verbose_name=_("lease"), on_delete=models.CASCADE, related_name="options")
    starts_on = models.DateField(_("option starts"))
    ends_on = models.DateField(_("option ends"))
    exercise_by = models.DateField(_("use the option by"), null=True, blank=True)
    statutory = models.BooleanField(_("statutory option (616/2021 § 22)"), default=False)

    class Meta:
        verbose_name = _("option period")
        verbose_name_plural = _("option periods")
        ordering = ("lease", "starts_on", "pk")

    def __str__(self):
        return f"{_d(self.starts_on)}–{_d(self.ends_on)}" if self.starts_on and self.ends_on else "–"

    def get_absolute_url(self):
        return reverse("facilities:lease_detail", args=[self.lease_id])

    def clean(self):
        # The lease may be an unsaved one of the same import (actions.import_leases), which also
        # gives the other option periods of the lease in `_siblings` instead of a query.
        lease = self.lease if self.lease_id or LeaseOption.lease.is_cached(self) else None
        if not (lease is not None and self.starts_on and self.ends_on):
            return
        if self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The option period cannot end before it starts.")})
        if lease.ends_on is None:
            raise ValidationError({"lease": _("A lease until further notice has no option periods.")})
        if self.starts_on <= lease.ends_on:
            raise ValidationError({"starts_on": _(
                "An option period must begin after the lease term, which ends on %(date)s.") % {
                "date": _d(lease.ends_on)}})
        if self.exercise_by and self.exercise_by >= self.starts_on:
            raise ValidationError({"exercise_by": _("The option must be used before its period begins.")})
        siblings = self.__dict__.get("_siblings")
        if siblings is None:
            other = lease.options.exclude(pk=self.pk).filter(starts_on__lte=self.ends_on,
                                                             ends_on__gte=self.starts_on).first()
        else:
            other = next((o for o in siblings if o is not self and o.starts_on <= self.ends_on
                          and o.ends_on >= self.starts_on), None)
        if other is not None:
            raise ValidationError({"starts_on": _("The option period overlaps the option period %(other)s.") % {
                "other": other}})


class LeaseImport(BulkWrite):
    """One lease-list import (`actions.import_leases`): the file, who, when, the request id and
    what it added and changed. Saved through the ORM inside the import's audited transaction, so
    django-auditlog records it (actor, time, client address, request id); the records it added
    in bulk have an `ImportedRecord` row each (docs/audit.md, "Bulk writes"). File, time, who and
    request id: `core.history.BulkWrite`."""

    buildings = models.PositiveIntegerField(_("buildings added"), default=0)
    premises = models.PositiveIntegerField(_("premises added"), default=0)
    leases = models.PositiveIntegerField(_("leases added"), default=0)
    leases_changed = models.PositiveIntegerField(_("leases changed"), default=0)
    options = models.PositiveIntegerField(_("option periods added"), default=0)

    class Meta:
        verbose_name = _("lease-list import")
        verbose_name_plural = _("lease-list imports")
        ordering = ("-at", "-pk")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {_('lease-list import')} {self.file_name}".strip()


class ImportedRecord(models.Model):
    """A building, premise, lease or option period a `LeaseImport` added, with its values then
    ({field: [old, new]} as text, as django-auditlog writes them). `record_id` is a plain number,
    so the record of the creation outlives the record (as auditlog's entries do). Not itself in
    django-auditlog: it is the change log of the bulk path."""

    KINDS = (("building", _("building")), ("premise", _("premise")), ("lease", _("lease")),
             ("option", _("option period")))

    run = models.ForeignKey(LeaseImport, on_delete=models.PROTECT, related_name="records", verbose_name=_("import"))
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    record_id = models.BigIntegerField(_("record"))
    changes = models.JSONField(_("values"), default=dict)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        indexes = (models.Index(fields=("kind", "record_id"), name="facilities_imported_record"),)

    def __str__(self):
        return f"{self.kind} #{self.record_id}"


class SharedUse(RestrictedModel):
    """Who uses a premise and what share of its hours and area (yhteiskäyttö)."""

    history_parent = "premise"
    org_paths = ("premise__building__owner", "organisation")
    visibility_path = "premise__visibility"

    premise = models.ForeignKey(Premise, verbose_name=_("premise"), on_delete=models.CASCADE,
                                related_name="shared_uses")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="shared_premises")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="shared_premises")
    share_of_hours = models.DecimalField(_("share of hours (%)"), max_digits=5, decimal_places=1, default=0,
                                         validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))])
    share_of_area = models.DecimalField(_("share of area (%)"), max_digits=5, decimal_places=1, default=0,
                                        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("shared use")
        verbose_name_plural = _("shared uses")
        ordering = ("premise", "organisation", "pk")

    def __str__(self):
        return f"{self.organisation} – {self.premise}" if self.premise_id and self.organisation_id else "–"

    def get_absolute_url(self):
        return reverse("facilities:premise_detail", args=[self.premise_id])

    def clean(self):
        if not self.premise_id:
            return
        others = SharedUse.objects.filter(premise_id=self.premise_id).exclude(pk=self.pk)
        errors = {}
        for field, label in (("share_of_hours", _("hours")), ("share_of_area", pgettext("floor area", "area"))):
            own = getattr(self, field) or Decimal(0)
            rest = others.aggregate(total=models.Sum(field))["total"] or Decimal(0)
            if own + rest > 100:
                errors[field] = _("The shares of %(what)s of this premise would total %(total)s %% (at most 100 %%); "
                                  "the others already use %(rest)s %%.") % {
                    "what": label, "total": own + rest, "rest": rest}
        if errors:
            raise ValidationError(errors)


class SupportKind(models.TextChoices):
    MEALS = "meals", _("Meals")
    CLEANING = "cleaning", _("Cleaning")
    ICT = "ict", _("ICT")
    PROPERTY = "property", _("Property maintenance")
    PAYROLL = "payroll", _("Payroll")
    OTHER = "other", _("Other")


class SupportService(RestrictedModel):
    """A support service one organisation provides to another (tukipalvelu): volume, price, term."""

    org_paths = ("provider", "recipient")

    kind = models.CharField(_("kind"), max_length=20, choices=SupportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    provider = models.ForeignKey("organisations.Organisation", verbose_name=_("provider"), on_delete=models.PROTECT,
                                 related_name="support_provided")
    recipient = models.ForeignKey("organisations.Organisation", verbose_name=_("recipient"),
                                  on_delete=models.PROTECT, related_name="support_received")
    volume = models.DecimalField(_("volume per year"), max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal(0))])
    volume_unit = models.CharField(_("unit of volume"), max_length=50, blank=True,
                                   help_text=_("E.g. meals, m², workstations, payslips."))
    unit_price = models.DecimalField(_("unit price (€)"), max_digits=14, decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(Decimal(0))])
    annual_value = models.DecimalField(_("annual value (€)"), max_digits=16, decimal_places=2, null=True,
                                       blank=True, validators=[MinValueValidator(Decimal(0))],
                                       help_text=_("Empty: volume × unit price."))
    starts_on = models.DateField(pgettext_lazy("lease", "term starts"), null=True, blank=True)
    ends_on = models.DateField(pgettext_lazy("lease", "term ends"), null=True, blank=True)
    contact = models.ForeignKey("organisations.Person", verbose_name=_("contact person"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="support_services")
    agreement = models.ForeignKey("cooperation.Agreement", verbose_name=_("agreement"), on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="support_services")
    visibility = visibility_field()

    class Meta:
        verbose_name = _("support service")
        verbose_name_plural = _("support services")
        ordering = ("kind", "title", "pk")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("facilities:support_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.provider_id and self.provider_id == self.recipient_id:
            errors["recipient"] = _("The recipient must be another organisation than the provider.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The term cannot end before it starts (%(date)s).") % {"date": _d(self.starts_on)}
        if errors:
            raise ValidationError(errors)
        if self.annual_value is None and self.volume is not None and self.unit_price is not None:
            self.annual_value = (self.volume * self.unit_price).quantize(Decimal("0.01"))


class SchoolLevel(models.TextChoices):
    BASIC = "basic", _("Basic education")
    GENERAL_UPPER_SECONDARY = "general_upper_secondary", _("General upper secondary education")
    VOCATIONAL = "vocational", _("Vocational education")


class WelfareKind(models.TextChoices):
    """The student-welfare services of the proximity principle (opiskeluhuollon palvelut)."""

    HEALTH = "health", _("School health care")
    CURATOR = "curator", _("School curator")
    PSYCHOLOGIST = "psychologist", _("School psychologist")


SCHOOL_ORGANISATION_KINDS = ("municipality", "joint_authority", "education_provider")


class School(RestrictedModel):
    """A school: a unit of an education provider's basic or upper-secondary education
    (organisations.Unit), where it is, its building and its pupil count (a number only; no
    personal data). Written by the unit's organisation (and its county's coordinator)."""

    org_paths = ("unit__organisation", "municipality")

    unit = models.OneToOneField("organisations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                                related_name="school",
                                help_text=_("The school as a unit of its education provider's organisation."))
    municipality = models.ForeignKey("organisations.Organisation", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="schools",
                                     limit_choices_to={"kind": "municipality"},
                                     help_text=_("The municipality where the school is."))
    level = models.CharField(_("level of education"), max_length=30, choices=SchoolLevel.choices,
                             default=SchoolLevel.BASIC)
    school_code = models.CharField(_("school code"), max_length=10, blank=True,
                                   help_text=_("The school's number in the national register of educational "
                                               "institutions, if known (digits)."))
    building = models.ForeignKey(Building, verbose_name=_("main building"), on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="schools")
    pupils = models.PositiveIntegerField(_("pupils"), null=True, blank=True)
    pupils_counted_on = models.DateField(_("pupils counted on"), null=True, blank=True)
    visibility = visibility_field()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ("municipality__name", "unit__name", "pk")
        constraints = (models.UniqueConstraint(fields=("school_code",), condition=~models.Q(school_code=""),
                                               name="facilities_school_code_unique"),)

    def __str__(self):
        return self.unit.name if self.unit_id else "–"

    def get_absolute_url(self):
        return reverse("facilities:school_detail", args=[self.pk])

    def clean(self):
        errors = {}
        self.school_code = (self.school_code or "").strip()
        if self.school_code and not self.school_code.isdigit():
            errors["school_code"] = _("A school code is digits only (got %(value)s).") % {"value": self.school_code}
        unit = self.unit if self.unit_id else None
        if unit is not None:
            owner = unit.organisation
            if owner.kind not in SCHOOL_ORGANISATION_KINDS:
                errors["unit"] = _("A school is a unit of a municipality, a joint municipal authority or an "
                                   "education provider, not of %(organisation)s.") % {"organisation": owner}
            elif owner.kind == "municipality" and self.municipality_id and owner.pk != self.municipality_id:
                errors["municipality"] = _("A municipality's school is in that municipality (%(organisation)s).") % {
                    "organisation": owner}
        if errors:
            raise ValidationError(errors)


class WelfareService(RestrictedModel):
    """A student-welfare service present on a school's premises: how many days a week, who provides
    it (usually the wellbeing services county) and in which premise."""

    history_parent = "school"
    org_paths = ("school__unit__organisation", "school__municipality", "provider")
    visibility_path = "school__visibility"

    school = models.ForeignKey(School, verbose_name=_("school"), on_delete=models.CASCADE,
                               related_name="welfare_services")
    kind = models.CharField(_("service"), max_length=20, choices=WelfareKind.choices)
    provider = models.ForeignKey("organisations.Organisation", verbose_name=_("provider"), on_delete=models.PROTECT,
                                 related_name="welfare_services_provided")
    days_per_week = models.DecimalField(
        _("days per week on site"), max_digits=2, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(5))],
        help_text=_("Days a week the service is present in the school, 0.1–5 (e.g. 2.5)."))
    premise = models.ForeignKey(Premise, verbose_name=_("premise"), on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="welfare_services", help_text=_("The room the service uses."))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("student-welfare service on site")
        verbose_name_plural = _("student-welfare services on site")
        ordering = ("school", "kind", "pk")
        constraints = (models.UniqueConstraint(fields=("school", "kind"), name="facilities_welfare_one_per_kind"),)

    def __str__(self):
        if not self.school_id:
            return self.get_kind_display()
        return f"{self.school} – {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("facilities:school_detail", args=[self.school_id])

    def clean(self):
        if not self.school_id:
            return
        if self.kind and WelfareService.objects.filter(school_id=self.school_id, kind=self.kind).exclude(
                pk=self.pk).exists():
            raise ValidationError({"kind": _("This school already has its %(service)s recorded; change that "
                                             "record instead.") % {"service": self.get_kind_display().lower()}})
        school = self.school
        allowed = {school.municipality.area_id, school.unit.organisation_id} if school.municipality_id else set()
        if self.provider_id and allowed and self.provider_id not in allowed:
            raise ValidationError({"provider": _(
                "The provider is the wellbeing services county of the school's area or the school's own "
                "education provider (1287/2013 9 §).")})
        municipality = school.municipality_id
        if self.premise_id and municipality and self.premise.building.municipality_id != municipality:
            raise ValidationError({"premise": _("The premise must be in the school's municipality "
                                                "(%(municipality)s): in the school or right next to it.") % {
                "municipality": self.school.municipality}})


__all__ = ["Building", "ImportedRecord", "Lease", "LeaseImport", "LeaseOption", "Premise", "RentBasis", "School", "SchoolLevel", "SharedUse", "SupportKind",
           "SupportService", "Use", "Visibility", "WelfareKind", "WelfareService"]
