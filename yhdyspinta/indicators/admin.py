from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Composite,
    CompositeComponent,
    GoalActor,
    GoalIndicator,
    ImportRun,
    Indicator,
    IndicatorSet,
    Measure,
    ReportSection,
    SharedGoal,
    WelfareReport,
)


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ("source_id", "title", "source", "unit", "last_year")
    list_filter = ("source",)
    search_fields = ("title", "source_id")


@admin.register(IndicatorSet)
class IndicatorSetAdmin(TranslationAdmin):
    list_display = ("name", "organisation", "followed")
    filter_horizontal = ("indicators",)


class GoalActorInline(TranslationTabularInline):
    model = GoalActor
    extra = 0


class GoalIndicatorInline(admin.TabularInline):
    model = GoalIndicator
    extra = 0


@admin.register(SharedGoal)
class SharedGoalAdmin(TranslationAdmin):
    list_display = ("title", "organisation", "visibility")
    inlines = (GoalActorInline, GoalIndicatorInline)


@admin.register(Measure)
class MeasureAdmin(TranslationAdmin):
    list_display = ("title", "goal", "status", "start", "end")


class ComponentInline(admin.TabularInline):
    model = CompositeComponent
    extra = 0


@admin.register(Composite)
class CompositeAdmin(TranslationAdmin):
    list_display = ("name", "organisation", "level")
    inlines = (ComponentInline,)


class SectionInline(TranslationTabularInline):
    model = ReportSection
    extra = 0


@admin.register(WelfareReport)
class WelfareReportAdmin(TranslationAdmin):
    list_display = ("title", "organisation", "kind", "year", "status")
    inlines = (SectionInline,)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("started", "source", "created", "updated", "unchanged", "skipped", "user")
    readonly_fields = tuple(f.name for f in ImportRun._meta.fields)
