"""Shared building blocks: visibility, the restricted queryset, the access log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import policy

VERSION_FIELD = "version"  # the optimistic-concurrency column (core.concurrency)


class Visibility(models.TextChoices):
    """Julkisuus: public documents are public by law; only some parts are secret."""

    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


def visibility_field(default=Visibility.PUBLIC, **options):
    """THE `visibility` column of a RestrictedModel (public/internal): one declaration for every
    app; the default (public or internal) and e.g. help_text or editable=False vary per model."""
    return models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=default, **options)


def translated_names(*names: str) -> list[str]:
    """The per-language fields of translated content fields (modeltranslation), for the `fields`
    of forms and serializers: ("name", "description") → name_fi, name_sv, name_en, description_fi, …"""
    return [f"{name}_{lang}" for name in names for lang in settings.MODELTRANSLATION_LANGUAGES]


class RestrictedQuerySet(models.QuerySet):
    """`Model.objects.restrict(user, action)`: the one permission path for pages, API, exports, search."""

    def restrict(self, user, action: str = "view"):
        return policy.restrict(self, user, action)  # the rules: accounts.permissions


class RestrictedModel(models.Model):
    """Base for records that belong to organisations.

    `org_paths` are ORM lookups from the record to the organisations involved; members of
    those organisations may read internal records, editors may change them.
    `reader_paths` (optional) name organisations whose members only read the record (a roadmap's
    reporting regions): the same rule, one declaration, no `restrict_queryset` of its own.
    `visibility_path` names the public/internal field (None: always public).
    """

    org_paths: tuple[str, ...] = ()
    reader_paths: tuple[str, ...] = ()
    visibility_path: str | None = "visibility"
    # Fields that are internal inside a record that may itself be public. Every field whose name
    # starts with "internal_" is internal without being listed here, so a new one cannot leak by
    # omission; list the others (e.g. a body whose own visibility says so) and, rarely, an
    # "internal_" field that is not internal in `public_fields`.
    internal_fields: tuple[str, ...] = ()
    public_fields: tuple[str, ...] = ()

    # Optimistic concurrency (no lost update): every write through core.actions bumps it with a
    # conditional UPDATE; a form or API write carrying an older version is refused as a conflict.
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Saving an existing record bumps `version` (`version = version + 1` in the same UPDATE),
        unless the write already did with `core.concurrency.check_and_bump_version`; so a write
        that does not come from a form still makes the forms open on the old version stale."""
        if self._state.adding or self.pk is None or not is_versioned(type(self)):
            return super().save(*args, **kwargs)
        if self.__dict__.pop("_version_bumped", False):
            return super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], VERSION_FIELD}
        self.version = models.F(VERSION_FIELD) + 1
        try:
            super().save(*args, **kwargs)
        finally:
            # the new number is read from the database when next needed (no extra query now)
            self.__dict__.pop(VERSION_FIELD, None)

    @property
    def is_internal(self) -> bool:
        if not self.visibility_path:
            return False
        value = self
        for part in self.visibility_path.split("__"):
            value = getattr(value, part, None)
        return value == Visibility.INTERNAL

    @classmethod
    def internal_field_names(cls) -> frozenset[str]:
        """The field names (with their _fi/_sv/_en variants) hidden from outsiders."""
        cached = cls.__dict__.get("_internal_field_names")
        if cached is not None:
            return cached
        declared = set(cls.internal_fields)
        names = set()
        for field in cls._meta.get_fields():
            name = field.name
            base = name.rsplit("_", 1)[0] if name[-3:] in ("_fi", "_sv", "_en") else name
            if base in cls.public_fields or name in cls.public_fields:
                continue
            if name.startswith("internal_") or name in declared or base in declared:
                names.add(name)
        cls._internal_field_names = frozenset(names)
        return cls._internal_field_names

    @classmethod
    def field_public_q(cls, field: str) -> Q | None:
        """Rows whose internal `field` is nevertheless public to everyone (checked minutes), as the
        database's twin of a `hidden_fields_for` override, so text search never matches words an
        outsider may not read. None: the field is for insiders only."""
        return None

    def hidden_fields_for(self, user) -> frozenset[str]:
        """The one rule for fields: what `user` may not see of this record (pages, history, API,
        exports, PDF). Models whose internal parts depend on state (unchecked minutes, an item
        body marked internal) override this and call super()."""
        if policy.can_view_internal_of(user, self.involved_organisation_ids()):
            return frozenset()
        return self.internal_field_names()

    def involved_organisation_ids(self) -> set[int]:
        """Organisations a not-yet-saved or saved record involves (for add checks)."""
        ids: set[int] = set()
        for path in self.org_paths:
            head, _sep, rest = path.partition("__")
            field = self._meta.get_field(head)
            if field.many_to_many or field.one_to_many:
                if self.pk:
                    values = getattr(self, head).values_list(rest or "pk", flat=True)
                    ids.update(v for v in values if v)
            elif not rest:
                value = getattr(self, f"{head}_id", None)
                if value:
                    ids.add(value)
            else:
                obj = getattr(self, head, None)
                if obj is not None:
                    for part in rest.split("__"):
                        obj = getattr(obj, part, None)
                    if obj is not None:
                        ids.add(obj.pk if hasattr(obj, "pk") else obj)
        return ids


