"""fi/sv/en content fields of the integration study (Finnish is the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Study, StudyParty


@register(Study)
class StudyTranslation(TranslationOptions):
    fields = ("title", "description")


@register(StudyParty)
class StudyPartyTranslation(TranslationOptions):
    fields = ("label",)
