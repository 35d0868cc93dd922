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
