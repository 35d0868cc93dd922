"""fi/sv/en content fields (Finnish is the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, DutyRule, Forum


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("name", "mandate")


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "description")


@register(DutyRule)
class DutyRuleTranslation(TranslationOptions):
    fields = ("title", "description")
