"""Admin: duty rules and council terms are edited here (data, not code)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    CouncilTerm,
    Duty,
    DutyEvidence,
    DutyRule,
    Escalation,
    Forum,
    ForumMember,
    Meeting,
)


@admin.register(DutyRule)
class DutyRuleAdmin(TranslationAdmin):
    list_display = ("key", "title", "applies_to", "period_kind", "count_per_period", "legal_source", "active")
    list_filter = ("applies_to", "period_kind", "active")


@admin.register(CouncilTerm)
class CouncilTermAdmin(admin.ModelAdmin):
    list_display = ("kind", "start", "end", "source")


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ("rule", "county", "municipality", "period_label", "due_date")
    list_filter = ("rule", "county")


admin.site.register(DutyEvidence)


class MemberInline(admin.TabularInline):
    model = ForumMember
    extra = 0
    raw_id_fields = ("person",)


@admin.register(Forum)
class ForumAdmin(TranslationAdmin):
    list_display = ("name", "level", "kind", "area", "visibility")
    list_filter = ("level", "kind")
    inlines = (MemberInline,)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("forum", "starts_at", "visibility", "minutes_checked_on")


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ("title", "raised_by", "to_forum", "state")


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(TranslationAdmin):
    list_display = ("title", "kind", "valid_from", "valid_until", "visibility")
    inlines = (PartyInline,)


admin.site.register(AgreementDocument)
