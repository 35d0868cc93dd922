"""Roadmaps, their areas, sub-areas and tasks created and edited on pages (through actions.save_structure);
the roadmap's writers only. Reporting regions have their own page (views.RoadmapRegionsView)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.views.generic import ObjectEditView
from yhdyspinta.core.widgets import DateInput

from . import actions
from .models import Area, Roadmap, RoadmapTask, SubArea


class RoadmapForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("owner",)

    class Meta:
        model = Roadmap
        fields = ["name", "description", "owner", "target_date", "visibility"]
        widgets = {"target_date": DateInput()}


class _PartForm(RestrictedFormMixin, forms.ModelForm):
    """The roadmap is one the user may change; it stays fixed once the part is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roadmap"].queryset = Roadmap.objects.restrict(self.user, "change")
        if self.instance.pk:
            self.fields["roadmap"].disabled = True


class AreaForm(_PartForm):
    class Meta:
        model = Area
        fields = ["roadmap", "code", "letter", "name", "order"]


def area_label(area) -> str:
    """An area named with its roadmap, so areas of the same name in two roadmaps are told apart."""
    return f"{area.roadmap}: {area}"


class SubAreaForm(RestrictedFormMixin, forms.ModelForm):
    """A sub-area of an area of a roadmap the user may change; the area stays fixed once saved."""

    class Meta:
        model = SubArea
        fields = ["area", "code", "letter", "name", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["area"]
        field.queryset = Area.objects.filter(
            roadmap__in=Roadmap.objects.restrict(self.user, "change")).select_related("roadmap")
        field.label_from_instance = area_label
        if self.instance.pk:
            field.disabled = True


class TaskForm(_PartForm):
    class Meta:
        model = RoadmapTask
        fields = ["roadmap", "area", "subarea", "code", "title", "due_date", "critical", "applies_to", "order"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roadmaps = self.fields["roadmap"].queryset
        chosen = self.instance.roadmap_id if self.instance.pk else (self.data or self.initial).get("roadmap")
        if chosen and str(chosen).isdigit():
            roadmaps = roadmaps.filter(pk=chosen)  # the areas of the roadmap the task is for
        area, subarea = self.fields["area"], self.fields["subarea"]
        area.queryset = Area.objects.filter(roadmap__in=roadmaps).select_related("roadmap")
        area.label_from_instance = area_label
        subarea.queryset = SubArea.objects.filter(area__roadmap__in=roadmaps).select_related("area__roadmap")
        subarea.label_from_instance = lambda part: f"{area_label(part.area)}: {part}"

    def clean(self):
        data = super().clean()
        roadmap, area, subarea = data.get("roadmap"), data.get("area"), data.get("subarea")
        if roadmap and area and area.roadmap_id != roadmap.pk:
            raise ValidationError({"area": _("The area belongs to another roadmap.")})
        if area and subarea and subarea.area_id != area.pk:
            raise ValidationError({"subarea": _("The sub-area belongs to another area.")})
        return data


class RoadmapEditView(ObjectEditView):
    model = Roadmap
    form_class = RoadmapForm
    save_action = staticmethod(actions.save_structure)


class RoadmapPartEditView(ObjectEditView):
    """An area or a task: saved through the roadmap's structure action, then back to the roadmap."""

    save_action = staticmethod(actions.save_structure)

    def success_url_for(self, result):
        return result.roadmap.get_absolute_url()


class AreaEditView(RoadmapPartEditView):
    model = Area
    form_class = AreaForm


class TaskEditView(RoadmapPartEditView):
    model = RoadmapTask
    form_class = TaskForm


class SubAreaEditView(RoadmapPartEditView):
    model = SubArea
    form_class = SubAreaForm

    def success_url_for(self, result):
        return result.area.roadmap.get_absolute_url()
