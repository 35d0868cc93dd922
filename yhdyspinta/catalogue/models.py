"""Services, interfaces and their maturity, templates and mapping rounds (yhdyspintarekisteri)."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, Visibility, visibility_field

from .choices import Answer, ClientGroup, Dimension, Level, Maturity, ServiceField, Theme

HELSINKI = ZoneInfo("Europe/Helsinki")


def _text(label, help_text=""):
    return models.TextField(label, blank=True, help_text=help_text)


class Service(RestrictedModel):
    """Palvelu: what one organisation (and unit) provides, with its legal basis."""

    org_paths = ("organisation",)

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organiser"), on_delete=models.PROTECT,
        related_name="catalogue_services",
    )
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="catalogue_services",
    )
    field = models.CharField(_("field"), max_length=32, choices=ServiceField.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    description = _text(_("description"))
    how_to_get = _text(_("how to get the service"), _("Plain language for residents: whom to contact and how."))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True,
                                   help_text=_("Law and section, e.g. Varhaiskasvatuslaki 540/2018 § 5."))
    website = models.URLField(_("website"), blank=True)
    visibility = visibility_field()
    source_key = models.CharField(_("template key"), max_length=80, blank=True, editable=False,
                                  help_text=_("Set when the service was created from an interface template."))
    ptv_id = models.CharField(
        _("PTV service id"), max_length=40, blank=True, db_index=True,
        help_text=_("The service's id in Suomi.fi Palvelutietovaranto (PTV); its contacts are imported from there."))

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "source_key"], condition=~models.Q(source_key=""),
                                    name="catalogue_service_unique_source_key"),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def get_absolute_url(self):
        return reverse("catalogue:service_detail", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.unit_id and self.organisation_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("The unit must belong to the organiser.")})


class ServicePoint(RestrictedModel):
    """Palvelupiste: where the service is given; public when its service is public."""
    history_parent = "service"  # its changes show in the service's history

    org_paths = ("service__organisation",)
    visibility_path = "service__visibility"

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="points")
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="catalogue_service_points",
    )
    opening_hours = _text(_("opening hours"))
    directions = _text(_("how to get there"), _("Public transport, parking, accessibility."))
    ptv_id = models.CharField(_("PTV channel id"), max_length=40, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("service point")
        verbose_name_plural = _("service points")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:service_detail", args=[self.service_id]) + f"#point-{self.pk}"

    @property
    def address(self):
        return ", ".join(p for p in (self.street_address, f"{self.postal_code} {self.post_office}".strip()) if p)


class ContactPoint(RestrictedModel):
    """Yhteystieto: a phone line, e-mail or web channel of a service."""
    history_parent = "service"  # its changes show in the service's history

    org_paths = ("service__organisation",)
    visibility_path = "service__visibility"

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE,
                                related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    hours = models.CharField(_("service hours"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="catalogue_contact_points",
        help_text=_("Leave empty when the contact serves every municipality of the organiser."))
    ptv_id = models.CharField(_("PTV channel id"), max_length=40, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:service_detail", args=[self.service_id]) + f"#contact-{self.pk}"


class ServiceSearchTerms(models.Model):
    """The finder's stored analysis of a service's texts (catalogue/search_index.py): for each of its
    names, descriptions and "how to get" texts in fi/sv/en the words, lemmas and compound parts, so that
    a search analyses only the query. Written when a service is saved and by `manage.py index_services`;
    `analyser` names the analysis (an index made with another one is recomputed). Not a record of its
    own: no permissions, history or API; it follows its service."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, primary_key=True, related_name="search_terms")
    analyser = models.CharField(max_length=40)
    terms = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("service search terms")
        verbose_name_plural = _("service search terms")

    def __str__(self):
        return str(self.service_id)


class PtvService(models.Model):
    """A service as Suomi.fi Palvelutietovaranto publishes it (refreshed by `refresh_ptv`).

    Kept apart from `Service` so that a refresh never overwrites the register's own wording: an
    editor links a service to it (`Service.ptv_id`) after checking the suggested match."""

    ptv_id = models.CharField(_("PTV service id"), max_length=40, unique=True)
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="ptv_services")
    name = models.CharField(_("name"), max_length=300)
    summary = _text(_("summary"))
    municipality_codes = models.JSONField(_("municipalities"), default=list, blank=True)
    channel_ids = models.JSONField(_("service channels"), default=list, blank=True)
    fetched_at = models.DateTimeField(_("fetched"), auto_now=True)

    class Meta:
        verbose_name = _("PTV service")
        verbose_name_plural = _("PTV services")
        ordering = ["name_fi"]

    def __str__(self):
        return self.name


