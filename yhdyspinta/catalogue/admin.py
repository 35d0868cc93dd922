from django.contrib import admin

from .models import Interface, InterfaceTemplate, MappingRound, MaturityAssessment, Service


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
