"""fi/sv/en content fields (Finnish is the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Area, Roadmap, RoadmapTask, SubArea


@register(Roadmap)
class RoadmapTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name",)


@register(SubArea)
class SubAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(RoadmapTask)
class RoadmapTaskTranslation(TranslationOptions):
    fields = ("title",)
