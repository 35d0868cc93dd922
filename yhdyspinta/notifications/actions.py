"""Writes: a user's notification preferences and language; unsubscribing by a signed link."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yhdyspinta.core.actions import audited

from .models import Kind, Mode, NotificationPreference, default_mode


def set_preferences(user, modes: dict[str, str], *, language: str | None = None):
    """`modes`: kind → immediate/daily/off. A mode equal to the default is stored all the same,
    so a later change of defaults does not change what the user chose."""
    for kind, mode in modes.items():
        if kind not in Kind.values or mode not in Mode.values:
            raise ValidationError(_("Unknown notification kind or mode."))
    with audited(user):
        for kind, mode in modes.items():
            NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})
        if language is not None and language != user.language:
            user.language = language
            user.full_clean(validate_unique=False, exclude=["password"])
            user.save(update_fields=["language"])


def current_modes(user) -> dict[str, str]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mode"))
    return {kind: chosen.get(kind, default_mode(kind)) for kind in Kind.values}


def unsubscribe(user, kind: str):
    """The signed link in every e-mail: this kind off, without signing in."""
    set_preferences(user, {kind: Mode.OFF})
