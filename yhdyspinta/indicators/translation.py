"""fi/sv/en content fields (Finnish is the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Composite,
    GoalActor,
    Indicator,
    IndicatorSet,
    Measure,
    ReportSection,
    SharedGoal,
    WelfareReport,
)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("title", "description", "unit", "source_organisation")


@register(IndicatorSet)
class IndicatorSetTranslation(TranslationOptions):
    fields = ("name", "description")


@register(SharedGoal)
class SharedGoalTranslation(TranslationOptions):
    fields = ("title", "description")


@register(GoalActor)
class GoalActorTranslation(TranslationOptions):
    fields = ("role",)


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "resources")


@register(Composite)
class CompositeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(WelfareReport)
class WelfareReportTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(ReportSection)
class ReportSectionTranslation(TranslationOptions):
    fields = ("title", "analysis")