class OrganisationContact(RestrictedModel):
    """An organisation's general contacts: the fallback when a service has none of its own, and
    for a county its social emergency service (sosiaalipäivystys), shown first on crisis topics."""

    org_paths = ("organisation",)
    visibility_path = None  # public contact details

    organisation = models.OneToOneField("organisations.Organisation", verbose_name=_("organisation"),
                                        on_delete=models.CASCADE, related_name="general_contact")
    phone = models.CharField(_("switchboard phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    address = models.CharField(_("visiting address"), max_length=300, blank=True)
    hours = models.CharField(_("service hours"), max_length=200, blank=True)
    social_emergency_phone = models.CharField(
        _("social emergency service phone"), max_length=40, blank=True,
        help_text=_("Sosiaalipäivystys: the county's round-the-clock number for urgent social situations."))
    ptv_id = models.CharField(_("PTV organisation id"), max_length=40, blank=True,
                              help_text=_("Its id in Palvelutietovaranto; `refresh_ptv` reads its services."))

    class Meta:
        verbose_name = _("general contact")
        verbose_name_plural = _("general contacts")
        ordering = ["organisation__name"]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("catalogue:general_contact_list")


class SearchSynonym(RestrictedModel):
    """A search synonym kept by editors: what residents type → words of the service names it should find.

    Every search uses them on top of the shipped list (`core/data/search_synonyms.tsv`, the default); a
    stored phrase of the same language replaces the shipped one's expansion (catalogue/synonyms.py).
    The organisation is the one whose editors keep the entry; the entry applies to every search."""

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    org_paths = ("organisation",)
    visibility_path = None  # what search understands is public

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("kept by"),
                                     on_delete=models.CASCADE, related_name="search_synonyms")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    phrase = models.CharField(_("phrase as residents type it"), max_length=100,
                              help_text=_("Any form: inflected words match too (\"huoli lapsesta\")."))
    expands_to = models.CharField(_("finds"), max_length=200,
                                  help_text=_("Words of the service names it should find (\"lastensuojelu\")."))

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "phrase"]
        constraints = [models.UniqueConstraint(fields=["language", "phrase"], name="catalogue_synonym_unique")]

    def __str__(self):
        return f"{self.phrase} → {self.expands_to}"

    def get_absolute_url(self):
        return reverse("catalogue:synonym_list")

    def clean(self):
        from django.core.exceptions import ValidationError

        from yhdyspinta.core import textsearch

        self.phrase, self.expands_to = " ".join(self.phrase.split()), " ".join(self.expands_to.split())
        if not textsearch.words(self.phrase) or all(textsearch.fold(w) in textsearch.STOP_WORDS
                                                    for w in textsearch.words(self.phrase)):
            raise ValidationError({"phrase": _("Write at least one word that is not a question word.")})
        if not textsearch.words(self.expands_to):
            raise ValidationError({"expands_to": _("Write the words of the services it should find.")})


