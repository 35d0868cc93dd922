"""fi/sv/en content fields (Finnish is the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    ContactPoint,
    EscalationStep,
    Interface,
    InterfaceResponsibility,
    InterfaceTemplate,
    OrganisationContact,
    PtvService,
    Service,
    ServicePoint,
)

INTERFACE_TEXTS = (
    "title", "summary", "where_client", "how_guided", "service_guidance", "processes", "information_flow",
    "data_passed", "data_legal_basis", "resourcing", "leadership", "shared_goals", "escalation",
    "development_forums", "strategies", "welfare_plans", "operating_models", "agreements_text",
    "legal_constraints", "reform_preparation",
)


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description", "how_to_get")


@register(ServicePoint)
class ServicePointTranslation(TranslationOptions):
    fields = ("name", "opening_hours", "directions")


@register(ContactPoint)
class ContactPointTranslation(TranslationOptions):
    fields = ("name", "hours")


@register(PtvService)
class PtvServiceTranslation(TranslationOptions):
    fields = ("name", "summary")


@register(OrganisationContact)
class OrganisationContactTranslation(TranslationOptions):
    fields = ("hours",)


@register(InterfaceTemplate)
class InterfaceTemplateTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Interface)
class InterfaceTranslation(TranslationOptions):
    fields = INTERFACE_TEXTS


@register(InterfaceResponsibility)
class InterfaceResponsibilityTranslation(TranslationOptions):
    fields = ("text",)


@register(EscalationStep)
class EscalationStepTranslation(TranslationOptions):
    fields = ("action", "who")
