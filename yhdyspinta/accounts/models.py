"""Users and their memberships in organisations (käyttäjät ja roolit)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.models import RestrictedQuerySet


class User(AbstractUser):
    """A login. Rights come from memberships; `is_national_reader` reads every area, writes nothing."""

    is_national_reader = models.BooleanField(
        _("national reader"), default=False,
        help_text=_("Ministry or Kuntaliitto expert: may read every area but write nothing."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=[("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))],
        default="fi", help_text=_("The language of the e-mails the service sends you."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    COUNTY_COORDINATOR = "county_coordinator", _("County coordinator")


class Membership(models.Model):
    """A user's role in one organisation (jäsenyys)."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.VIEWER)
    source = models.CharField(
        _("source"), max_length=80, blank=True, default="",
        help_text=_("Empty: added by hand and kept. \"sso:<provider>\": given by the single sign-on "
                    "group mapping and updated at each sign-in."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]
        ordering = ["organisation__name", "user__username"]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @classmethod
    def restrict_queryset(cls, qs, user, action):
        """Memberships are never public: a user sees their own, org admins manage their orgs'."""
        from .permissions import ALL, org_ids

        if not user.is_authenticated:
            return qs.none()
        if user.is_superuser:
            return qs
        managed = org_ids(user, "admin")
        if action == "view":
            if user.is_national_reader:
                return qs
            if managed is ALL:
                return qs
            return qs.filter(models.Q(user=user) | models.Q(organisation_id__in=managed))
        if managed is ALL:
            return qs
        return qs.filter(organisation_id__in=managed)

    def involved_organisation_ids(self):
        return {self.organisation_id} if self.organisation_id else set()

    is_internal = True


ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ORG_ADMIN: 2, Role.COUNTY_COORDINATOR: 3}
ENV_PREFIX = "env:"


class IdentityProvider(models.Model):
    """An organisation's OpenID Connect provider (e.g. a Microsoft Entra ID tenant) for single sign-on."""

    name = models.CharField(_("name"), max_length=200, help_text=_("Shown on the button \"Sign in with …\"."))
    slug = models.SlugField(_("identifier"), max_length=50, unique=True)
    issuer = models.URLField(
        _("issuer"), max_length=300,
        help_text=_("e.g. https://login.microsoftonline.com/<tenant id>/v2.0; "
                    "its /.well-known/openid-configuration is read."),
    )
    client_id = models.CharField(_("client ID"), max_length=200)
    client_secret = models.CharField(
        _("client secret"), max_length=500, blank=True,
        help_text=_("The secret itself, or env:VARIABLE to read it from the environment."),
    )
    scopes = models.CharField(_("scopes"), max_length=300, default="openid email profile")
    allowed_domains = models.TextField(
        _("allowed e-mail domains"), blank=True,
        help_text=_("One or more, separated by spaces or commas, e.g. pirha.fi tampere.fi. "
                    "Empty: any e-mail address the provider vouches for."),
    )
    groups_claim = models.CharField(_("groups claim"), max_length=100, default="groups")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("serves"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="identity_providers",
        help_text=_("The county or organisation whose staff sign in here; mappings may only give "
                    "roles in it and in the organisations of its area."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if "openid" not in self.scopes.split():
            raise ValidationError({"scopes": _("The scopes must include \"openid\".")})

    def secret(self) -> str:
        """The client secret; an env:NAME reference is read from the environment."""
        import os

        from django.core.exceptions import ImproperlyConfigured

        if self.client_secret.startswith(ENV_PREFIX):
            name = self.client_secret[len(ENV_PREFIX):]
            value = os.environ.get(name)
            if not value:
                raise ImproperlyConfigured(f"environment variable {name} (client secret of {self.slug}) is not set")
            return value
        return self.client_secret

    def domains(self) -> list[str]:
        return [d.strip().lstrip("@").lower() for d in self.allowed_domains.replace(",", " ").split() if d.strip()]

    @property
    def source(self) -> str:
        """The Membership.source of the memberships this provider's mapping manages."""
        return f"sso:{self.slug}"


class ClaimMapping(models.Model):
    """A claim value (e.g. an Entra ID group's object ID) that gives a role in an organisation."""

    provider = models.ForeignKey(
        IdentityProvider, verbose_name=_("identity provider"), on_delete=models.CASCADE, related_name="mappings"
    )
    value = models.CharField(_("claim value"), max_length=255, help_text=_("e.g. an Entra ID group object ID"))
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="claim_mappings",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("claim mapping")
        verbose_name_plural = _("claim mappings")
        constraints = [
            models.UniqueConstraint(fields=["provider", "value", "organisation"], name="unique_claim_mapping"),
        ]
        ordering = ["provider", "value"]

    def __str__(self):
        return f"{self.value} → {self.organisation} ({self.get_role_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        served = self.provider.organisation if self.provider_id else None
        if served is not None and self.organisation_id and self.organisation_id != served.pk \
                and self.organisation.area_id != served.pk:
            raise ValidationError({"organisation": _("This provider serves %(org)s: map only to it or to the "
                                                     "organisations of its area.") % {"org": served}})


class ExternalIdentity(models.Model):
    """The link from a provider's subject (the ID token's `sub`) to a user."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="identities")
    provider = models.ForeignKey(
        IdentityProvider, verbose_name=_("identity provider"), on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(_("subject"), max_length=255)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="unique_external_identity")]

    def __str__(self):
        return f"{self.provider.slug}:{self.subject} → {self.user}"


def _default_token_expiry():
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    days = getattr(settings, "API_TOKEN_DEFAULT_DAYS", 90)
    return timezone.now() + timedelta(days=days) if days else None


class ApiToken(models.Model):
    """A personal API key (`Authorization: Token <key>`), stored hashed; its plaintext is shown once.

    The key is `<prefix>.<secret>`: the prefix (not secret, indexed, unique) finds the row, the SHA-256
    of the whole key is compared in constant time. A revoked token stays as a row so that a reused key
    is refused with its own message (docs/accounts.md "API tokens").
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    description = models.CharField(_("description"), max_length=200, blank=True)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, editable=False)
    write_enabled = models.BooleanField(
        _("write enabled"), default=False,
        help_text=_("Without this the token only reads: changing requests are refused."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True, default=_default_token_expiry)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"


INVITATION_DAYS = 7


def _invitation_expiry():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """An organisation admin's invitation by e-mail to join an organisation with a role.

    The link carries a random token; only its SHA-256 is stored (`token_hash`, left out of the change
    log). The link works once, until `expires` (7 days), and not after it is revoked or replaced by a
    newer invitation of the same address to the same organisation (docs/accounts.md "Managing members").
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.VIEWER)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, verbose_name=_("accepted by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]
        indexes = [models.Index(fields=["organisation", "email"], name="invitation_org_email")]

    def __str__(self):
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    @classmethod
    def restrict_queryset(cls, qs, user, action):
        """Invitations are seen and handled only by those who manage the organisation's memberships."""
        from .permissions import ALL, org_ids

        if not user.is_authenticated:
            return qs.none()
        managed = org_ids(user, "admin")
        return qs if managed is ALL else qs.filter(organisation_id__in=managed)

    @staticmethod
    def hash_token(token: str) -> str:
        import hashlib

        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def status(self) -> str:
        """open, accepted, revoked or expired."""
        from django.utils import timezone

        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires <= timezone.now():
            return "expired"
        return "open"