class InterfaceTemplate(models.Model):
    """A seed example (pohja) that a county instantiates for itself and its municipalities."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    description = _text(_("description"))
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)
    client_group = models.CharField(_("client group"), max_length=32, choices=ClientGroup.choices)
    services = models.JSONField(_("services"), default=list,
                                help_text=_("Services of each side: key, field, side, name_fi/sv/en."))
    levels = models.JSONField(_("cooperation levels"), default=list)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("interface template")
        verbose_name_plural = _("interface templates")
        ordering = ["order", "key"]

    def __str__(self):
        return self.title


class Interface(RestrictedModel):
    """Yhdyspinta: services of two or more organisations around a client group or theme.

    Each part of the seeds' structure is its own field so that it can be assessed and compared.
    """

    org_paths = ("parties",)

    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    summary = _text(_("summary"))
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices, db_index=True)
    client_group = models.CharField(_("client group"), max_length=32, choices=ClientGroup.choices, db_index=True)
    area = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("cooperation area"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="catalogue_area_interfaces",
        help_text=_("The wellbeing services county whose cooperation area the interface belongs to."),
    )
    parties = models.ManyToManyField("organisations.Organisation", verbose_name=_("organisations"),
                                     related_name="catalogue_interfaces")
    services = models.ManyToManyField(Service, verbose_name=_("services"), blank=True, related_name="interfaces")
    # for the client
    where_client = _text(_("where the client gets the service"), _("Mistä paikasta asiakas saa palvelun?"))
    how_guided = _text(_("how and when the client is guided there"), _("Miten asiakas ohjautuu palvelun piiriin?"))
    # the five working dimensions
    service_guidance = _text(_("service guidance"))
    processes = _text(_("multi-professional processes"))
    information_flow = _text(_("information flow"))
    data_passed = _text(_("data passed"), _("What information passes between the organisations."))
    data_legal_basis = _text(_("legal basis of the information flow"))
    resourcing = _text(_("resourcing"))
    # the four governance dimensions
    leadership = _text(_("organisations and leadership"))
    shared_goals = _text(_("shared goals"))
    escalation = _text(_("when it does not work"), _("The escalation route: steps, who, time limits."))
    development_forums = _text(_("development forums"))
    # foundations
    strategies = _text(_("strategies"))
    welfare_plans = _text(_("welfare plans and reports"))
    operating_models = _text(_("operating models"))
    agreements_text = _text(_("agreements"))
    legal_constraints = _text(_("legal constraints"))
    reform_preparation = _text(_("preparing for reforms"))
    # cooperation levels (booleans so that SQLite and PostgreSQL behave the same)
    level_political = models.BooleanField(_("political decision-making"), default=False)
    level_management = models.BooleanField(_("management"), default=False)
    level_expert = models.BooleanField(_("expert"), default=False)
    level_field = models.BooleanField(_("field work"), default=False)
    visibility = visibility_field(Visibility.INTERNAL)
    internal_notes = _text(_("internal notes"), _("Only members of the party organisations see these."))
    template = models.ForeignKey(InterfaceTemplate, verbose_name=_("template"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="instances")
    template_for = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("instantiated for"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("interface")
        verbose_name_plural = _("interfaces")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["template", "template_for"], condition=models.Q(template__isnull=False),
                                    name="catalogue_one_instance_per_template"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalogue:interface_detail", args=[self.pk])

    @property
    def levels(self):
        return [lv for lv in Level if getattr(self, f"level_{lv.value}")]

    def latest_assessments(self):
        """The newest assessment per dimension, {dimension: MaturityAssessment}."""
        latest = {}
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("assessments")
        if prefetched is not None:  # lists prefetch them: no query per row
            rows = sorted(prefetched, key=lambda a: (a.dimension, -a.assessed_on.toordinal(), -a.pk))
        else:
            rows = self.assessments.filter(retracted_at__isnull=True).order_by("dimension", "-assessed_on", "-pk")
        for a in rows:
            if a.retracted_at is None:  # a retracted assessment is history, never the current value
                latest.setdefault(a.dimension, a)
        return latest


class InterfaceResponsibility(models.Model):
    """Vastuut: what one organisation is responsible for at the interface, shown side by side."""
    history_parent = "interface"  # its changes show in the interface's history

    interface = models.ForeignKey(Interface, verbose_name=_("interface"), on_delete=models.CASCADE,
                                  related_name="responsibilities")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="+")
    text = _text(_("responsibilities"))

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["interface", "organisation"],
                                               name="catalogue_one_responsibility_per_party")]

    def __str__(self):
        return f"{self.interface} / {self.organisation}"


class InterfaceOwner(models.Model):
    """Omistaja: one named person per party organisation."""
    history_parent = "interface"  # its changes show in the interface's history

    interface = models.ForeignKey(Interface, verbose_name=_("interface"), on_delete=models.CASCADE,
                                  related_name="owners")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("organisations.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="owned_interfaces")

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["interface", "organisation"],
                                               name="catalogue_one_owner_per_party")]

    def __str__(self):
        return f"{self.person} ({self.organisation})"


class EscalationStep(models.Model):
    """One step of the route when the interface does not work: who acts and within what time."""
    history_parent = "interface"  # its changes show in the interface's history

    interface = models.ForeignKey(Interface, verbose_name=_("interface"), on_delete=models.CASCADE,
                                  related_name="escalation_steps")
    order = models.PositiveSmallIntegerField(_("step"), default=1)
    action = models.CharField(_("what is done"), max_length=300)
    who = models.CharField(_("who"), max_length=200)
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (days)"), null=True, blank=True)

    class Meta:
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.order}. {self.action}"


def helsinki_today():
    """Today in Finland: the latest date an assessment may carry, whatever the server's zone."""
    return timezone.localdate(timezone=HELSINKI)