def is_versioned(model) -> bool:
    """True for RestrictedModels whose `version` is the concurrency column (core.concurrency).

    Two models keep a `version` of their own meaning (funding.ParameterSet counts saved parameter
    data, cooperation.AgreementDocument numbers a document's editions); they are not versioned here.
    """
    if not (isinstance(model, type) and issubclass(model, RestrictedModel)):
        model = type(model)
        if not issubclass(model, RestrictedModel):
            return False
    try:
        field = model._meta.get_field(VERSION_FIELD)
    except Exception:  # noqa: BLE001 - no such field
        return False
    return field.creation_counter == RestrictedModel._meta.get_field(VERSION_FIELD).creation_counter


class AccessLog(models.Model):
    """Read and disclosure log (tiedonhallintalaki § 17): reads of internal data, exports, logins."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        EXPORT = "export", _("Export")
        SEARCH = "search", _("Search")
        LOGIN_SUCCESS = "login_success", _("Login")
        LOGIN_FAILURE = "login_failure", _("Failed login")
        LOGOUT = "logout", _("Logout")

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("record type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_ids = models.TextField(_("record ids"), blank=True)
    # The organisations the records involve, as ",3,17," (written by core.audit.log_access), so
    # each organisation's admins see who read and exported their data (/audit/access/).
    organisation_ids = models.TextField(_("organisations"), blank=True, default="")
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-timestamp"]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.action}"


FEEDBACK_ANSWER_DAYS = 14  # Act 306/2019 § 15: feedback is answered within 14 days


class AccessibilityFeedback(models.Model):
    """A message sent from the accessibility statement's feedback form (Act 306/2019 § 15).

    Personal data is kept to what an answer needs: the optional reply address. The change log
    masks it (AUDITLOG_MASK_TRACKING_FIELDS) and leaves the message out (settings
    AUDITLOG_INCLUDE_TRACKING_MODELS); only feedback handlers (`core.feedback.may_handle_feedback`)
    see the records. Written by `core.actions.receive_accessibility_feedback`, answered by
    `core.actions.mark_feedback_answered`."""

    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    page = models.CharField(_("page address"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    email = models.EmailField(_("reply address"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.received_at:%Y-%m-%d %H:%M} #{self.pk}"

    @property
    def due_date(self):
        """The last day of the legal answer time (14 days from the day it arrived)."""
        import datetime

        from django.utils import timezone

        return timezone.localdate(self.received_at) + datetime.timedelta(days=FEEDBACK_ANSWER_DAYS)

    def is_overdue(self, today=None) -> bool:
        from django.utils import timezone

        return self.answered_at is None and (today or timezone.localdate()) > self.due_date
