"""Admin for studies and parties only: respondents and answers stay out of every list (anonymity)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Study, StudyParty


@admin.register(Study)
class StudyAdmin(TranslationAdmin):
    list_display = ("title", "owner", "status", "invited", "visibility")
    list_filter = ("status", "visibility")
    search_fields = ("title",)
    exclude = ("results_cache",)


@admin.register(StudyParty)
class StudyPartyAdmin(TranslationAdmin):
    list_display = ("code", "label", "study", "organiser", "fixed_by_law")
    list_filter = ("organiser", "fixed_by_law")
    search_fields = ("code", "label")