class MaturityAssessment(RestrictedModel):
    """Kypsyysarvio of one dimension; never edited in place so that the history is kept.

    Recorded as the signed-in user (`recorded_by`; `assessed_by` is that user's person, if any).
    A wrong assessment is retracted with a reason, not deleted: it stays in the history, marked,
    and no longer counts as the current value.
    """
    history_parent = "interface"  # its changes show in the interface's history

    org_paths = ("interface__parties",)
    visibility_path = "interface__visibility"

    interface = models.ForeignKey(Interface, verbose_name=_("interface"), on_delete=models.CASCADE,
                                  related_name="assessments")
    dimension = models.CharField(_("dimension"), max_length=32, choices=Dimension.choices)
    value = models.PositiveSmallIntegerField(
        _("maturity"), choices=Maturity.choices,
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    assessed_on = models.DateField(_("date"), default=helsinki_today)
    assessed_by = models.ForeignKey("organisations.Person", verbose_name=_("assessed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = _text(_("comment"))
    retracted_at = models.DateTimeField(_("retracted"), null=True, blank=True, editable=False)
    retracted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("retracted by"), null=True,
                                     blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    retraction_reason = models.TextField(_("reason for retraction"), blank=True, editable=False)

    class Meta:
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__lte=3), name="catalogue_maturity_0_3"),
            models.CheckConstraint(condition=models.Q(retracted_at__isnull=True) | ~models.Q(retraction_reason=""),
                                   name="catalogue_retraction_has_reason"),
        ]

    def __str__(self):
        return f"{self.interface}: {self.get_dimension_display()} {self.value}"

    def get_absolute_url(self):
        return reverse("catalogue:interface_detail", args=[self.interface_id]) + f"#assessment-{self.pk}"

    @property
    def is_retracted(self) -> bool:
        return self.retracted_at is not None

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.assessed_on and self.assessed_on > helsinki_today():
            raise ValidationError({"assessed_on": _(
                "An assessment cannot be dated in the future (latest allowed date: %(today)s)."
            ) % {"today": formats.date_format(helsinki_today(), "SHORT_DATE_FORMAT")}})


class MappingRound(RestrictedModel):
    """Kartoituskierros: a county asks every party how each interface of its area works."""

    # The county writes; its area's members are involved (they read the round, see its internal
    # parts, and their admins see its reads in the access log) but only read: a path in both lists.
    org_paths = ("area", "area__area_members")
    reader_paths = ("area__area_members",)

    area = models.ForeignKey("organisations.Organisation", verbose_name=_("county"), on_delete=models.PROTECT,
                             related_name="catalogue_rounds")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    instructions = _text(_("instructions"))
    opens_on = models.DateField(_("opens"), default=timezone.localdate)
    closes_on = models.DateField(_("closes"), null=True, blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    visibility = visibility_field(Visibility.INTERNAL)

    class Meta:
        verbose_name = _("mapping round")
        verbose_name_plural = _("mapping rounds")
        ordering = ["-opens_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalogue:round_detail", args=[self.pk])

    def interfaces(self):
        return Interface.objects.filter(area=self.area)


class MappingAnswer(RestrictedModel):
    """One organisation's answer about one interface in a mapping round."""
    history_parent = "round"  # its changes show in the round's history

    org_paths = ("organisation",)
    visibility_path = "round__visibility"

    round = models.ForeignKey(MappingRound, verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="answers")
    interface = models.ForeignKey(Interface, verbose_name=_("interface"), on_delete=models.CASCADE,
                                  related_name="mapping_answers")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("answering organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    exists = models.CharField(_("exists"), max_length=10, choices=Answer.choices, default=Answer.UNKNOWN)
    agreed = models.CharField(_("agreed"), max_length=10, choices=Answer.choices, default=Answer.UNKNOWN)
    works = models.CharField(_("works"), max_length=10, choices=Answer.choices, default=Answer.UNKNOWN)
    problems = _text(_("problems"))
    good_practices = _text(_("good practices"))
    proposals = _text(_("proposals"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("mapping answer")
        verbose_name_plural = _("mapping answers")
        ordering = ["interface__title", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["round", "interface", "organisation"],
                                               name="catalogue_one_answer_per_party")]

    def __str__(self):
        return f"{self.round}: {self.interface} / {self.organisation}"

    def get_absolute_url(self):
        return reverse("catalogue:round_detail", args=[self.round_id])


__all__ = ["Level"]
