"""fi/sv/en content fields (Finnish is the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import InputSet, ParameterSet


@register(ParameterSet)
class ParameterSetTranslation(TranslationOptions):
    fields = ("title",)


@register(InputSet)
class InputSetTranslation(TranslationOptions):
    fields = ("title", "source_note")
