"""fi/sv/en content fields (Finnish is the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Person, Unit


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("title",)
