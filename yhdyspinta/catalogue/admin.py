from django.contrib import admin

from .models import (
    Interface,
    InterfaceTemplate,
    MappingRound,
    MaturityAssessment,
    OrganisationContact,
    PtvService,
    Service,
)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "field", "visibility")
    list_filter = ("field", "visibility")
    search_fields = ("name_fi", "name_sv", "name_en")


@admin.register(Interface)
class InterfaceAdmin(admin.ModelAdmin):
    list_display = ("title", "theme", "client_group", "area", "visibility")
    list_filter = ("theme", "client_group", "visibility")
    search_fields = ("title_fi", "title_sv", "title_en")
    filter_horizontal = ("parties", "services")


admin.site.register(InterfaceTemplate)
admin.site.register(MaturityAssessment)
admin.site.register(MappingRound)


@admin.register(OrganisationContact)
class OrganisationContactAdmin(admin.ModelAdmin):
    """General contacts (the finder's fallback, the county's social emergency number, the PTV id)."""

    list_display = ("organisation", "phone", "social_emergency_phone", "ptv_id")
    search_fields = ("organisation__name_fi", "organisation__name_sv")
    autocomplete_fields = ("organisation",)


@admin.register(PtvService)
class PtvServiceAdmin(admin.ModelAdmin):
    """Read-only: what the last `refresh_ptv` brought."""

    list_display = ("name", "organisation", "ptv_id", "fetched_at")
    search_fields = ("name_fi", "name_sv", "ptv_id")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
