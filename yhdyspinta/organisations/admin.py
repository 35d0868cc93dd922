from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Organisation, Person, Unit


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ("name", "kind", "code", "area", "population", "valid_until")
    list_filter = ("kind", "organises_sote")
    search_fields = ("name", "code")


@admin.register(Unit)
class UnitAdmin(TranslationAdmin):
    list_display = ("name", "organisation", "parent")
    search_fields = ("name",)


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ("last_name", "first_name", "organisation", "visibility")
    search_fields = ("last_name", "first_name")
